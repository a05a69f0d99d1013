/** Property tests (fast-check): registry regions against brute force, index and .snmprec round trips. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { SubtreeHandler } from '../../src/agent/handler.js';
import { type Registration, Registry } from '../../src/agent/registry.js';
import { decodeIndex, encodeIndex, type IndexSyntax, type IndexValue } from '../../src/agent/table-index.js';
import { Oid } from '../../src/smi/oid.js';
import { formatSnmprec, parseSnmprec } from '../../src/smi/snmprec.js';
import type { VarBind } from '../../src/smi/types.js';

const h: SubtreeHandler = { get() {}, getNext() {} };
const arcs = (max: number, len: number) => fc.array(fc.integer({ min: 0, max }), { minLength: 1, maxLength: len });

test('the registry finds the longest root, then the lowest priority, then the earliest registration', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ root: arcs(3, 4), priority: fc.integer({ min: 0, max: 3 }) }), { maxLength: 12 }), fc.array(arcs(3, 6), { maxLength: 30 }), (regs, probes) => {
      const r = new Registry();
      const made: Registration[] = [];
      for (const x of regs) {
        try {
          made.push(r.register(Oid.from(x.root), h, { priority: x.priority }));
        } catch {
          // a duplicate: refused, as AgentX's duplicateRegistration
        }
      }
      for (const p of probes) {
        const oid = Oid.from(p);
        let best: Registration | undefined;
        for (const m of made) {
          if (!oid.startsWith(m.root)) continue;
          if (best === undefined || m.root.length > best.root.length || (m.root.length === best.root.length && (m.priority < best.priority || (m.priority === best.priority && m.seq < best.seq)))) best = m;
        }
        assert.equal(r.find(oid)?.registration, best, `${oid.toString()}`);
      }
      // Regions are sorted, disjoint and each inside its registration's subtree.
      const rs = r.regions;
      for (let i = 0; i < rs.length; i++) {
        assert.ok(rs[i]!.start.startsWith(rs[i]!.registration.root));
        if (i > 0) assert.ok(rs[i - 1]!.end !== undefined && rs[i - 1]!.end!.compare(rs[i]!.start) <= 0);
      }
    }),
    { numRuns: 300 },
  );
});

const indexPart: fc.Arbitrary<[IndexSyntax, IndexValue]> = fc.oneof(
  fc.integer({ min: 0, max: 0xffffffff }).map((v): [IndexSyntax, IndexValue] => [{ type: 'Integer' }, v]),
  fc.uint8Array({ maxLength: 6 }).map((v): [IndexSyntax, IndexValue] => [{ type: 'OctetString' }, v]),
  fc.uint8Array({ minLength: 3, maxLength: 3 }).map((v): [IndexSyntax, IndexValue] => [{ type: 'OctetString', fixedLength: 3 }, v]),
  arcs(1000, 5).map((v): [IndexSyntax, IndexValue] => [{ type: 'ObjectIdentifier' }, Oid.from(v)]),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((q): [IndexSyntax, IndexValue] => [{ type: 'IpAddress' }, q.join('.')]),
);
const impliedLast: fc.Arbitrary<[IndexSyntax, IndexValue] | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.uint8Array({ maxLength: 6 }).map((v): [IndexSyntax, IndexValue] => [{ type: 'OctetString', implied: true }, v]),
  arcs(1000, 5).map((v): [IndexSyntax, IndexValue] => [{ type: 'ObjectIdentifier', implied: true }, Oid.from(v)]),
);

test('index encoding round-trips (RFC 2578 §7.7), IMPLIED last indexes included', () => {
  fc.assert(
    fc.property(fc.array(indexPart, { maxLength: 4 }), impliedLast, (parts, last) => {
      const all = last === undefined ? parts : [...parts, last];
      const syntax = all.map((p) => p[0]);
      const values = all.map((p) => p[1]);
      const back = decodeIndex(syntax, encodeIndex(syntax, values));
      assert.ok(back !== undefined);
      assert.deepEqual(
        back.map((v) => (v instanceof Oid ? v.toString() : v)),
        values.map((v) => (v instanceof Oid ? v.toString() : v)),
      );
    }),
    { numRuns: 500 },
  );
});

const varbind: fc.Arbitrary<VarBind> = fc.tuple(arcs(100000, 12), fc.nat(12)).chain(([a, kind]) => {
  const oid = Oid.from(a);
  const u32 = fc.integer({ min: 0, max: 0xffffffff });
  switch (kind) {
    case 0:
      return fc.integer({ min: -0x80000000, max: 0x7fffffff }).map((value): VarBind => ({ oid, type: 'Integer32', value }));
    case 1:
      return fc.uint8Array({ maxLength: 20 }).map((value): VarBind => ({ oid, type: 'OctetString', value }));
    case 2:
      return fc.uint8Array({ maxLength: 20 }).map((value): VarBind => ({ oid, type: 'Opaque', value }));
    case 3:
      return arcs(0xffffffff, 8).map((v): VarBind => ({ oid, type: 'ObjectIdentifier', value: Oid.from(v) }));
    case 4:
      return fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((q): VarBind => ({ oid, type: 'IpAddress', value: q.join('.') }));
    case 5:
      return u32.map((value): VarBind => ({ oid, type: 'Counter32', value }));
    case 6:
      return u32.map((value): VarBind => ({ oid, type: 'Gauge32', value }));
    case 7:
      return u32.map((value): VarBind => ({ oid, type: 'TimeTicks', value }));
    case 8:
      return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((value): VarBind => ({ oid, type: 'Counter64', value }));
    case 9:
      return u32.map((value): VarBind => ({ oid, type: 'UInteger32', value }));
    case 10:
      return fc.uint8Array({ minLength: 1, maxLength: 8 }).chain((bytes) => fc.nat(7).map((unusedBits): VarBind => ({ oid, type: 'BitString', value: { bytes, unusedBits } })));
    case 11:
      return fc.uint8Array({ maxLength: 20 }).map((value): VarBind => ({ oid, type: 'NsapAddress', value }));
    default:
      return fc.constant<VarBind>({ oid, type: 'Null', value: null });
  }
});

test('.snmprec text round-trips every SMI type', () => {
  fc.assert(
    fc.property(fc.array(varbind, { maxLength: 20 }), (vbs) => {
      assert.deepEqual(parseSnmprec(formatSnmprec(vbs), { sort: false }), vbs);
    }),
    { numRuns: 300 },
  );
});

test('the .snmprec parser only ever throws DecodeError on mutated input', () => {
  const base = formatSnmprec([
    { oid: Oid.parse('1.3.6.1.2.1.1.1.0'), type: 'OctetString', value: new TextEncoder().encode('a b') },
    { oid: Oid.parse('1.3.6.1.2.1.1.3.0'), type: 'TimeTicks', value: 5 },
    { oid: Oid.parse('1.3.6.1.2.1.4.20.1.1.1.2.3.4'), type: 'IpAddress', value: '1.2.3.4' },
  ]);
  fc.assert(
    fc.property(fc.nat(base.length - 1), fc.string({ maxLength: 3 }), (at, insert) => {
      const text = base.slice(0, at) + insert + base.slice(at + 1);
      try {
        parseSnmprec(text);
      } catch (err) {
        assert.equal((err as Error).name, 'DecodeError', String(err));
      }
    }),
    { numRuns: 1000 },
  );
});
