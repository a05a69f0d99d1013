/**
 * MIB corpus load: tsnmp's MibStore (cold and from its cache) side by side with net-snmp's
 * C parser (`snmptranslate -M DIR -m ALL -Tz`, the whole process) and the npm net-snmp
 * package's ModuleStore (bounded by a time limit). Every run is a fresh process; medians
 * of several runs are reported with ratios.
 *
 *   node dist/bench/mib.js [--dir DIR] [--runs N] [--npm-seconds S]
 *
 * Targets (issue 6): cold load within 2x of net-snmp's C parser, cached load faster than
 * it, and more than 100x faster than the npm ModuleStore.
 *
 * "Cached" is a fresh store's loadAll() from the cache of an earlier one: the snapshot of
 * the whole store when the search path has the same files, else (second row) each file's
 * entry, linked again. Definitions are made from the cache when first asked for; the
 * last row makes all of them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './harness.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
function opt(name: string, def: string): string {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1]! : def;
}
const dir = path.resolve(opt('--dir', path.resolve(here, '../../../shared/mibs')));
const runs = Number(opt('--runs', '7'));
const npmSeconds = Number(opt('--npm-seconds', '60'));
const loader = path.join(here, 'mib-load.js');

interface Run {
  /** Time inside the process (tsnmp: MibStore construction + loadAll). */
  inner: number;
  /** Time of the whole process, spawn to exit. */
  whole: number;
  info: Record<string, unknown>;
}

function runNode(extra: string[]): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [loader, ...extra], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const whole = performance.now() - t0;
  if (r.status !== 0) throw new Error(`mib-load failed: ${r.stderr}`);
  const info = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  return { inner: info.ms as number, whole, info };
}

function runSnmptranslate(): number {
  const t0 = performance.now();
  const r = spawnSync('snmptranslate', ['-M', dir, '-m', 'ALL', '-Tz'], { stdio: ['ignore', 'ignore', 'ignore'] });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.error !== undefined) throw r.error;
  return ms;
}

function runNpm(): Promise<{ ms: number; files: number; loaded: number; failed: number; done: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [loader, 'npm', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
    let last = { ms: 0, files: 0, loaded: 0, failed: 0, done: false };
    let buf = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          last = { ...{ done: false }, ...(JSON.parse(line) as typeof last) };
        } catch {
          // ignore partial lines
        }
        // The limit counts from the first file (the order is worked out before).
        timer ??= setTimeout(() => child.kill('SIGKILL'), npmSeconds * 1000);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(last);
    });
  });
}

const fmt = (ms: number): string => `${ms.toFixed(1).padStart(8)} ms`;

const cacheDir = mkdtempSync(path.join(tmpdir(), 'tsnmp-mib-bench-'));
try {
  console.log(`MIB corpus: ${dir}`);
  console.log(`runs: ${runs} (each a fresh process), medians\n`);
  // Prime the OS file cache for every contender alike, then fill tsnmp's cache.
  runSnmptranslate();
  runNode(['tsnmp', dir]);
  const first = runNode(['tsnmp', dir, cacheDir]);
  console.log(`tsnmp: ${String(first.info.modules)} modules, ${String(first.info.nodes)} tree nodes, ${String(first.info.failed)} failed`);
  const cold: Run[] = [];
  const cached: Run[] = [];
  const entries: Run[] = [];
  const full: Run[] = [];
  const warm: Run[] = [];
  const ns: number[] = [];
  for (let i = 0; i < runs; i++) {
    ns.push(runSnmptranslate());
    cold.push(runNode(['tsnmp', dir]));
    cached.push(runNode(['tsnmp', dir, cacheDir]));
    entries.push(runNode(['tsnmp-entries', dir, cacheDir]));
    full.push(runNode(['tsnmp-full', dir, cacheDir]));
    warm.push(runNode(['tsnmp-warm', dir]));
  }
  if ([...cached, ...entries, ...full].some((r) => r.info.parsedFiles !== 0)) console.log('warning: a cached run parsed files');
  const nsMs = median(ns);
  const nodeStart = median(Array.from({ length: runs }, () => {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - t0;
  }));
  const row = (label: string, list: Run[], target: string): void => {
    const inner = median(list.map((r) => r.inner));
    const whole = median(list.map((r) => r.whole));
    console.log(`${label.padEnd(44)}${fmt(inner)} ${(inner / nsMs).toFixed(2).padStart(6)}x ${fmt(whole)} ${(whole / nsMs).toFixed(2).padStart(6)}x   ${target}`);
  };
  console.log('');
  console.log(`${''.padEnd(44)}${'in process'.padStart(11)} ${'ratio'.padStart(7)} ${'whole proc.'.padStart(11)} ${'ratio'.padStart(7)}`);
  console.log(`${'net-snmp snmptranslate -m ALL -Tz'.padEnd(44)}${''.padStart(20)}${fmt(nsMs)}  1.00x`);
  row('tsnmp cold (parse + compile + link)', cold, 'target <= 2x');
  row('tsnmp cached (snapshot of loadAll)', cached, 'target < 1x');
  row('tsnmp cached (entry by entry, linked)', entries, '');
  row('tsnmp cached + every definition made', full, '');
  const warmIn = median(warm.map((r) => r.inner));
  console.log(`${'tsnmp compile again, same process (warm JIT)'.padEnd(44)}${fmt(warmIn)} ${(warmIn / nsMs).toFixed(2).padStart(6)}x`);
  console.log(`${'node -e 0 (process start alone)'.padEnd(44)}${''.padStart(20)}${fmt(nodeStart)}`);
  const coldIn = median(cold.map((r) => r.inner));
  console.log('');
  console.log(`npm net-snmp ModuleStore, files in import order (one run, limit ${npmSeconds} s)...`);
  const npm = await runNpm();
  const perFile = npm.ms / Math.max(1, npm.loaded + npm.failed);
  if (npm.done) {
    console.log(`npm net-snmp: ${npm.loaded} of ${npm.files} files loaded, ${npm.failed} threw, in ${fmt(npm.ms)}: tsnmp cold is ${(npm.ms / coldIn).toFixed(0)}x faster (target > 100x)`);
  } else {
    const estimate = perFile * npm.files;
    console.log(`npm net-snmp: stopped at the limit after ${fmt(npm.ms)}: ${npm.loaded + npm.failed} of ${npm.files} files (${npm.failed} threw), ${perFile.toFixed(0)} ms a file`);
    console.log(`  at that rate all ${npm.files} files take ~${(estimate / 1000).toFixed(0)} s: tsnmp cold is ~${(estimate / coldIn).toFixed(0)}x faster, and ${(npm.ms / coldIn).toFixed(0)}x faster than what npm did in its time (target > 100x)`);
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
