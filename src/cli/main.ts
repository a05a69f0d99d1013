#!/usr/bin/env node
/**
 * `tsnmp`: net-snmp's tools as one command with subcommands (get, getnext, bulkget, walk,
 * bulkwalk, set, table, translate), plus `agent` (run an agent), `record` (walk an agent
 * into a `.snmprec` file) and `mib` (the MIB compiler). SIGINT and SIGTERM abort the running command (the agent then stops
 * and saves its state); a second one exits at once.
 */
import { processIo } from './io.js';
import { runTsnmp } from './tsnmp.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (sig: NodeJS.Signals): void => {
  signals++;
  if (signals > 1) process.exit(sig === 'SIGINT' ? 130 : 143);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

runTsnmp(process.argv.slice(2), processIo(controller.signal)).then(
  (status) => {
    process.exitCode = status;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  },
  (err: unknown) => {
    process.stderr.write(`tsnmp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
