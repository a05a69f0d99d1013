#!/usr/bin/env node
/**
 * `snmp-request`: seed 004's MIB browser (OpenVMS eSNMP's snmp_request), command line kept.
 * `snmp-request AGENT "COMMUNITY" REQUEST_TYPE [FLAGS] VARIABLE [DATA-TYPE VALUE]...`
 */
import { processIo } from '../io.js';
import { runSnmpRequest } from './run.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (): void => {
  signals++;
  if (signals > 1) process.exit(130);
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

runSnmpRequest(process.argv.slice(2), processIo(controller.signal)).then(
  (status) => {
    process.exitCode = status;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  },
  (err: unknown) => {
    process.stderr.write(`snmp-request: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
