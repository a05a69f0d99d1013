/**
 * Agent benchmark: tsnmp's agent, net-snmp's snmpd and the npm net-snmp agent side by side
 * in one run, on loopback. A small C load generator (bench/agent-loadgen.c, compiled here
 * with gcc) keeps 64 requests in flight:
 *
 * - GET, v2c, 1 varbind (sysDescr.0) and 10 varbinds (the system group and two counters);
 * - GetBulk serving rate during bulk walks (64 concurrent walks, max-repetitions 25) of an
 *   800-varbind table: snmpd's nsExtendConfigTable from 100 `extend` lines, and the same
 *   table in the two Node agents.
 *
 * With taskset, each agent runs on CPU 0 and the generator on CPU 1. Rounds interleave the
 * agents; medians are reported with each agent's and the generator's CPU use, so that a
 * saturated generator (or an idle agent) shows.
 *
 *   npm run bench:agent          (BENCH_ROUNDS=5, BENCH_SECONDS=2 by default)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_ROWS, BENCH_TABLE, GET10 } from './agent-data.js';
import { fmt, median } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-bench-agent-'));
const env = { ...process.env, MIBS: '', MIBDIRS: '/nonexistent' };

const haveTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const cpus = Number(spawnSync('nproc', [], { encoding: 'utf8' }).stdout.trim() || '1');
const pin = (cpu: number, cmd: string[]): string[] => (haveTaskset && cpus >= 2 ? ['taskset', '-c', String(cpu), ...cmd] : cmd);

const gen = path.join(dir, 'agent-loadgen');
const cc = spawnSync('gcc', ['-O2', '-o', gen, path.join(repo, 'bench/agent-loadgen.c')], { encoding: 'utf8' });
if (cc.status !== 0) throw new Error(`gcc failed: ${cc.stderr}`);

async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const p = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

interface Peer {
  name: string;
  port: number;
  child: ChildProcess;
}

async function waitUp(port: number): Promise<void> {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    const r = spawnSync('snmpget', ['-v2c', '-c', 'public', '-r', '0', '-t', '0.5', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.1.0'], { env, encoding: 'utf8' });
    if (r.status === 0) return;
    await new Promise((r2) => setTimeout(r2, 200));
  }
  throw new Error(`agent on port ${port} did not answer`);
}

async function start(name: string, cmd: (port: number) => string[]): Promise<Peer> {
  const port = await freePort();
  const [bin, ...args] = pin(0, cmd(port));
  const child = spawn(bin!, args, { stdio: 'ignore', env });
  await waitUp(port);
  return { name, port, child };
}

function snmpdCommand(port: number): string[] {
  const conf = path.join(dir, 'snmpd.conf');
  const lines = [`agentaddress udp:127.0.0.1:${port}`, 'rocommunity public default'];
  for (let i = 1; i <= BENCH_ROWS; i++) lines.push(`extend e${i} /bin/true`);
  writeFileSync(conf, lines.join('\n') + '\n');
  return ['/usr/sbin/snmpd', '-f', '-C', '-c', conf, '-Lf', path.join(dir, 'snmpd.log'), `--persistentDir=${dir}/persist`, '-p', path.join(dir, 'snmpd.pid'), '-M', '/nonexistent', '-m', ''];
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parts = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(parts[11]) + Number(parts[12])) / 100;
  } catch {
    return NaN;
  }
}

interface Sample {
  rate: number;
  varbinds: number;
  agentCpu: number;
  genCpu: number;
}

function load(peer: Peer, args: string[]): Sample {
  // The agent's own pid: the child is taskset, which execs the agent in place.
  const before = cpuSeconds(peer.child.pid);
  const r = spawnSync(pin(1, [gen])[0]!, [...pin(1, [gen]).slice(1), args[0]!, '127.0.0.1', String(peer.port), String(seconds), '64', 'public', ...args.slice(1)], { encoding: 'utf8' });
  const after = cpuSeconds(peer.child.pid);
  const m = /responses=(\d+) varbinds=(\d+) seconds=([\d.]+) stalls=(\d+) cpu=([\d.]+)/.exec(r.stdout);
  if (m === null) throw new Error(`load generator failed: ${r.stdout} ${r.stderr}`);
  const el = Number(m[3]);
  return { rate: Number(m[1]) / el, varbinds: Number(m[2]) / el, agentCpu: (after - before) / (el + 0.5), genCpu: Number(m[5]) / (el + 0.5) };
}

const cases: { name: string; args: string[]; unit: 'req' | 'vb' }[] = [
  { name: 'GET v2c, 1 varbind (requests/s)', args: ['get', GET10[0]!], unit: 'req' },
  { name: 'GET v2c, 10 varbinds (requests/s)', args: ['get', ...GET10], unit: 'req' },
  { name: 'GetBulk walk, 25 repetitions (varbinds/s)', args: ['bulk', '25', BENCH_TABLE], unit: 'vb' },
];

const peers: Peer[] = [];
try {
  peers.push(await start('tsnmp', (p) => [process.execPath, path.join(here, 'agent-server-tsnmp.js'), String(p)]));
  peers.push(await start('snmpd', snmpdCommand));
  peers.push(await start('net-snmp (npm)', (p) => [process.execPath, path.join(here, 'agent-server-net-snmp.js'), String(p)]));
  const samples = new Map<string, Sample[]>();
  for (let r = 0; r < rounds; r++) {
    for (const c of cases) {
      for (const p of peers) {
        const s = load(p, c.args);
        const key = `${c.name}|${p.name}`;
        samples.set(key, [...(samples.get(key) ?? []), s]);
      }
    }
  }
  const med = (key: string, f: (s: Sample) => number): number => median((samples.get(key) ?? []).map(f));
  console.log(`Agent benchmark, Node ${process.version}; ${rounds} rounds of ${seconds} s, medians; 64 requests in flight;`);
  console.log(haveTaskset && cpus >= 2 ? 'agents pinned to CPU 0, load generator to CPU 1.' : 'no CPU pinning (taskset missing or a single CPU).');
  console.log('');
  const rows: string[][] = [['case', ...peers.map((p) => p.name), 'tsnmp/snmpd', 'tsnmp/npm']];
  const cpuRows: string[][] = [['CPU use (agent / generator)', ...peers.map((p) => p.name)]];
  const costRows: string[][] = [['agent CPU time per request (µs)', ...peers.map((p) => p.name), 'snmpd/tsnmp', 'npm/tsnmp']];
  const ratios: number[] = [];
  for (const c of cases) {
    const vals = peers.map((p) => med(`${c.name}|${p.name}`, (s) => (c.unit === 'req' ? s.rate : s.varbinds)));
    ratios.push(vals[0]! / vals[1]!);
    rows.push([c.name, ...vals.map(fmt), `${(vals[0]! / vals[1]!).toFixed(2)}x`, `${(vals[0]! / vals[2]!).toFixed(1)}x`]);
    cpuRows.push([c.name, ...peers.map((p) => `${Math.round(med(`${c.name}|${p.name}`, (s) => s.agentCpu) * 100)}% / ${Math.round(med(`${c.name}|${p.name}`, (s) => s.genCpu) * 100)}%`)]);
    // CPU per request is less sensitive than the rate to other processes sharing the machine.
    const cost = peers.map((p) => med(`${c.name}|${p.name}`, (s) => (s.agentCpu * 1e6) / s.rate));
    costRows.push([c.name, ...cost.map((x) => x.toFixed(1)), `${(cost[1]! / cost[0]!).toFixed(2)}x`, `${(cost[2]! / cost[0]!).toFixed(1)}x`]);
  }
  for (const table of [rows, cpuRows, costRows]) {
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    for (const r of table) console.log(r.map((cell, i) => (i > 0 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '));
    console.log('');
  }
  console.log(`target GET 1 varbind >= 1.5x snmpd: ${ratios[0]! >= 1.5 ? 'met' : 'NOT met'}; GET 10 varbinds >= 2x snmpd: ${ratios[1]! >= 2 ? 'met' : 'NOT met'}`);
} finally {
  for (const p of peers) p.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  for (const p of peers) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
