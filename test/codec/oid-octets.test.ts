/**
 * Oids decoded from a message are compared, prefix-tested and printed on their BER octets,
 * without expanding them into arcs: these properties check that every answer is the one
 * the arcs give, for decoded/decoded, decoded/parsed and parsed/decoded pairs, and that
 * the text kept for the last prefix printed never leaks into another OID's text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BerReader } from '../../src/ber/reader.js';
import { BerWriter } from '../../src/ber/writer.js';
import { MAX_ARC, Oid } from '../../src/smi/oid.js';
import { oidArb } from './arbitraries.js';

const seedText = process.env.TSNMP_PROPERTY_SEED;
const params = (numRuns: number): fc.Parameters<unknown> => (seedText === undefined ? { numRuns } : { numRuns, seed: Number(seedText) });

/** The Oid the decoder makes for `oid`: its BER octets, not yet expanded. */
function decoded(oid: Oid): Oid {
  const w = new BerWriter();
  w.writeOid(oid);
  return new BerReader(w.toBytes()).readOid('test');
}

/** Arcs that share prefixes and cross the one-, two- and five-octet sub-identifier sizes. */
const arcArb = fc.oneof(fc.constantFrom(0, 1, 2, 39, 40, 127, 128, 16383, 16384, 2 ** 28 - 1, 2 ** 28, MAX_ARC), fc.nat({ max: 300 }));
const nearOidsArb = fc
  .tuple(fc.array(arcArb, { minLength: 0, maxLength: 8 }), fc.array(arcArb, { maxLength: 4 }), fc.array(arcArb, { maxLength: 4 }), fc.constantFrom(0, 1, 2), fc.nat({ max: 39 }))
  .map(([common, a, b, first, second]) => [Oid.from([first, second, ...common, ...a]), Oid.from([first, second, ...common, ...b])] as const);

function expectedCompare(a: Oid, b: Oid): number {
  const x = a.toArray();
  const y = b.toArray();
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

function expectedStartsWith(a: Oid, prefix: Oid): boolean {
  const x = a.toArray();
  const p = prefix.toArray();
  return p.length <= x.length && p.every((v, i) => v === x[i]);
}

describe('Oids decoded from a message, on their octets', () => {
  test('compare gives what the arcs give, in every pairing', () => {
    fc.assert(
      fc.property(fc.oneof(nearOidsArb, fc.tuple(oidArb, oidArb)), ([a, b]) => {
        const want = expectedCompare(a, b);
        assert.equal(decoded(a).compare(decoded(b)), want);
        assert.equal(decoded(a).compare(b), want);
        assert.equal(a.compare(decoded(b)), want);
        assert.equal(a.compare(b), want);
      }),
      params(2000),
    );
  });

  test('startsWith gives what the arcs give, in every pairing', () => {
    fc.assert(
      fc.property(fc.oneof(nearOidsArb, fc.tuple(oidArb, oidArb)), fc.nat({ max: 12 }), ([a, b], cut) => {
        // Prefixes of b of every length, and b itself.
        const prefix = b.slice(0, Math.max(0, b.length - cut));
        const want = expectedStartsWith(a, prefix);
        assert.equal(decoded(a).startsWith(prefix), want);
        if (prefix.length >= 2) assert.equal(decoded(a).startsWith(decoded(prefix)), want);
        assert.equal(a.startsWith(prefix), want);
      }),
      params(2000),
    );
  });

  test('length counts the arcs without expanding them', () => {
    fc.assert(
      fc.property(oidArb, (a) => {
        const d = decoded(a);
        assert.equal(d.length, a.toArray().length);
        // Still in BER form: the text and order come from the octets, and agree.
        assert.equal(d.toString(), a.toArray().join('.'));
        assert.equal(d.compare(a), 0);
      }),
      params(1000),
    );
  });

  test('text is the arcs joined by dots, whatever was printed before', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(nearOidsArb, fc.tuple(oidArb, oidArb)), { maxLength: 6 }), (pairs) => {
        for (const [a, b] of pairs) {
          assert.equal(decoded(a).toString(), a.toArray().join('.'));
          assert.equal(decoded(b).toString(), b.toArray().join('.'));
          assert.equal(decoded(a).toString(), a.toArray().join('.'));
        }
      }),
      params(1000),
    );
  });

  test('a walk of siblings prints each one right', () => {
    const base = Oid.parse('1.3.6.1.4.1.99999.2.1');
    for (const column of [2, 127, 128, 300]) {
      for (const row of [1, 2, 127, 128, 129, 16384, MAX_ARC]) {
        assert.equal(decoded(base.child(column, row)).toString(), `1.3.6.1.4.1.99999.2.1.${column}.${row}`);
      }
    }
    assert.equal(decoded(Oid.parse('2.999')).toString(), '2.999');
    assert.equal(decoded(Oid.parse('0.0')).toString(), '0.0');
    assert.equal(decoded(Oid.parse('1.39.0')).toString(), '1.39.0');
  });
});
