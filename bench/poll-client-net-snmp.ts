/**
 * Polling client with the npm `net-snmp` package: one session per agent (its default: a
 * socket per session); `concurrency` workers each poll their share of the agents in turn
 * with one GET of 10 OIDs.
 */
import { createRequire } from 'node:module';
import { agentsOf, POLL_OIDS, type PollCounters, pollArgs, runPoll } from './poll-common.js';

interface NetSnmpSession {
  get(oids: string[], cb: (error: Error | null | undefined, varbinds: unknown[]) => void): void;
  close(): void;
}
const snmp = createRequire(import.meta.url)('net-snmp') as {
  createSession(host: string, community: string, options: Record<string, unknown>): NetSnmpSession;
  Version2c: number;
};

const args = pollArgs();
const sessions = args.ports.map((port) => snmp.createSession('127.0.0.1', 'public', { port, version: snmp.Version2c, timeout: 2000, retries: 1 }));
const counters: PollCounters = { ok: 0, errors: 0, running: true };

function worker(mine: NetSnmpSession[], i: number): void {
  mine[i]!.get(POLL_OIDS, (error) => {
    if (error === null || error === undefined) counters.ok++;
    else counters.errors++;
    if (counters.running) worker(mine, (i + 1) % mine.length);
  });
}

await runPoll(
  'net-snmp',
  args,
  counters,
  () => {
    for (let w = 0; w < args.concurrency; w++) worker(agentsOf(sessions, w, args.concurrency), 0);
  },
  () => {
    for (const s of sessions) s.close();
  },
);
