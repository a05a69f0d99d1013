#!/usr/bin/env node
/**
 * `snmp-request`: seed 004's MIB browser (OpenVMS eSNMP's snmp_request), command line kept.
 * `snmp-request AGENT "COMMUNITY" REQUEST_TYPE [FLAGS] VARIABLE [DATA-TYPE VALUE]...`
 */
import { runAsProcess } from '../process-main.js';
import { runSnmpRequest } from './run.js';

runAsProcess('snmp-request', runSnmpRequest);
