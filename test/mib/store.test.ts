import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MibError } from '../../src/errors.js';
import { MibStore } from '../../src/mib/store.js';
import { BROKEN_DIR, GOOD_DIR } from './helpers.js';

function loadError(store: MibStore, name: string): MibError {
  try {
    store.load(name);
  } catch (e) {
    assert.ok(e instanceof MibError, `expected a MibError, got ${String(e)}`);
    return e;
  }
  assert.fail(`expected ${name} to fail`);
}

test('the base SMI modules are built in: no file needed for Counter32 or DisplayString', () => {
  const store = new MibStore();
  const smi = store.load('SNMPv2-SMI');
  assert.equal(smi.file, '<builtin>');
  assert.equal(smi.typesByName.get('Counter32')!.syntax.smiType, 'Counter32');
  assert.equal(store.object('enterprises')!.oid.toString(), '1.3.6.1.4.1');
  const tc = store.load('SNMPv2-TC');
  assert.equal(tc.typesByName.get('DisplayString')!.displayHint, '255a');
  assert.equal(tc.typesByName.get('TimeStamp')!.parent, 'TimeTicks');
  for (const n of ['SNMPv2-CONF', 'RFC1155-SMI', 'RFC-1212', 'RFC-1215']) assert.equal(store.load(n).name, n);
  assert.equal(store.load('RFC1155-SMI').typesByName.get('NetworkAddress')!.syntax.smiType, 'IpAddress');
  // A module from text that uses them.
  const [m] = store.loadText('X-MIB DEFINITIONS ::= BEGIN\nIMPORTS OBJECT-TYPE, Counter32, mib-2 FROM SNMPv2-SMI DisplayString FROM SNMPv2-TC;\n' +
    'xName OBJECT-TYPE SYNTAX DisplayString MAX-ACCESS read-only STATUS current DESCRIPTION "n" ::= { mib-2 999 1 }\n' +
    'xCount OBJECT-TYPE SYNTAX Counter32 MAX-ACCESS read-only STATUS current DESCRIPTION "c" ::= { mib-2 999 2 }\nEND');
  assert.equal(m!.objectsByName.get('xName')!.syntax!.typeModule, 'SNMPv2-TC');
  assert.equal(m!.objectsByName.get('xCount')!.syntax!.smiType, 'Counter32');
  assert.equal(m!.objectsByName.get('xCount')!.oid.toString(), '1.3.6.1.2.1.999.2');
});

test('modules load by name from the search path, with imports in any order and forward references', () => {
  const store = new MibStore({ path: [GOOD_DIR] });
  const caps = store.load('TSNMP-TEST-CAPS-MIB');
  assert.deepEqual(store.modules().map((m) => m.name).slice(-2), ['TSNMP-TEST-MIB', 'TSNMP-TEST-CAPS-MIB']);
  assert.equal(caps.objectsByName.get('tsnmpTestAgent')!.kind, 'capabilities');
  assert.equal(caps.objectsByName.get('tsnmpTestAgent')!.oid.toString(), '1.3.6.1.4.1.99998.3.1');
  const t = store.module('TSNMP-TEST-MIB')!;
  const kinds = new Map(t.objects.map((o) => [o.name, o.kind]));
  assert.equal(kinds.get('tsnmpTestScalars'), 'node');
  assert.equal(t.objectsByName.get('tsnmpTestScalars')!.oid.toString(), '1.3.6.1.4.1.99998.1.1');
  assert.equal(kinds.get('tsnmpTestTable'), 'table');
  assert.equal(kinds.get('tsnmpTestEntry'), 'row');
  assert.equal(kinds.get('tsnmpTestMac'), 'column');
  assert.equal(kinds.get('tsnmpTestName'), 'scalar');
  assert.equal(kinds.get('tsnmpTestAlarm'), 'notification');
  assert.equal(kinds.get('tsnmpTestNotificationGroup'), 'notificationGroup');
  assert.equal(kinds.get('tsnmpTestCompliance'), 'compliance');
  const colour = t.objectsByName.get('tsnmpTestColour')!.syntax!;
  assert.deepEqual([colour.type, colour.base, colour.smiType, colour.typeModule], ['TestColour', 'Enumeration', 'Integer32', 'TSNMP-TEST-MIB']);
  const v1 = store.load('TSNMP-V1-MIB');
  assert.equal(v1.language, 'SMIv1');
  const trap = v1.objectsByName.get('tsnmpV1Restart')!;
  assert.equal(trap.kind, 'trap');
  assert.equal(trap.oid.toString(), '1.3.6.1.4.1.99997.0.3');
  assert.equal(v1.objectsByName.get('tsnmpV1Peer')!.syntax!.smiType, 'IpAddress');
  // net-snmp's placeholder node for SMIv1 traps.
  assert.equal(store.node(trap.oid.parent())!.name, 'tsnmpV1#');
});

test('a missing import is reported with the chain that needed it', () => {
  const store = new MibStore({ path: [BROKEN_DIR, GOOD_DIR] });
  const e = loadError(store, 'TSNMP-CHAIN-MIB');
  assert.match(e.message, /TSNMP-CHAIN-MIB\.txt:5:34: cannot load TSNMP-UNKNOWN-IMPORT-MIB \(needed by TSNMP-CHAIN-MIB\): cannot load TSNMP-NO-SUCH-MIB \(needed by TSNMP-UNKNOWN-IMPORT-MIB <- TSNMP-CHAIN-MIB\): module TSNMP-NO-SUCH-MIB not found; searched /);
  assert.equal(e.line, 5);
  assert.equal(store.module('TSNMP-CHAIN-MIB'), undefined);
  assert.ok(store.failure('TSNMP-UNKNOWN-IMPORT-MIB') instanceof MibError);
});

test('broken modules give positioned errors and never poison the store', () => {
  const store = new MibStore({ path: [BROKEN_DIR, GOOD_DIR] });
  const cases: [string, number, number, RegExp][] = [
    ['TSNMP-TRUNCATED-MIB', 13, 1, /found end of file/],
    ['TSNMP-UNBALANCED-MIB', 10, 17, /expected "\("/],
    ['TSNMP-UNKNOWN-IMPORT-MIB', 5, 23, /module TSNMP-NO-SUCH-MIB not found/],
    ['TSNMP-BAD-OID-MIB', 7, 54, /OID arc 4294967296 is not in 0\.\.4294967295/],
    ['TSNMP-UNDEFINED-PARENT-MIB', 7, 45, /unknown descriptor tsnmpNoSuchParent/],
  ];
  for (const [name, line, column, re] of cases) {
    const e = loadError(store, name);
    assert.equal(e.file, path.join(BROKEN_DIR, `${name}.txt`), name);
    assert.deepEqual([e.line, e.column], [line, column], name);
    assert.match(e.message, re, name);
    // A second attempt gives the same error without reparsing.
    assert.equal(loadError(store, name), e);
  }
  // The good modules still load, and the tree has no trace of the bad ones.
  assert.equal(store.load('TSNMP-TEST-MIB').objects.length, 31);
  assert.equal(store.object('tsnmpTruncated'), undefined);
  const report = store.loadAll();
  assert.deepEqual(report.failed.map((f) => f.module).sort(), ['TSNMP-BAD-OID-MIB', 'TSNMP-CHAIN-MIB', 'TSNMP-TRUNCATED-MIB', 'TSNMP-UNBALANCED-MIB', 'TSNMP-UNDEFINED-PARENT-MIB', 'TSNMP-UNKNOWN-IMPORT-MIB']);
  assert.ok(store.module('TSNMP-V1-MIB'));
  assert.ok(store.module('TSNMP-VENDOR-MIB'));
});

test('vendor mistakes load with warnings; strict mode turns them into errors', () => {
  const lenient = new MibStore({ path: [BROKEN_DIR] });
  const m = lenient.load('TSNMP-VENDOR-MIB');
  assert.equal(m.objectsByName.get('tsnmpVendor')!.oid.toString(), '1.3.6.1.4.1.99992');
  assert.deepEqual(m.diagnostics.map((d) => d.code).sort(), ['missing-comma', 'not-imported', 'not-imported', 'trailing-comma', 'underscore-in-identifier']);
  assert.deepEqual(m.objectsByName.get('tsnmpVendor_Mode')!.syntax!.enums, [{ name: 'auto', value: 1 }, { name: 'manual', value: 2 }]);
  const strict = new MibStore({ path: [BROKEN_DIR], strict: true });
  const e = loadError(strict, 'TSNMP-VENDOR-MIB');
  assert.match(e.message, /TSNMP-VENDOR-MIB\.txt:11:35: missing "," before "manual" \[missing-comma\]/);
  assert.equal(strict.module('TSNMP-VENDOR-MIB'), undefined);
});

test('names: module-qualified and random-access lookups, the tree', () => {
  const store = new MibStore({ path: [GOOD_DIR] });
  store.load('TSNMP-TEST-MIB');
  assert.equal(store.object('tsnmpTestName', 'TSNMP-TEST-MIB')!.kind, 'scalar');
  assert.equal(store.object('tsnmpTestName', 'SNMPv2-SMI'), undefined);
  assert.equal(store.object('nonexistent'), undefined);
  const node = store.node(store.object('tsnmpTestEntry')!.oid)!;
  assert.deepEqual(node.children().map((c) => c.name), ['tsnmpTestIndex', 'tsnmpTestAddr', 'tsnmpTestLabel', 'tsnmpTestMac', 'tsnmpTestWhen', 'tsnmpTestStatus']);
  assert.equal(node.parent!.name, 'tsnmpTestTable');
  assert.deepEqual(node.labels[0]!.modules, ['TSNMP-TEST-MIB']);
  assert.equal(store.type('TestTemperature')!.displayHint, 'd-1');
});

test('one descriptor defined by several modules keeps every module, in load order', () => {
  const store = new MibStore();
  store.loadText('A-MIB DEFINITIONS ::= BEGIN IMPORTS mib-2 FROM SNMPv2-SMI; shared OBJECT IDENTIFIER ::= { mib-2 4242 } END', 'a.txt');
  store.loadText('B-MIB DEFINITIONS ::= BEGIN IMPORTS mib-2 FROM SNMPv2-SMI; shared OBJECT IDENTIFIER ::= { mib-2 4242 } other OBJECT IDENTIFIER ::= { mib-2 4242 } END', 'b.txt');
  const node = store.node(store.object('shared')!.oid)!;
  assert.deepEqual(node.labels.map((l) => [l.name, l.modules]), [['shared', ['A-MIB', 'B-MIB']], ['other', ['B-MIB']]]);
  assert.equal(node.name, 'shared');
});

test('the cache: a second load reads compiled modules without parsing; changes invalidate', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'tsnmp-mib-cache-'));
  try {
    const dir = path.join(tmp, 'mibs');
    cpSync(GOOD_DIR, dir, { recursive: true });
    const cacheDir = path.join(tmp, 'cache');
    const first = new MibStore({ path: [dir], cacheDir });
    first.loadAll();
    assert.deepEqual(first.loadStats, { parsedFiles: 3, cachedFiles: 0 });
    const second = new MibStore({ path: [dir], cacheDir });
    second.loadAll();
    assert.deepEqual(second.loadStats, { parsedFiles: 0, cachedFiles: 3 });
    // The cached modules are the same modules.
    for (const m of first.modules()) {
      const c = second.module(m.name)!;
      assert.deepEqual(c.objects.map((o) => [o.name, o.oid.toString(), o.kind, o.syntax, o.description, o.index]), m.objects.map((o) => [o.name, o.oid.toString(), o.kind, o.syntax, o.description, o.index]), m.name);
      assert.deepEqual(c.types, m.types);
    }
    // Changing an imported module recompiles it and its importers.
    const file = path.join(dir, 'TSNMP-TEST-MIB.txt');
    const future = new Date(Date.now() + 60_000);
    utimesSync(file, future, future);
    const again = new MibStore({ path: [dir], cacheDir });
    again.loadAll();
    assert.deepEqual(again.loadStats, { parsedFiles: 2, cachedFiles: 1 });
    assert.equal(again.object('tsnmpTestIndex')?.oid.toString(), first.object('tsnmpTestIndex')?.oid.toString());
    utimesSync(file, new Date(Date.now() + 120_000), new Date(Date.now() + 120_000));
    const third = new MibStore({ path: [dir], cacheDir });
    third.load('TSNMP-TEST-CAPS-MIB');
    assert.deepEqual(third.loadStats, { parsedFiles: 2, cachedFiles: 0 });
    // A damaged cache file is a miss, not an error.
    const fourth = new MibStore({ path: [dir], cacheDir: path.join(tmp, 'cache2') });
    fourth.load('TSNMP-V1-MIB');
    const cache2 = path.join(tmp, 'cache2');
    const files = readdirSync(cache2).filter((f) => f.endsWith('.json'));
    // The module's file and the built-in base modules it imports.
    assert.ok(files.length > 1, String(files.length));
    for (const f of files) writeFileSync(path.join(cache2, f), '{"v":');
    const fifth = new MibStore({ path: [dir], cacheDir: path.join(tmp, 'cache2') });
    assert.equal(fifth.load('TSNMP-V1-MIB').objects.length, 9);
    assert.equal(fifth.loadStats.parsedFiles, 1);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the cache: blocks replaced by later writes are removed once they are ten minutes old, the current one kept', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'tsnmp-mib-cache-'));
  try {
    const dir = path.join(tmp, 'mibs');
    cpSync(GOOD_DIR, dir, { recursive: true });
    const cacheDir = path.join(tmp, 'cache');
    const file = path.join(dir, 'TSNMP-TEST-MIB.txt');
    const blocks = (): string[] => readdirSync(cacheDir).filter((f) => f.endsWith('.txt'));
    new MibStore({ path: [dir], cacheDir }).loadAll();
    const initial = blocks().length;
    // The module changes five times: each load writes its entry again with a new block.
    for (let i = 1; i <= 5; i++) {
      const t = new Date(Date.now() + i * 60_000);
      utimesSync(file, t, t);
      new MibStore({ path: [dir], cacheDir }).loadAll();
    }
    assert.ok(blocks().length > initial, 'replaced blocks stay for readers for a while');
    // Once they are old, the next write removes them: one block per source file remains.
    const old = new Date(Date.now() - 3_600_000);
    for (const b of blocks()) utimesSync(path.join(cacheDir, b), old, old);
    const t = new Date(Date.now() + 10 * 60_000);
    utimesSync(file, t, t);
    const last = new MibStore({ path: [dir], cacheDir });
    last.loadAll();
    assert.equal(blocks().length, initial);
    // The entries still read: a fresh store takes every module from the cache, definitions included.
    const fresh = new MibStore({ path: [dir], cacheDir });
    fresh.loadAll();
    assert.deepEqual(fresh.loadStats, { parsedFiles: 0, cachedFiles: 3 });
    assert.ok(fresh.modules().every((m) => m.objects.length >= 0));
    assert.equal(fresh.object('tsnmpTestIndex')?.oid.toString(), last.object('tsnmpTestIndex')?.oid.toString());
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('the cache: loadAll() of the same files is taken whole; lost definitions are an error once, then compiled again', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'tsnmp-mib-snapshot-'));
  try {
    const dir = path.join(tmp, 'mibs');
    cpSync(GOOD_DIR, dir, { recursive: true });
    cpSync(path.join(BROKEN_DIR, 'TSNMP-CHAIN-MIB.txt'), path.join(dir, 'TSNMP-CHAIN-MIB.txt'));
    const cacheDir = path.join(tmp, 'cache');
    const first = new MibStore({ path: [dir], cacheDir });
    const r1 = first.loadAll();
    const second = new MibStore({ path: [dir], cacheDir });
    const r2 = second.loadAll();
    assert.deepEqual(second.loadStats, { parsedFiles: 0, cachedFiles: 3 });
    assert.deepEqual(r2.loaded.map((m) => m.name), r1.loaded.map((m) => m.name));
    assert.deepEqual(r2.failed.map((f) => [f.module, f.file, f.error.message]), r1.failed.map((f) => [f.module, f.file, f.error.message]));
    assert.ok(r2.failed.length > 0);
    assert.equal(second.failure('TSNMP-CHAIN-MIB')?.message, first.failure('TSNMP-CHAIN-MIB')?.message);
    assert.equal(second.tree.lastByName('tsnmpTestLabel')?.oid.toString(), first.tree.lastByName('tsnmpTestLabel')?.oid.toString());
    assert.deepEqual(second.object('tsnmpTestLabel')?.syntax, first.object('tsnmpTestLabel')?.syntax);
    // A store that loaded something first does not take the snapshot.
    const third = new MibStore({ path: [dir], cacheDir });
    third.load('TSNMP-V1-MIB');
    third.loadAll();
    // Module by module, the failing file (never cached) is parsed again.
    assert.deepEqual(third.loadStats, { parsedFiles: 1, cachedFiles: 3 });
    assert.deepEqual(third.modules().map((m) => m.name).sort(), first.modules().map((m) => m.name).sort());
    // Blocks of definitions removed behind the cache's back.
    const fourth = new MibStore({ path: [dir], cacheDir });
    fourth.loadAll();
    for (const f of readdirSync(cacheDir)) if (f.endsWith('.txt')) rmSync(path.join(cacheDir, f));
    assert.throws(() => fourth.object('tsnmpTestLabel'), (e: unknown) => e instanceof MibError && /load the module again/.test(e.message));
    const fifth = new MibStore({ path: [dir], cacheDir });
    fifth.loadAll();
    assert.equal(fifth.loadStats.cachedFiles < 3, true);
    assert.deepEqual(fifth.object('tsnmpTestLabel')?.syntax, first.object('tsnmpTestLabel')?.syntax);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
