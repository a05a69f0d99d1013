/**
 * The table of pending requests: ids it hands out get their own slot; entries added with
 * any id (taken slots included) are found, replaced and removed as in a Map, through
 * growth; a model-based check against a Map.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PendingTable } from '../../src/manager/pending-table.js';

interface Entry {
  readonly id: number;
  readonly tag: number;
}

test('fresh ids are unique, in range, and each takes a free slot; the table grows when half full', () => {
  const t = new PendingTable<Entry>(4);
  const ids = new Set<number>();
  for (let i = 0; i < 5000; i++) {
    const id = t.freshId(0x800000, 0x40000000);
    assert.ok(id >= 0x800000 && id < 0x40000000);
    assert.ok(!ids.has(id));
    ids.add(id);
    t.set({ id, tag: i });
  }
  assert.equal(t.size, 5000);
  for (const id of ids) assert.equal(t.get(id)?.id, id);
  assert.equal(t.values().length, 5000);
  // Entries added with ids of their own fill slots (and the Map beyond): a fresh id is still found.
  const u = new PendingTable<Entry>(2);
  for (let id = 0; id < 40; id++) u.set({ id, tag: id });
  for (let i = 0; i < 40; i++) u.set({ id: u.freshId(0, 1 << 20), tag: -i });
  assert.equal(u.size, 80);
});

test('behaves as a Map of id to entry, whatever ids are added (taken slots, duplicates) and removed', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.record({ op: fc.constant('fresh' as const) }),
          fc.record({ op: fc.constant('add' as const), id: fc.integer({ min: -40, max: 600 }) }),
          fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
          fc.record({ op: fc.constant('removeStale' as const), id: fc.integer({ min: -40, max: 600 }) }),
        ),
        { maxLength: 300 },
      ),
      (ops) => {
        const t = new PendingTable<Entry>(2);
        const model = new Map<number, Entry>();
        let tag = 0;
        for (const o of ops) {
          if (o.op === 'fresh') {
            const id = t.freshId(0, 1 << 20);
            assert.ok(!model.has(id));
            const e = { id, tag: tag++ };
            t.set(e);
            model.set(id, e);
          } else if (o.op === 'add') {
            const e = { id: o.id, tag: tag++ };
            t.set(e);
            model.set(o.id, e);
          } else if (o.op === 'remove') {
            const all = [...model.values()];
            if (all.length === 0) continue;
            const e = all[o.pick % all.length]!;
            assert.equal(t.delete(e), true);
            model.delete(e.id);
          } else {
            // An entry that is not the one held under its id is not removed.
            assert.equal(t.delete({ id: o.id, tag: -1 }), false);
          }
          assert.equal(t.size, model.size);
        }
        for (const [id, e] of model) assert.equal(t.get(id), e);
        assert.equal(t.get(123456789), undefined);
        assert.deepEqual(
          t.values().map((e) => e.tag).sort((a, b) => a - b),
          [...model.values()].map((e) => e.tag).sort((a, b) => a - b),
        );
      },
    ),
    { numRuns: 300 },
  );
});
