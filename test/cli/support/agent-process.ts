/**
 * `tsnmp agent` as a child process: started, waited for until it says it listens (or
 * exits), and stopped with a signal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { NET_SNMP_ENV } from '../../support/snmpd.js';
import { TSNMP } from './run.js';

/** A running `tsnmp agent`. */
export interface RunningAgent {
  child: ChildProcess;
  /** Everything it printed on stderr so far. */
  stderr(): string;
  /** Sends the signal and resolves with the exit code and everything printed. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stderr: string }>;
}

/** Starts `tsnmp agent ARGS` and waits (10 s at most) until it says it listens or exits. */
export async function startAgent(args: string[]): Promise<RunningAgent> {
  const child = spawn(process.execPath, [TSNMP, 'agent', ...args], { env: NET_SNMP_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 10000;
  while (!err.includes('listening on') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return {
    child,
    stderr: () => err,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(t);
      return { code, stderr: err };
    },
  };
}
