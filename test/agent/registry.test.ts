/** The registry of subtrees: regions, specificity, priority, ranges, duplicates, owners. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubtreeHandler } from '../../src/agent/handler.js';
import { Registry } from '../../src/agent/registry.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { Oid } from '../../src/smi/oid.js';

const h = (): SubtreeHandler => ({ get() {}, getNext() {} });

function regions(r: Registry): string[] {
  return r.regions.map((g) => `${g.start.toString()}..${g.end?.toString() ?? 'end'}:${g.registration.kind}`);
}

test('nested registrations split the outer one into regions', () => {
  const r = new Registry();
  r.register('1.3.6.1', h(), { kind: 'outer' });
  r.register('1.3.6.1.2.1.1', h(), { kind: 'inner' });
  assert.deepEqual(regions(r), ['1.3.6.1..1.3.6.1.2.1.1:outer', '1.3.6.1.2.1.1..1.3.6.1.2.1.2:inner', '1.3.6.1.2.1.2..1.3.6.2:outer']);
  assert.equal(r.find(Oid.parse('1.3.6.1.2.1.1.5.0'))?.registration.kind, 'inner');
  assert.equal(r.find(Oid.parse('1.3.6.1.4.1'))?.registration.kind, 'outer');
  assert.equal(r.find(Oid.parse('1.3.6.2')), undefined);
  assert.equal(r.find(Oid.parse('1.3.6')), undefined);
});

test('equal roots: the lowest priority value wins, then the earliest; unregistering gives the region back', () => {
  const r = new Registry();
  const a = r.register('1.3.6.1.4.1.9', h(), { kind: 'a', priority: 127 });
  r.register('1.3.6.1.4.1.9', h(), { kind: 'b', priority: 100 });
  r.register('1.3.6.1.4.1.9', h(), { kind: 'c', priority: 110, owner: 'session-1' });
  assert.equal(r.find(Oid.parse('1.3.6.1.4.1.9.1'))?.registration.kind, 'b');
  assert.throws(() => r.register('1.3.6.1.4.1.9', h(), { priority: 100 }), InvalidArgumentError, 'duplicateRegistration');
  r.registrations.find((x) => x.kind === 'b')!.unregister();
  assert.equal(r.find(Oid.parse('1.3.6.1.4.1.9.1'))?.registration.kind, 'c');
  assert.equal(r.unregisterOwner('session-1'), 1);
  assert.equal(r.find(Oid.parse('1.3.6.1.4.1.9.1'))?.registration, a);
  a.unregister();
  assert.deepEqual(regions(r), []);
});

test('range registration (RFC 2741 §6.2.3): on the last arc a contiguous range, elsewhere one subtree per value', () => {
  const r = new Registry();
  r.register('1.3.6.1.2.1.2.2.1.1', h(), { kind: 'cols', rangeSubId: 10, upperBound: 3 });
  assert.deepEqual(regions(r), ['1.3.6.1.2.1.2.2.1.1..1.3.6.1.2.1.2.2.1.4:cols']);
  const rows = new Registry();
  rows.register('1.3.6.1.2.1.2.2.1.1.7', h(), { kind: 'row7', rangeSubId: 10, upperBound: 3 });
  assert.deepEqual(regions(rows), [
    '1.3.6.1.2.1.2.2.1.1.7..1.3.6.1.2.1.2.2.1.1.8:row7',
    '1.3.6.1.2.1.2.2.1.2.7..1.3.6.1.2.1.2.2.1.2.8:row7',
    '1.3.6.1.2.1.2.2.1.3.7..1.3.6.1.2.1.2.2.1.3.8:row7',
  ]);
  assert.throws(() => rows.register('1.3.6.1.9', h(), { rangeSubId: 5, upperBound: 8 }), InvalidArgumentError);
  assert.throws(() => rows.register('1.3.6.1.9', h(), { rangeSubId: 9 }), InvalidArgumentError);
  assert.throws(() => rows.register('1.3.6.1.9.1', h(), { rangeSubId: 5, upperBound: 9 + 70000 }), InvalidArgumentError);
});

test('a root with maximal arcs runs to the end of the OID space', () => {
  const r = new Registry();
  r.register(Oid.from([4294967295, 4294967295]), h(), { kind: 'max' });
  assert.equal(r.regions[0]!.end, undefined);
  assert.equal(r.find(Oid.from([4294967295, 4294967295, 1, 2]))?.registration.kind, 'max');
  r.register('2.4294967295', h(), { kind: 'last' });
  assert.equal(r.find(Oid.parse('2.4294967295'))?.end?.toString(), '3');
});

test('change listeners hear every registration change', () => {
  const r = new Registry();
  let n = 0;
  r.onChange(() => n++);
  const reg = r.register('1.3.6.1.4', h());
  reg.unregister();
  reg.unregister();
  assert.equal(n, 2);
  assert.equal(reg.active, false);
});
