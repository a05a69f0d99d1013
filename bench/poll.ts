/**
 * Polling benchmark: 10 OIDs from each of many agents, tsnmp against the npm `net-snmp`
 * package, side by side in one run. The agents are one C process (bench/poll-responder.c,
 * compiled here with gcc) bound to BENCH_AGENTS UDP ports on 127.0.0.1. Both clients run
 * at the same concurrency (polls in flight at once, at most one per agent), for each value
 * of BENCH_CONCURRENCY; each runs in its own process and reports completed polls per
 * second, its CPU time per poll, peak RSS and open file descriptors. With taskset the client
 * runs on CPU 0 and the responder on CPU 1; the responder's CPU use is reported so that a
 * saturated responder shows. Rounds alternate the clients; medians.
 *
 * A third client, `floor` (bench/poll-client-floor.ts), is a bare Node program doing only
 * the I/O of the same polls (one dgram socket, a request template, a Map of ids, nothing
 * decoded): its rate and CPU per poll bound what any client on Node's dgram can do here.
 *
 * BENCH_NODE_FLAGS (e.g. `--max-semi-space-size=16 --min-semi-space-size=16`) is given to
 * every client's node alike, to compare them with another V8 heap configuration.
 *
 *   npm run bench:poll   (BENCH_AGENTS=1000, BENCH_CONCURRENCY=100,1000, BENCH_ROUNDS=5, BENCH_SECONDS=3)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './harness.js';
import type { PollResult } from './poll-common.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const agents = Number(process.env.BENCH_AGENTS ?? 1000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '100,1000').split(',').map(Number);
const dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-bench-poll-'));
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((f) => f.length > 0);

const haveTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const cpus = Number(spawnSync('nproc', [], { encoding: 'utf8' }).stdout.trim() || '1');
const pin = (cpu: number, cmd: string[]): string[] => (haveTaskset && cpus >= 2 ? ['taskset', '-c', String(cpu), ...cmd] : cmd);

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function startResponder(): Promise<{ child: ChildProcess; ports: number[] }> {
  const bin = path.join(dir, 'poll-responder');
  const cc = spawnSync('gcc', ['-O2', '-o', bin, path.join(repo, 'bench/poll-responder.c')], { encoding: 'utf8' });
  if (cc.status !== 0) throw new Error(`gcc failed: ${cc.stderr}`);
  const [cmd, ...argv] = pin(1, [bin, String(agents)]);
  const child = spawn(cmd!, argv, { stdio: ['ignore', 'pipe', 'ignore'] });
  const ports: number[] = [];
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line === 'READY') break;
    ports.push(Number(line));
  }
  if (ports.length !== agents) throw new Error(`responder bound ${ports.length} ports, not ${agents}`);
  return { child, ports };
}

function runClient(name: string, portsFile: string, responderPid: number, concurrency: number): { result: PollResult; responderCpu: number } {
  const script = path.join(here, `poll-client-${name}.js`);
  const before = cpuSeconds(responderPid);
  const t0 = performance.now();
  const [cmd, ...argv] = pin(0, [process.execPath, ...nodeFlags, script, portsFile, '1000', String(seconds * 1000), String(concurrency)]);
  const r = spawnSync(cmd!, argv, { encoding: 'utf8', timeout: (seconds + 30) * 1000 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${name} client failed: ${r.stderr}`);
  const result = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as PollResult;
  return { result, responderCpu: (cpuSeconds(responderPid) - before) / wall };
}

const { child, ports } = await startResponder();
try {
  const portsFile = path.join(dir, 'ports.json');
  writeFileSync(portsFile, JSON.stringify(ports));
  const clients = ['tsnmp', 'net-snmp', 'floor'];
  console.log(`Polling ${agents} agents on loopback, 10 OIDs per GET; ${rounds} rounds of ${seconds} s per client and concurrency, medians${haveTaskset && cpus >= 2 ? ' (client on CPU 0, responder on CPU 1)' : ''}${nodeFlags.length > 0 ? `; node ${nodeFlags.join(' ')}` : ''}`);
  console.log('in flight  client     polls/s   varbinds/s  CPU/poll  peak RSS  open fds  errors  responder CPU  rounds (polls/s)');
  for (const concurrency of concurrencies) {
    const results = new Map<string, { result: PollResult; responderCpu: number }[]>(clients.map((c) => [c, []]));
    for (let r = 0; r < rounds; r++) {
      for (const c of r % 2 === 0 ? clients : [...clients].reverse()) results.get(c)!.push(runClient(c, portsFile, child.pid!, concurrency));
    }
    const rows = clients.map((c) => {
      const rs = results.get(c)!;
      return {
        client: c,
        rate: median(rs.map((x) => x.result.rate)),
        cpu: median(rs.map((x) => x.result.cpuUsPerPoll)),
        rss: median(rs.map((x) => x.result.maxRssKb)) / 1024,
        fds: median(rs.map((x) => x.result.fds)),
        errors: median(rs.map((x) => x.result.errors)),
        responderCpu: median(rs.map((x) => x.responderCpu)),
        rates: rs.map((x) => Math.round(x.result.rate)),
      };
    });
    for (const x of rows) {
      console.log(
        `${String(concurrency).padStart(9)}  ${x.client.padEnd(9)} ${fmt(x.rate).padStart(8)} ${fmt(x.rate * 10).padStart(12)} ${`${x.cpu.toFixed(1)} µs`.padStart(9)} ${x.rss.toFixed(0).padStart(6)} MB ${String(x.fds).padStart(9)} ${String(x.errors).padStart(7)} ${`${(x.responderCpu * 100).toFixed(0)}%`.padStart(14)}  ${x.rates.join(', ')}`,
      );
    }
    const ts = rows[0]!;
    const ns = rows[1]!;
    const floor = rows[2]!;
    console.log(
      `${' '.repeat(11)}tsnmp / net-snmp: ${(ts.rate / ns.rate).toFixed(2)}x the rate, ${(ns.cpu / ts.cpu).toFixed(2)}x less CPU per poll, ${(ts.rss / ns.rss).toFixed(2)}x the memory, ${ts.fds} vs ${ns.fds} file descriptors`,
    );
    console.log(
      `${' '.repeat(11)}floor / net-snmp (the most any dgram client could reach): ${(floor.rate / ns.rate).toFixed(2)}x the rate, ${(ns.cpu / floor.cpu).toFixed(2)}x less CPU per poll; tsnmp's CPU per poll is the floor's + ${(ts.cpu - floor.cpu).toFixed(1)} µs`,
    );
  }
} finally {
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
