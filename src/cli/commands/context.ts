/**
 * What every query command shares once its arguments are read: the printer, the OID
 * reader, buffered output, and the way varbinds are written (net-snmp lines or `--json`).
 */
import { InvalidArgumentError } from '../../errors.js';
import type { OidParseFailure } from '../../mib/oid-parse.js';
import type { Oid } from '../../smi/oid.js';
import type { VarBind } from '../../smi/types.js';
import type { CommonArgs } from '../args/snmpcmd.js';
import { varBindJsonLine } from '../format/json.js';
import type { OidNamer } from '../format/oid-names.js';
import { Printer } from '../format/printer.js';
import type { CliIo, UsageProblem } from '../io.js';

/** A command's running state. */
export class QueryContext {
  readonly printer: Printer;
  #buffer = '';

  constructor(
    /** `tsnmp get` */
    readonly name: string,
    readonly common: CommonArgs,
    readonly io: CliIo,
    namer: OidNamer,
  ) {
    this.printer = new Printer(common.output, namer);
  }

  /** The agent operand as the user wrote it. */
  get agent(): string {
    return this.common.operands[0]!;
  }

  /**
   * Reads an OID operand (with `-IS` prefix and `-Is` suffix for textual ones).
   * @throws InvalidArgumentError `TEXT: Unknown Object Identifier (…)`, net-snmp's words.
   */
  parseOid(text: string): Oid {
    let t = text;
    const textual = /[A-Za-z]/.test(t);
    if (textual && this.common.oidPrefix !== undefined) t = this.common.oidPrefix + t;
    if (textual && this.common.oidSuffix !== undefined) t = t + this.common.oidSuffix;
    try {
      return this.printer.namer.parse(t);
    } catch (err) {
      // net-snmp prints the MIB loader's notes on their own lines before the error.
      const cause = (err as Error).cause;
      const notes = isOidParseFailure(cause) ? cause.notes.map((n) => `${n}\n`).join('') : '';
      throw new InvalidArgumentError(`${notes}${text}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Queues a varbind's line (or JSON object). */
  varbind(vb: VarBind, prefix = ''): void {
    this.#buffer += this.common.json ? varBindJsonLine(vb) : `${prefix}${this.printer.line(vb)}\n`;
    if (this.#buffer.length > 65536) this.flush();
  }

  /** Queues the lines of a response's varbinds (one flush check for all of them). */
  varbinds(vbs: readonly VarBind[]): void {
    let b = this.#buffer;
    if (this.common.json) {
      for (let i = 0; i < vbs.length; i++) b += varBindJsonLine(vbs[i]!);
    } else {
      const printer = this.printer;
      for (let i = 0; i < vbs.length; i++) b += `${printer.line(vbs[i]!)}\n`;
    }
    this.#buffer = b;
    if (b.length > 65536) this.flush();
  }

  /** Queues a line of text for stdout. */
  line(text: string): void {
    this.#buffer += `${text}\n`;
    if (this.#buffer.length > 65536) this.flush();
  }

  /** Writes what is queued. */
  flush(): void {
    if (this.#buffer.length > 0) {
      this.io.stdout(this.#buffer);
      this.#buffer = '';
    }
  }

  /** Writes to stderr after flushing stdout, so the two stay in order on a terminal. */
  error(text: string): void {
    this.flush();
    this.io.stderr(text);
  }
}

/**
 * An OidParseFailure from the MIB layer's name reader, told by its shape: the MIB layer's
 * modules are loaded only when MIB modules are, which a command without MIBs never does.
 */
function isOidParseFailure(err: unknown): err is OidParseFailure {
  return err instanceof InvalidArgumentError && Array.isArray((err as Partial<OidParseFailure>).notes);
}

/**
 * Writes a usage problem as net-snmp does (message, then the usage text) and resolves with
 * its status (the usage texts are loaded only then).
 */
export async function reportUsage(io: CliIo, command: string, p: UsageProblem): Promise<number> {
  const write = p.toStdout === true ? (t: string): void => io.stdout(t) : (t: string): void => io.stderr(t);
  if (p.message !== '') write(`${p.message}\n`);
  if (p.usage ?? true) io.stderr((await import('../args/usage.js')).commandUsage(command));
  return p.status ?? 1;
}
