/**
 * One measured load of a MIB corpus, run in a fresh process by bench/mib.ts so that every
 * run starts cold (no JIT warm-up, no file cache in memory) like the C tool it is
 * compared with. Prints one JSON line per event on stdout.
 *
 *   node dist/bench/mib-load.js tsnmp DIR [CACHE_DIR]          one MibStore.loadAll()
 *   node dist/bench/mib-load.js tsnmp-entries DIR CACHE_DIR    loadAll() after a first module
 *                                                              (cache entries, no snapshot)
 *   node dist/bench/mib-load.js tsnmp-full DIR CACHE_DIR       loadAll(), then every definition made
 *   node dist/bench/mib-load.js tsnmp-warm DIR                 a second cold loadAll() in the same process
 *   node dist/bench/mib-load.js npm DIR                        npm net-snmp ModuleStore, file by file
 */
import { createRequire } from 'node:module';
import { MibStore } from '../src/mib/store.js';

const [mode, dir, cacheDir] = process.argv.slice(2);
if (dir === undefined) throw new TypeError('usage: mib-load.js tsnmp|tsnmp-entries|tsnmp-full|tsnmp-warm|npm DIR [CACHE_DIR]');

if (mode === 'tsnmp' || mode === 'tsnmp-entries' || mode === 'tsnmp-full' || mode === 'tsnmp-warm') {
  // A long-running process loading a corpus again: the compiler's code is warm.
  if (mode === 'tsnmp-warm') new MibStore({ path: [dir] }).loadAll();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const store = cacheDir === undefined ? new MibStore({ path: [dir] }) : new MibStore({ path: [dir], cacheDir });
  // A store that already holds a module does not take the snapshot of a whole loadAll().
  if (mode === 'tsnmp-entries') store.load('SNMPv2-SMI');
  const report = store.loadAll();
  let definitions = -1;
  if (mode === 'tsnmp-full') {
    definitions = 0;
    for (const m of store.modules()) definitions += m.objects.length + m.types.length;
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  process.stdout.write(`${JSON.stringify({ ms, cpu, modules: store.modules().length, loaded: report.loaded.length, failed: report.failed.length, nodes: store.tree.size, definitions, ...store.loadStats })}\n`);
} else if (mode === 'npm') {
  // Files in an order where imports come first (as tsnmp loaded them), so that the npm
  // store, which does not load imports itself, can take each one; not timed.
  const order = new MibStore({ path: [dir] });
  order.loadAll();
  const files: string[] = [];
  for (const m of order.modules()) if (m.file !== '<builtin>' && !files.includes(m.file)) files.push(m.file);
  const require = createRequire(import.meta.url);
  const snmp = require('net-snmp') as { createModuleStore(): { loadFromFile(file: string): void } };
  process.stdout.write(`${JSON.stringify({ ms: 0, files: files.length, loaded: 0, failed: 0 })}\n`);
  const t0 = performance.now();
  const store = snmp.createModuleStore();
  let loaded = 0;
  let failed = 0;
  for (const f of files) {
    try {
      store.loadFromFile(f);
      loaded++;
    } catch {
      failed++;
    }
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, files: files.length, loaded, failed })}\n`);
  }
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, files: files.length, loaded, failed, done: true })}\n`);
} else {
  throw new TypeError(`unknown mode ${String(mode)}`);
}
