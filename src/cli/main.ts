#!/usr/bin/env node
/**
 * `tsnmp`: net-snmp's tools as one command with subcommands (get, getnext, bulkget, walk,
 * bulkwalk, set, table, translate), plus `agent` (run an agent), `record` (walk an agent
 * into a `.snmprec` file) and `mib` (the MIB compiler). SIGINT and SIGTERM abort the
 * running command (the agent then stops and saves its state); a second one exits at once.
 */
import { runAsProcess } from './process-main.js';
import { runTsnmp } from './tsnmp.js';

runAsProcess('tsnmp', runTsnmp);
