/**
 * Bulk walk benchmark: a walk of a 100,000-varbind table with max-repetitions 25, by whole
 * commands, process start included, output to /dev/null:
 *
 * - net-snmp's `snmpbulkwalk -v2c -On -Cr25` (C);
 * - `node dist/bench/bulkwalk-cmd.js`: a minimal command on tsnmp's Session that prints
 *   the same lines (the stand-in for `tsnmp bulkwalk`);
 * - `node dist/src/cli/main.js bulkwalk`: tsnmp's CLI, when it is built, as snmpbulkwalk
 *   walks (one request at a time) and with `--parallel N` (BENCH_PARALLEL, default 4: N
 *   requests in flight, each walking a range of the table's columns, the same output);
 * - `node dist/bench/bulkwalk-net-snmp.js`: the npm `net-snmp` package's `subtree`;
 * - `node dist/bench/bulkwalk-floor.js`: the floor, a bare Node program doing only the
 *   walk's I/O (no library, nothing decoded or printed but a count): what Node's start and
 *   UDP I/O alone cost, which no command on Node can go below.
 *
 * Two agents serve the same table (same OIDs, types and values): net-snmp's snmpd
 * (bench/bulkwalk-agent.ts), and a small in-memory C agent (bench/bulkwalk-responder.c)
 * that costs next to nothing per request, so that the clients can be compared where snmpd
 * itself is the bottleneck. Every output is first checked against snmpbulkwalk's against
 * snmpd. Rounds interleave the commands; medians of wall time, and of the command's CPU
 * time (user + system, from /usr/bin/time) and the agent's, per walk. With BENCH_PIN=1
 * (and taskset) the command runs on CPU 0 and the agent on CPU 1; by default nothing is
 * pinned, since pinning puts Node's compiler and GC threads on the one CPU of the command.
 *
 * tsnmp's walks send the next request as soon as a response is checked, before its
 * varbinds are handed out, so its processing overlaps the agent's (snmpbulkwalk waits).
 *
 *   npm run bench:bulkwalk   (BENCH_ROUNDS=7, BENCH_ROWS=1000, BENCH_COLUMNS=100, BENCH_PARALLEL=4, BENCH_PIN=0)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BENCH_TABLE_OID, startBenchAgent } from './bulkwalk-agent.js';
import { median } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const rows = Number(process.env.BENCH_ROWS ?? 1000);
const columns = Number(process.env.BENCH_COLUMNS ?? 100);
const parallel = Number(process.env.BENCH_PARALLEL ?? 4);
const env = { ...process.env, MIBS: '', MIBDIRS: '/nonexistent' };
const haveTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const cpus = Number(spawnSync('nproc', [], { encoding: 'utf8' }).stdout.trim() || '1');
const pinned = process.env.BENCH_PIN === '1' && haveTaskset && cpus >= 2;
const haveTime = existsSync('/usr/bin/time');
const dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-bench-bulkwalk-run-'));

function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const p = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

interface Command {
  name: string;
  cmd: string[];
  /** Prints only a count (the floor): checked against the reference's number of lines. */
  countOnly?: boolean;
}

function commandsFor(port: number): Command[] {
  const target = `udp:127.0.0.1:${port}`;
  const flags = ['-v2c', '-c', 'public', '-On', '-Cr25'];
  const list: Command[] = [
    { name: 'snmpbulkwalk (net-snmp C)', cmd: ['snmpbulkwalk', ...flags, target, BENCH_TABLE_OID] },
    { name: 'tsnmp (bench/bulkwalk-cmd)', cmd: [process.execPath, path.join(here, 'bulkwalk-cmd.js'), ...flags, target, BENCH_TABLE_OID] },
    { name: 'npm net-snmp (subtree)', cmd: [process.execPath, path.join(here, 'bulkwalk-net-snmp.js'), ...flags, target, BENCH_TABLE_OID] },
    { name: 'floor (bare Node I/O)', cmd: [process.execPath, path.join(here, 'bulkwalk-floor.js'), ...flags, target, BENCH_TABLE_OID], countOnly: true },
  ];
  const cli = path.resolve(here, '../src/cli/main.js');
  if (existsSync(cli)) {
    list.splice(
      2,
      0,
      { name: 'tsnmp bulkwalk (CLI)', cmd: [process.execPath, cli, 'bulkwalk', ...flags, target, BENCH_TABLE_OID] },
      { name: `tsnmp bulkwalk --parallel ${parallel}`, cmd: [process.execPath, cli, 'bulkwalk', ...flags, '--parallel', String(parallel), target, BENCH_TABLE_OID] },
    );
  }
  return list;
}

let reference: string | undefined;

async function run(agentName: string, port: number, agentPid: number): Promise<void> {
  const commands = commandsFor(port);
  console.log(`\n${agentName}:`);
  const usable = commands.filter((c) => {
    const r = spawnSync(c.cmd[0]!, c.cmd.slice(1), { env, encoding: 'latin1', maxBuffer: 1 << 30 });
    reference ??= r.stdout;
    const referenceLines = reference.split('\n').length - 1;
    if (c.countOnly === true) {
      const same = r.stdout.trim() === `${referenceLines} varbinds`;
      console.log(`  ${c.name}: ${r.stdout.trim()}, ${same ? 'as many as snmpbulkwalk prints' : 'NOT as many as snmpbulkwalk prints'}${r.status === 0 ? '' : `, exit ${r.status}`}`);
      return r.status === 0 && same;
    }
    const lines = r.stdout.split('\n').length - 1;
    const same = r.stdout === reference;
    console.log(`  ${c.name}: ${lines} lines, ${same ? 'identical to snmpbulkwalk against snmpd' : 'DIFFERENT from snmpbulkwalk against snmpd'}${r.status === 0 ? '' : `, exit ${r.status}: ${r.stderr.slice(0, 200)}`}`);
    return r.status === 0 && same;
  });
  const wall = new Map<string, number[]>(usable.map((c) => [c.name, []]));
  const cpu = new Map<string, number[]>(usable.map((c) => [c.name, []]));
  const agentCpu = new Map<string, number[]>(usable.map((c) => [c.name, []]));
  const devNull = openSync('/dev/null', 'w');
  const timeFile = path.join(dir, 'time.txt');
  for (let r = 0; r < rounds; r++) {
    for (const c of r % 2 === 0 ? usable : [...usable].reverse()) {
      let cmd = c.cmd;
      if (haveTime) cmd = ['/usr/bin/time', '-f', '%U %S', '-o', timeFile, ...cmd];
      if (pinned) cmd = ['taskset', '-c', '0', ...cmd];
      const a0 = cpuSeconds(agentPid);
      const t0 = performance.now();
      const res = spawnSync(cmd[0]!, cmd.slice(1), { env, stdio: ['ignore', devNull, 'ignore'] });
      wall.get(c.name)!.push((performance.now() - t0) / 1000);
      agentCpu.get(c.name)!.push(cpuSeconds(agentPid) - a0);
      if (res.status !== 0) throw new Error(`${c.name} failed in round ${r + 1}`);
      if (haveTime) {
        const [u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
        cpu.get(c.name)!.push(u! + s!);
      }
    }
  }
  closeSync(devNull);
  console.log(`  command                       wall median   (min)    vs snmpbulkwalk   command CPU   agent CPU`);
  const base = median(wall.get(usable[0]!.name)!);
  for (const c of usable) {
    const t = wall.get(c.name)!;
    const m = median(t);
    const ccpu = cpu.get(c.name)!;
    console.log(
      `  ${c.name.padEnd(29)} ${m.toFixed(3)} s  (${Math.min(...t).toFixed(3)} s)  ${(m / base).toFixed(2).padStart(6)}x       ${ccpu.length > 0 ? `${median(ccpu).toFixed(2)} s` : '   -  '}      ${median(agentCpu.get(c.name)!).toFixed(2)} s`,
    );
  }
}

const port1 = await freePort();
const snmpd = await startBenchAgent(port1, rows, columns, pinned ? 1 : undefined);
let responder: ChildProcess | undefined;
try {
  console.log(`Bulk walk of a ${rows} x ${columns} table (${(rows * columns).toLocaleString('en-US')} varbinds), -Cr25, whole command to /dev/null; ${rounds} rounds, medians${pinned ? ' (command on CPU 0, agent on CPU 1)' : ''}`);
  await run('snmpd 5.9 (data-driven table)', port1, snmpd.pid);
  const bin = path.join(dir, 'bulkwalk-responder');
  const cc = spawnSync('gcc', ['-O2', '-o', bin, path.join(repo, 'bench/bulkwalk-responder.c')], { encoding: 'utf8' });
  if (cc.status !== 0) throw new Error(`gcc failed: ${cc.stderr}`);
  const port2 = await freePort();
  const argv = [bin, String(port2), String(rows), String(columns)];
  const cmd = pinned ? ['taskset', '-c', '1', ...argv] : argv;
  responder = spawn(cmd[0]!, cmd.slice(1), { stdio: ['ignore', 'pipe', 'ignore'] });
  for await (const line of createInterface({ input: responder.stdout! })) if (line === 'READY') break;
  await run('in-memory C agent (bench/bulkwalk-responder.c)', port2, responder.pid!);
} finally {
  responder?.kill('SIGTERM');
  await snmpd.stop();
  rmSync(dir, { recursive: true, force: true });
}
