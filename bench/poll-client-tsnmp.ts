/**
 * Polling client with tsnmp: one Session per agent, all on the shared dispatcher (one
 * UDP socket); `concurrency` workers each poll their share of the agents in turn with one
 * GET of 10 OIDs.
 */
import { Session } from '../src/manager/session.js';
import { Oid } from '../src/smi/oid.js';
import { agentsOf, POLL_OIDS, type PollCounters, pollArgs, runPoll } from './poll-common.js';

const args = pollArgs();
const oids = POLL_OIDS.map((o) => Oid.parse(o));
const sessions = args.ports.map((port) => new Session({ peer: { domain: 'udp', host: '127.0.0.1', port }, community: 'public', timeout: 2000, retries: 1, maxInFlight: 1 }));
await Promise.all(sessions.map((s) => s.connect()));
const counters: PollCounters = { ok: 0, errors: 0, running: true };

async function worker(mine: Session[]): Promise<void> {
  for (let i = 0; counters.running; i = (i + 1) % mine.length) {
    try {
      await mine[i]!.get(oids);
      counters.ok++;
    } catch {
      counters.errors++;
    }
  }
}

await runPoll(
  'tsnmp',
  args,
  counters,
  () => {
    for (let w = 0; w < args.concurrency; w++) void worker(agentsOf(sessions, w, args.concurrency));
  },
  async () => {
    await Promise.all(sessions.map((s) => s.close()));
  },
);
