/**
 * Runs commands as a user would: tsnmp's compiled entry scripts and net-snmp's tools as
 * child processes (never synchronously, so that agents served by the test process keep
 * answering), with their output and exit status.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NET_SNMP_ENV } from '../../support/snmpd.js';

/** What a process printed and how it ended. */
export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit status, or null when killed by a signal. */
  status: number | null;
  signal: NodeJS.Signals | null;
}

/** dist/src/cli/main.js (this file is dist/test/cli/support/run.js). */
export const TSNMP = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url));
/** dist/src/cli/snmp-request/main.js */
export const SNMP_REQUEST = fileURLToPath(new URL('../../../src/cli/snmp-request/main.js', import.meta.url));

/** Runs a program; kills it after `timeoutMs` (default 20 s). */
export function run(command: string, args: readonly string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? NET_SNMP_ENV, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('latin1');
    child.stderr!.setEncoding('latin1');
    child.stdout!.on('data', (d: string) => (stdout += d));
    child.stderr!.on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status, signal });
    });
    if (options.input !== undefined) {
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.input);
    }
  });
}

/** Runs `tsnmp ARGS`. */
export function tsnmp(args: readonly string[], options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return run(process.execPath, [TSNMP, ...args], options);
}

/** Runs `snmp-request ARGS`. */
export function snmpRequest(args: readonly string[], options?: { timeoutMs?: number }): Promise<RunResult> {
  return run(process.execPath, [SNMP_REQUEST, ...args], options);
}

/** net-snmp's tool for each tsnmp query command. */
export const NET_SNMP_TOOL: Readonly<Record<string, string>> = {
  get: 'snmpget',
  getnext: 'snmpgetnext',
  bulkget: 'snmpbulkget',
  walk: 'snmpwalk',
  bulkwalk: 'snmpbulkwalk',
  set: 'snmpset',
  table: 'snmptable',
};

/** Runs net-snmp's tool for a tsnmp command with the same arguments. */
export function netSnmp(command: string, args: readonly string[], options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return run(NET_SNMP_TOOL[command]!, args, options);
}

/** Both tools on the same request line. */
export async function both(command: string, args: readonly string[], tsnmpOnly: readonly string[] = []): Promise<{ net: RunResult; ts: RunResult }> {
  const [net, ts] = await Promise.all([netSnmp(command, args), tsnmp([command, ...tsnmpOnly, ...args])]);
  return { net, ts };
}
