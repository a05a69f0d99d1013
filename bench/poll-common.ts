/**
 * What the two polling clients (bench/poll-client-tsnmp.ts, bench/poll-client-net-snmp.ts)
 * share: arguments, the 10 polled OIDs, the timed loop and the JSON line they print.
 *
 *   node dist/bench/poll-client-<x>.js <ports.json> <warmupMs> <measureMs> <concurrency>
 *
 * Concurrency C means C polls in flight at once: C workers, worker i polling agents i,
 * i + C, i + 2C, … in turn, so that an agent never has more than one poll in flight.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** ifInOctets, ifOutOctets, ifInErrors … of interfaces 1 and 2: ten objects per poll. */
export const POLL_OIDS = [
  '1.3.6.1.2.1.2.2.1.10.1',
  '1.3.6.1.2.1.2.2.1.16.1',
  '1.3.6.1.2.1.2.2.1.14.1',
  '1.3.6.1.2.1.2.2.1.20.1',
  '1.3.6.1.2.1.2.2.1.11.1',
  '1.3.6.1.2.1.2.2.1.10.2',
  '1.3.6.1.2.1.2.2.1.16.2',
  '1.3.6.1.2.1.2.2.1.14.2',
  '1.3.6.1.2.1.2.2.1.20.2',
  '1.3.6.1.2.1.1.3.0',
];

/** The client's arguments. */
export interface PollArgs {
  ports: number[];
  warmupMs: number;
  measureMs: number;
  concurrency: number;
}

/** Reads the arguments. */
export function pollArgs(): PollArgs {
  const [file, warm, measure, conc] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: poll-client-<x>.js <ports.json> [warmupMs] [measureMs] [concurrency]');
  const ports = JSON.parse(readFileSync(file, 'utf8')) as number[];
  return { ports, warmupMs: Number(warm ?? 1000), measureMs: Number(measure ?? 3000), concurrency: Math.min(ports.length, Number(conc ?? ports.length)) };
}

/** The agents worker `w` of `c` polls, in turn. */
export function agentsOf<T>(all: readonly T[], w: number, c: number): T[] {
  const out: T[] = [];
  for (let i = w; i < all.length; i += c) out.push(all[i]!);
  return out;
}

/** One client's result, printed as a JSON line. */
export interface PollResult {
  client: string;
  agents: number;
  concurrency: number;
  /** Polls (10-OID gets) completed per second during the measured window. */
  rate: number;
  errors: number;
  /** CPU time (user + system) of the client per poll, microseconds. */
  cpuUsPerPoll: number;
  /** Peak resident set size, KiB. */
  maxRssKb: number;
  /** Open file descriptors while polling. */
  fds: number;
}

/** Counters the client's loop updates. */
export interface PollCounters {
  ok: number;
  errors: number;
  running: boolean;
}

/**
 * Lets the client's workers run for the warm-up, then measures completed polls over the
 * measured window; prints the result and exits.
 */
export async function runPoll(client: string, args: PollArgs, counters: PollCounters, start: () => void, close: () => Promise<void> | void): Promise<void> {
  start();
  await new Promise((r) => setTimeout(r, args.warmupMs));
  const ok0 = counters.ok;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, args.measureMs / 2));
  const fds = readdirSync('/proc/self/fd').length;
  await new Promise((r) => setTimeout(r, args.measureMs / 2));
  const done = counters.ok - ok0;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  counters.running = false;
  const result: PollResult = {
    client,
    agents: args.ports.length,
    concurrency: args.concurrency,
    rate: (done * 1000) / ms,
    errors: counters.errors,
    cpuUsPerPoll: (cpu.user + cpu.system) / done,
    maxRssKb: process.resourceUsage().maxRSS,
    fds,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await new Promise((r) => setTimeout(r, 200));
  await close();
  process.exit(0);
}
