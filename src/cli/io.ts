/**
 * Where a command writes, so that commands run the same in a process and in tests: text
 * to stdout and stderr, whether stderr is a terminal (for progress lines), the
 * environment, and a signal that aborts the command (Ctrl-C).
 */

/** A command's outputs and surroundings. */
export interface CliIo {
  /** Writes text to standard output. */
  stdout(text: string): void;
  /** Writes text to standard error. */
  stderr(text: string): void;
  /** True when standard error is a terminal (progress lines are shown only then). */
  readonly stderrIsTTY: boolean;
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the user interrupts the command. */
  readonly signal?: AbortSignal;
}

/** A usage problem: the message, and whether the usage text follows it. */
export interface UsageProblem {
  readonly message: string;
  /** Print the command's usage after the message. Default true. */
  readonly usage?: boolean;
  /** Exit status. Default 1. */
  readonly status?: number;
  /** Write the message to stdout instead of stderr (`--version`). Default false. */
  readonly toStdout?: boolean;
}

/** A parse that either worked or names the usage problem. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & UsageProblem);

/** A successful parse. */
export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** A failed parse. */
export function problem<T = never>(message: string, usage = true, status = 1): Parsed<T> {
  return { ok: false, message, usage, status };
}

/**
 * An io on the process's own streams. A stream that fails (`EPIPE` when the reader of a
 * pipe exits, as `| head` does) is written no more, instead of an unhandled `error` event
 * ending the process with a stack trace; when it is standard output, `onOutputClosed` is
 * called once, so that the command can stop (its output is going nowhere).
 */
export function processIo(signal?: AbortSignal, onOutputClosed?: (err: Error) => void): CliIo {
  let stdoutOpen = true;
  let stderrOpen = true;
  process.stdout.on('error', (err: Error) => {
    if (!stdoutOpen) return;
    stdoutOpen = false;
    onOutputClosed?.(err);
  });
  process.stderr.on('error', () => {
    stderrOpen = false;
  });
  return {
    stdout: (t) => {
      if (stdoutOpen) process.stdout.write(t);
    },
    stderr: (t) => {
      if (stderrOpen) process.stderr.write(t);
    },
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    ...(signal === undefined ? {} : { signal }),
  };
}

/** Collects output in memory (tests, and commands run from code). */
export class BufferIo implements CliIo {
  out = '';
  err = '';
  readonly stderrIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;

  constructor(options: { stderrIsTTY?: boolean; env?: Record<string, string | undefined>; signal?: AbortSignal } = {}) {
    this.stderrIsTTY = options.stderrIsTTY ?? false;
    this.env = options.env ?? {};
    if (options.signal !== undefined) this.signal = options.signal;
  }

  stdout(text: string): void {
    this.out += text;
  }

  stderr(text: string): void {
    this.err += text;
  }
}
