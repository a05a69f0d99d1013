/**
 * How tsnmp's commands run as processes (`tsnmp`, `snmp-request`): the first SIGINT or
 * SIGTERM aborts the command (an agent then stops and saves its state) and a second one
 * exits at once; a reader that closes standard output (`tsnmp walk ... | head -1`) stops
 * the command quietly, as SIGPIPE stops net-snmp's tools.
 */
import { type CliIo, processIo } from './io.js';

/**
 * The exit status of a command whose standard output was closed by its reader: 128 + 13
 * (SIGPIPE), the status a shell shows for net-snmp's tools, which SIGPIPE ends.
 */
export const OUTPUT_CLOSED_STATUS = 141;

/**
 * Runs a command on the process's arguments (after `node` and the script) and streams, and
 * sets the process's exit status from it.
 * @param name the command's name, before an unexpected error's text on stderr
 * @param run the command: resolves with its exit status
 */
export function runAsProcess(name: string, run: (argv: readonly string[], io: CliIo) => Promise<number>): void {
  const controller = new AbortController();
  let signals = 0;
  let outputClosed = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) process.exit(sig === 'SIGINT' ? 130 : 143);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const io = processIo(controller.signal, () => {
    // The output goes nowhere: the command stops as on Ctrl-C, and its status says why
    // (also when the failed write was the command's last, reported after it ended).
    outputClosed = true;
    process.exitCode = OUTPUT_CLOSED_STATUS;
    controller.abort();
  });
  run(process.argv.slice(2), io).then(
    (status) => {
      process.exitCode = outputClosed ? OUTPUT_CLOSED_STATUS : status;
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
    (err: unknown) => {
      if (outputClosed) {
        process.exitCode = OUTPUT_CLOSED_STATUS;
        return;
      }
      io.stderr(`${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
