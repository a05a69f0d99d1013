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

function runNpm(): Promise<{ ms: number; loaded: number; failed: number; done: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [loader, 'npm', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
    let last = { ms: 0, loaded: 0, failed: 0, done: false };
    let buf = '';
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
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), npmSeconds * 1000);
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
  console.log(`tsnmp: ${String(first.info.modules)} modules, ${String(first.info.objects)} definitions, ${String(first.info.failed)} failed`);
  const cold: Run[] = [];
  const cached: Run[] = [];
  const ns: number[] = [];
  for (let i = 0; i < runs; i++) {
    ns.push(runSnmptranslate());
    cold.push(runNode(['tsnmp', dir]));
    cached.push(runNode(['tsnmp', dir, cacheDir]));
  }
  if (cached.some((r) => r.info.parsedFiles !== 0)) console.log('warning: a cached run parsed files');
  const nsMs = median(ns);
  const coldIn = median(cold.map((r) => r.inner));
  const coldWhole = median(cold.map((r) => r.whole));
  const cachedIn = median(cached.map((r) => r.inner));
  const cachedWhole = median(cached.map((r) => r.whole));
  const nodeStart = median(Array.from({ length: runs }, () => {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    return performance.now() - t0;
  }));
  console.log('');
  console.log(`net-snmp snmptranslate -m ALL -Tz (whole process)  ${fmt(nsMs)}`);
  console.log(`tsnmp cold load (in process)                       ${fmt(coldIn)}   ${(coldIn / nsMs).toFixed(2)}x net-snmp   (target <= 2x)`);
  console.log(`tsnmp cached load (in process)                     ${fmt(cachedIn)}   ${(cachedIn / nsMs).toFixed(2)}x net-snmp   (target < 1x)`);
  console.log(`tsnmp cold, whole node process                     ${fmt(coldWhole)}   ${(coldWhole / nsMs).toFixed(2)}x`);
  console.log(`tsnmp cached, whole node process                   ${fmt(cachedWhole)}   ${(cachedWhole / nsMs).toFixed(2)}x`);
  console.log(`(node -e 0 alone                                   ${fmt(nodeStart)})`);
  console.log('');
  console.log(`npm net-snmp ModuleStore (one run, limit ${npmSeconds} s)...`);
  const npm = await runNpm();
  const total = Number(first.info.modules);
  if (npm.done) {
    console.log(`npm net-snmp: ${npm.loaded} modules loaded, ${npm.failed} threw, in ${fmt(npm.ms)}   tsnmp cold is ${(npm.ms / coldIn).toFixed(0)}x faster (target > 100x)`);
  } else {
    console.log(`npm net-snmp: stopped at the time limit after ${fmt(npm.ms)}: ${npm.loaded} of ${total} files loaded (${npm.failed} threw)`);
    console.log(`  tsnmp cold loads all ${total} in ${fmt(coldIn)}: at least ${(npm.ms / coldIn).toFixed(0)}x faster (target > 100x)`);
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
