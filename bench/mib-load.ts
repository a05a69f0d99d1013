/**
 * One measured load of a MIB corpus, run in a fresh process by bench/mib.ts so that every
 * run starts cold (no JIT warm-up, no file cache in memory) like the C tool it is
 * compared with. Prints one JSON line per event on stdout.
 *
 *   node dist/bench/mib-load.js tsnmp DIR [CACHE_DIR]   one MibStore.loadAll()
 *   node dist/bench/mib-load.js npm DIR                 npm net-snmp ModuleStore, module by module
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MibStore } from '../src/mib/store.js';

const [mode, dir, cacheDir] = process.argv.slice(2);
if (dir === undefined) throw new TypeError('usage: mib-load.js tsnmp|npm DIR [CACHE_DIR]');

if (mode === 'tsnmp') {
  const t0 = performance.now();
  const store = cacheDir === undefined ? new MibStore({ path: [dir] }) : new MibStore({ path: [dir], cacheDir });
  const report = store.loadAll();
  const ms = performance.now() - t0;
  let objects = 0;
  for (const m of store.modules()) objects += m.objects.length;
  process.stdout.write(`${JSON.stringify({ ms, modules: report.loaded.length, failed: report.failed.length, objects, ...store.loadStats })}\n`);
} else if (mode === 'npm') {
  const require = createRequire(import.meta.url);
  const snmp = require('net-snmp') as { createModuleStore(): { loadFromFile(file: string): void } };
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const t0 = performance.now();
  const store = snmp.createModuleStore();
  let loaded = 0;
  let failed = 0;
  for (const f of files) {
    try {
      store.loadFromFile(path.join(dir, f));
      loaded++;
    } catch {
      failed++;
    }
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, loaded, failed })}\n`);
  }
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, loaded, failed, done: true })}\n`);
} else {
  throw new TypeError(`unknown mode ${String(mode)}`);
}
