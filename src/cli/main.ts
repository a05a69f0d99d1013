#!/usr/bin/env node
/**
 * `tsnmp`: net-snmp's tools as one command with subcommands (get, getnext, bulkget, walk,
 * bulkwalk, set, table), plus `agent` (run an agent) and `record` (walk an agent into a
 * `.snmprec` file).
 */
import { runTsnmp } from './tsnmp.js';
import { processIo } from './io.js';

const controller = new AbortController();
const io = processIo(controller.signal);
runTsnmp(process.argv.slice(2), io, controller).then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    process.stderr.write(`tsnmp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
