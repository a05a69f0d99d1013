/**
 * The corpus test: compiles every module of ../shared/mibs and compares each module's
 * definitions (name, OID, kind, type, base type, access, status, constraints, index) and
 * types (kind, base type, parent, status, DISPLAY-HINT, constraints) with the ground truth
 * in ../shared/mibs/expected (see its README). Skipped, saying so, where the corpus is
 * not present.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { moduleToJson } from '../../src/mib/json.js';
import type { MibObject, MibRange, MibSyntax, MibTypeDef } from '../../src/mib/model.js';
import { oidReport } from '../../src/mib/report.js';
import { MibStore } from '../../src/mib/store.js';
import { CORPUS_DIR, HAVE_CORPUS } from './helpers.js';

/**
 * Where the ground truth is known to be wrong or to lose information, with the reason.
 * Each entry must still be needed: the test fails when an exception no longer applies.
 */
const EXCEPTIONS: readonly { module: string; name: string; why: string }[] = [
  {
    module: 'SYSAPPL-MIB',
    name: 'sysApplPastRunMaxRows',
    why: "SYNTAX Unsigned32 (0..'ffffffff'h): libsmi misreads the hex bound (0..94404865780448); it is 4294967295",
  },
  {
    module: 'TUBS-IBR-TEST-MIB',
    name: 'NumValue',
    why: 'DISPLAY-HINT "1d-1x-1o-1b": libsmi drops a hint with "b", which RFC 2579 §3.1 allows only for integers; tsnmp keeps it (as net-snmp does) and warns',
  },
];

const SKIP = HAVE_CORPUS ? false : `the shared MIB corpus was not found at ${CORPUS_DIR}: corpus test skipped`;

/** libsmi prints ranges sorted and merged (0 | 1..10 is 0..10); so does the comparison. */
function normalizeRanges(list: readonly MibRange[]): MibRange[] {
  const sorted = [...list].sort((a, b) => (a.min < b.min ? -1 : a.min > b.min ? 1 : 0));
  const out: { min: bigint; max: bigint }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.min <= last.max + 1n) {
      if (r.max > last.max) last.max = r.max;
    } else out.push({ min: r.min, max: r.max });
  }
  return out;
}

function rangeText(list: readonly MibRange[], size: boolean): string {
  const s = normalizeRanges(list).map((r) => (r.min === r.max ? `${r.min}` : `${r.min}..${r.max}`)).join('|');
  return size ? `SIZE(${s})` : `(${s})`;
}

/** The constraints column: enumerations/bits sorted by value (as libsmi lists them), ranges, sizes. */
function constraints(s: MibSyntax | undefined): string {
  if (s === undefined) return '-';
  if (s.enums !== undefined) return `{${[...s.enums].sort((a, b) => a.value - b.value).map((e) => `${e.name}(${e.value})`).join(',')}}`;
  if (s.ranges !== undefined) return rangeText(s.ranges, false);
  if (s.sizes !== undefined) return rangeText(s.sizes, true);
  return '-';
}

/** The type column: libsmi does not keep INTEGER apart from Integer32 and names the ASN.1 types. */
function typeColumn(s: MibSyntax): string {
  switch (s.type) {
    case 'INTEGER':
      return s.enums !== undefined ? 'INTEGER' : 'Integer32';
    case 'OCTET STRING':
      return 'OctetString';
    case 'OBJECT IDENTIFIER':
      return 'ObjectIdentifier';
    default:
      return s.type;
  }
}

function objectRow(o: MibObject, fromNetSnmp: boolean): string {
  const leaf = o.kind === 'scalar' || o.kind === 'column';
  const s = leaf ? o.syntax : undefined;
  let type = s === undefined ? '-' : typeColumn(s);
  let cons = leaf ? constraints(s) : '-';
  if (fromNetSnmp && s !== undefined) {
    // Rows taken from net-snmp (README: RFC1158-MIB) carry net-snmp's type names for
    // the SMIv1 types and no inline constraint on a TC-typed object.
    type = ({ Counter: 'Counter32', Gauge: 'Gauge32' } as Record<string, string>)[type] ?? type;
    if (s.typeModule !== undefined && !['Counter', 'Gauge', 'TimeTicks', 'IpAddress', 'NetworkAddress', 'Opaque'].includes(s.type)) cons = '-';
  }
  const index =
    o.kind !== 'row' ? '-' : o.augments !== undefined ? `AUGMENTS ${o.augments}` : o.index !== undefined && o.index.length > 0 ? o.index.map((p) => (p.implied ? `IMPLIED ${p.name}` : p.name)).join(',') : '-';
  const access = leaf || o.kind === 'table' || o.kind === 'row' ? (o.access ?? '-') : '-';
  const status = o.kind === 'moduleIdentity' || o.kind === 'trap' || o.kind === 'node' ? '-' : (o.status ?? '-');
  return [o.name, o.oid.toString(), o.kind.toLowerCase(), type, s === undefined ? '-' : s.base, access, status, cons, index].join('\t');
}

function typeRow(t: MibTypeDef): string {
  return [t.name, t.kind, t.syntax.base, t.parent ?? '-', t.status ?? '-', t.displayHint?.trim() ?? '-', constraints(t.syntax)].join('\t');
}

function readRows(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l !== '');
  } catch {
    return [];
  }
}

test('every module of the shared corpus matches the ground truth', { skip: SKIP }, () => {
  const store = new MibStore({ path: [CORPUS_DIR] });
  const report = store.loadAll();
  assert.deepEqual(report.failed.map((f) => `${f.module}: ${f.error.message}`), [], 'modules that failed to load');
  const summary = new Map(readRows(path.join(CORPUS_DIR, 'expected/_summary.tsv')).map((l) => l.split('\t')).map((f) => [f[0]!, f[1]!]));
  const names = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
  assert.equal(names.length, 370);
  const usedExceptions = new Set<string>();
  const failures: string[] = [];
  let passed = 0;
  for (const name of names) {
    const m = store.module(name);
    if (m === undefined) {
      failures.push(`${name}: not loaded`);
      continue;
    }
    const fromNetSnmp = summary.get(name) === 'netsnmp';
    const diffs: string[] = [];
    const compare = (expected: readonly string[], got: ReadonlyMap<string, string>, what: string): void => {
      const seen = new Set<string>();
      for (const e of expected) {
        const n = e.split('\t')[0]!;
        seen.add(n);
        const g = got.get(n);
        if (g === e) continue;
        const ex = EXCEPTIONS.find((x) => x.module === name && x.name === n);
        if (ex !== undefined && g !== undefined) {
          usedExceptions.add(`${ex.module}::${ex.name}`);
          continue;
        }
        diffs.push(`  ${what} expected ${e}\n  ${what} got      ${g ?? '(missing)'}`);
      }
      for (const [n, g] of got) if (!seen.has(n)) diffs.push(`  ${what} extra ${g}`);
    };
    compare(readRows(path.join(CORPUS_DIR, `expected/${name}.tsv`)), new Map(m.objects.map((o) => [o.name, objectRow(o, fromNetSnmp)])), 'object');
    // Modules whose rows come from net-snmp (RFC1158-MIB) have no types in the ground truth.
    if (!fromNetSnmp) compare(
      readRows(path.join(CORPUS_DIR, `expected/${name}.types.tsv`)),
      new Map(m.types.filter((t) => t.kind === 'tc' || t.kind === 'type').map((t) => [t.name, typeRow(t)])),
      'type',
    );
    if (diffs.length === 0) passed++;
    else failures.push(`${name}:\n${diffs.slice(0, 10).join('\n')}${diffs.length > 10 ? `\n  ... ${diffs.length - 10} more` : ''}`);
  }
  assert.deepEqual(failures, [], `${passed}/${names.length} modules match`);
  const stale = EXCEPTIONS.filter((x) => !usedExceptions.has(`${x.module}::${x.name}`));
  assert.deepEqual(stale, [], 'exceptions that no longer apply');
  assert.equal(passed, 370);
});

test('the whole corpus read back from the cache is the corpus compiled', { skip: SKIP }, () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'tsnmp-mib-corpus-cache-'));
  try {
    const cold = new MibStore({ path: [CORPUS_DIR], cacheDir: tmp });
    cold.loadAll();
    const cached = new MibStore({ path: [CORPUS_DIR], cacheDir: tmp });
    cached.loadAll();
    assert.equal(cached.loadStats.parsedFiles, 0);
    assert.equal(cached.loadStats.cachedFiles, cold.loadStats.parsedFiles);
    assert.deepEqual(cached.modules().map((m) => m.name), cold.modules().map((m) => m.name), 'load order');
    // The tree first, before any definition is made from the cache.
    assert.equal(oidReport(cached), oidReport(cold));
    for (const m of cold.modules()) assert.deepEqual(moduleToJson(cached.module(m.name)!), moduleToJson(m), m.name);
    // Module by module (the cache entries, linked again rather than the store's snapshot).
    const byName = new MibStore({ path: [CORPUS_DIR], cacheDir: tmp });
    for (const m of cold.modules()) byName.load(m.name);
    assert.equal(byName.loadStats.parsedFiles, 0);
    assert.equal(oidReport(byName), oidReport(cold));
    for (const m of cold.modules()) assert.deepEqual(moduleToJson(byName.module(m.name)!), moduleToJson(m), m.name);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
