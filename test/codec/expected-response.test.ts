/**
 * The manager's fast path for a Response to a GetRequest (decodeExpectedResponse): what it
 * decodes, decodeMessage decodes to the same message; what it cannot or should not decode
 * it leaves (undefined) to the full decoder, never a different answer. Checked on random
 * responses, on mutants of them and of the golden packets, and on the cases it leaves.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeMessage, decodeMessageExpecting, encodeCommunityMessage } from '../../src/message/codec.js';
import { decodeExpectedResponse } from '../../src/message/expected-response.js';
import type { CommunityMessage, Message } from '../../src/message/types.js';
import type { BasicPdu } from '../../src/pdu/types.js';
import { type ExpectedNames, expectedNames } from '../../src/pdu/varbinds.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { varBindArb } from './arbitraries.js';
import { loadGolden } from './golden-loader.js';
import { Prng, mutant } from './mutator.js';

const seedText = process.env.TSNMP_PROPERTY_SEED;
const params = (numRuns: number): fc.Parameters<unknown> => (seedText === undefined ? { numRuns } : { numRuns, seed: Number(seedText) });
const LIMITS = [65535, 1 << 20] as const;

/** Value types the fast path reads itself; the others (OID, BIT STRING) it leaves. */
const FAST_TYPES = new Set(['Integer32', 'OctetString', 'Null', 'IpAddress', 'Counter32', 'Gauge32', 'TimeTicks', 'Opaque', 'NsapAddress', 'Counter64', 'UInteger32', 'NoSuchObject', 'NoSuchInstance', 'EndOfMibView']);

function text(vb: VarBind): string {
  const v = vb.value;
  const value = v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v instanceof Oid ? v.toString() : typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
  return `${vb.oid.toString()} ${vb.type} ${typeof v} ${value}`;
}

/** Asserts the fast path's message is the full decoder's, and its names the expected Oids. */
function assertSameMessage(fast: CommunityMessage, full: Message, names: ExpectedNames): void {
  assert.notEqual(full.version, 3);
  const f = full as CommunityMessage;
  assert.equal(fast.version, f.version);
  assert.deepEqual(Buffer.from(fast.community), Buffer.from(f.community));
  const a = fast.pdu as BasicPdu;
  const b = f.pdu as BasicPdu;
  assert.equal(a.type, 'Response');
  assert.equal(b.type, 'Response');
  assert.deepEqual([a.requestId, a.errorStatus, a.errorIndex], [b.requestId, b.errorStatus, b.errorIndex]);
  assert.deepEqual(a.varbinds.map(text), b.varbinds.map(text));
  a.varbinds.forEach((vb, i) => assert.equal(vb.oid, names.oids[i], `varbind ${i} names the expected Oid`));
}

function response(version: 0 | 1, varbinds: VarBind[], requestId: number, errorStatus = 0, errorIndex = 0, community = 'public'): Uint8Array {
  return encodeCommunityMessage({ version, community: new TextEncoder().encode(community), pdu: { type: 'Response', requestId, errorStatus, errorIndex, varbinds } });
}

/** The names a manager would expect for a response: its own, as Oid objects of their own. */
function namesOf(varbinds: readonly VarBind[]): ExpectedNames {
  return expectedNames(varbinds.map((vb) => Oid.parse(vb.oid.toString())));
}

describe('decodeExpectedResponse', () => {
  test('decodes a plain Response as decodeMessage does, with the expected Oids as names', () => {
    const v1Types = new Set(['Counter64', 'NoSuchObject', 'NoSuchInstance', 'EndOfMibView']);
    fc.assert(
      fc.property(
        fc.array(varBindArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: -0x80000000, max: 0x7fffffff }),
        fc.integer({ min: 0, max: 18 }),
        fc.boolean(),
        (vbs, requestId, errorStatus, v1) => {
          const version = v1 && vbs.every((vb) => !v1Types.has(vb.type)) ? 0 : 1;
          const bytes = response(version, vbs, requestId, errorStatus, errorStatus === 0 ? 0 : 1);
          const names = namesOf(vbs);
          const fast = decodeExpectedResponse(bytes, names, ...LIMITS);
          const simple = vbs.every((vb) => FAST_TYPES.has(vb.type)) && names.octets.every((o) => o.length < 0x80);
          if (simple) assert.ok(fast !== undefined, 'a plain response takes the fast path');
          if (fast !== undefined) assertSameMessage(fast, decodeMessageExpecting(bytes, undefined, names), names);
        },
      ),
      params(1000),
    );
  });

  test('leaves to the full decoder what it does not read itself', () => {
    const oid = Oid.parse('1.3.6.1.2.1.1.3.0');
    const vbs: VarBind[] = [{ oid, type: 'TimeTicks', value: 12345 }];
    const names = namesOf(vbs);
    const good = response(1, vbs, 0x1234567);
    assert.ok(decodeExpectedResponse(good, names, ...LIMITS) !== undefined);
    const leaves = (bytes: Uint8Array, why: string, n: ExpectedNames = names, limits: readonly [number, number] = LIMITS): void =>
      assert.equal(decodeExpectedResponse(bytes, n, ...limits), undefined, why);
    // Another PDU, another name, an OID or BIT STRING value, a v3 message.
    leaves(encodeCommunityMessage({ version: 1, community: new Uint8Array(0), pdu: { type: 'GetRequest', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: vbs } }), 'a GetRequest');
    leaves(response(1, [{ oid: Oid.parse('1.3.6.1.2.1.1.4.0'), type: 'TimeTicks', value: 1 }], 5), 'another name');
    leaves(response(1, [...vbs, ...vbs], 5), 'more varbinds than names');
    leaves(response(1, [{ oid, type: 'ObjectIdentifier', value: oid }], 5), 'an OID value');
    leaves(response(1, [{ oid, type: 'BitString', value: { bytes: Uint8Array.of(0x80), unusedBits: 7 } }], 5), 'a BIT STRING value');
    // Limits: the full decoder says what is wrong.
    leaves(good, 'over maxVarBinds', names, [0, 1 << 20]);
    leaves(good, 'over maxMessageSize', names, [65535, good.length - 1]);
    // Long-form lengths: read alike by both (a value's), or left (the header INTEGERs', which
    // the fast path reads in short form only); the full decoder accepts both.
    const tlv = (tag: number, ...parts: (number[] | Uint8Array)[]): number[] => {
      const content = parts.flatMap((x) => [...x]);
      assert.ok(content.length < 0x80);
      return [tag, content.length, ...content];
    };
    const name = [...encodeCommunityMessage({ version: 1, community: new Uint8Array(0), pdu: { type: 'Response', requestId: 0, errorStatus: 0, errorIndex: 0, varbinds: [{ oid, type: 'Null', value: null }] } })];
    const nameTlv = name.slice(name.indexOf(0x06), name.indexOf(0x06) + 2 + name[name.indexOf(0x06) + 1]!);
    const message = (requestId: number[], value: number[]): Uint8Array =>
      Uint8Array.from(tlv(0x30, [0x02, 0x01, 0x01], tlv(0x04, new TextEncoder().encode('public')), tlv(0xa2, requestId, [0x02, 0x01, 0x00], [0x02, 0x01, 0x00], tlv(0x30, tlv(0x30, nameTlv, value)))));
    const longValue = message([0x02, 0x01, 0x05], [0x43, 0x81, 0x02, 0x30, 0x39]);
    const fast = decodeExpectedResponse(longValue, names, ...LIMITS);
    assert.ok(fast !== undefined, 'a long-form value length');
    assertSameMessage(fast, decodeMessageExpecting(longValue, undefined, names), names);
    assert.equal((fast.pdu as BasicPdu).varbinds[0]!.value, 12345);
    const longId = message([0x02, 0x81, 0x01, 0x05], [0x43, 0x02, 0x30, 0x39]);
    assert.equal(((decodeMessage(longId) as CommunityMessage).pdu as BasicPdu).requestId, 5);
    leaves(longId, 'a long-form request-id length');
    // Empty INTEGERs (the full decoder refuses them).
    for (const [id, value, why] of [
      [[0x02, 0x00], [0x43, 0x02, 0x30, 0x39], 'an empty request-id'],
      [[0x02, 0x01, 0x05], [0x43, 0x00], 'an empty TimeTicks'],
      [[0x02, 0x01, 0x05], [0x02, 0x00], 'an empty Integer32'],
      [[0x02, 0x01, 0x05], [0x46, 0x00], 'an empty Counter64'],
    ] as const) {
      const bytes = message([...id], [...value]);
      assert.throws(() => decodeMessage(bytes), /empty INTEGER/, why);
      leaves(bytes, why);
    }
    // Every cut short of the end: undefined, and the full decoder refuses it.
    for (let cut = 0; cut < good.length; cut++) leaves(good.subarray(0, cut), `cut at ${cut}`);
    leaves(Uint8Array.from([...good, 0]), 'a byte after the message');
  });

  test('mutants: whatever it decodes, decodeMessage decodes to the same message', () => {
    const rng = new Prng(Number(process.env.TSNMP_FUZZ_SEED ?? 0x51ed));
    const simple = fc.sample(fc.array(varBindArb, { minLength: 1, maxLength: 6 }), { numRuns: 200, seed: 7 }).map((vbs) => vbs.filter((vb) => FAST_TYPES.has(vb.type) && vb.type !== 'Counter64'));
    const seeds: { bytes: Uint8Array; names: ExpectedNames }[] = simple.filter((v) => v.length > 0).map((vbs, i) => ({ bytes: response(i % 2 === 0 || vbs.some((vb) => vb.type.startsWith('NoSuch') || vb.type === 'EndOfMibView') ? 1 : 0, vbs, 0x800000 + i), names: namesOf(vbs) }));
    for (const g of loadGolden()) {
      const m = decodeMessage(g.bytes);
      if (m.version !== 3 && m.pdu.type === 'Response') seeds.push({ bytes: g.bytes, names: namesOf(m.pdu.varbinds) });
    }
    let decoded = 0;
    const count = 100_000;
    for (let i = 0; i < count; i++) {
      const seed = seeds[rng.below(seeds.length)]!;
      const bytes = rng.below(8) === 0 ? seed.bytes : mutant(rng, [seed.bytes]);
      const fast = decodeExpectedResponse(bytes, seed.names, ...LIMITS);
      if (fast === undefined) continue;
      decoded++;
      let full: Message;
      try {
        full = decodeMessageExpecting(bytes, undefined, seed.names);
      } catch (err) {
        assert.fail(`the fast path decoded what the full decoder refuses (${(err as Error).message}): ${Buffer.from(bytes).toString('hex')}`);
      }
      assertSameMessage(fast, full, seed.names);
    }
    // The mutants must exercise the fast path, not only miss it.
    assert.ok(decoded > count / 10, `only ${decoded} of ${count} decoded on the fast path`);
  });
});
