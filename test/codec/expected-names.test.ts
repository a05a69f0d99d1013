/**
 * The manager's decoding shortcuts: a response decoded with the names its GetRequest asked
 * for is the same message as decodeMessage makes, with the asked-for Oid objects standing
 * in for the names that came back octet for octet; and the request id read from a
 * message's first octets is the one the decoder finds (or undefined, never a wrong one).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DecodeError } from '../../src/errors.js';
import { decodeMessage, decodeMessageExpecting, encodeCommunityMessage, encodeV3Message, peekRequestId } from '../../src/message/codec.js';
import type { CommunityMessage, Message } from '../../src/message/types.js';
import { expectedNames } from '../../src/pdu/varbinds.js';
import type { BasicPdu } from '../../src/pdu/types.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { communityMessageArb, oidArb, varBindArb } from './arbitraries.js';

const seedText = process.env.TSNMP_PROPERTY_SEED;
const params = (numRuns: number): fc.Parameters<unknown> => (seedText === undefined ? { numRuns } : { numRuns, seed: Number(seedText) });

/** What a varbind says, as text (so that Oid objects of either kind compare alike). */
function text(vb: VarBind): string {
  const v = vb.value;
  const value = v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v instanceof Oid ? v.toString() : typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
  return `${vb.oid.toString()} ${vb.type} ${value}`;
}

function varbindsOf(m: Message): VarBind[] {
  if (m.version === 3) throw new Error('v3');
  return m.pdu.varbinds;
}

function response(varbinds: VarBind[], requestId = 0x1234567): Uint8Array {
  const msg: CommunityMessage = { version: 1, community: new TextEncoder().encode('public'), pdu: { type: 'Response', requestId, errorStatus: 0, errorIndex: 0, varbinds } };
  return encodeCommunityMessage(msg);
}

describe('decoding a response with the names it should carry', () => {
  test('the same message as decodeMessage; matching names are the expected Oids themselves', () => {
    fc.assert(
      fc.property(fc.array(varBindArb, { minLength: 1, maxLength: 12 }), fc.array(fc.oneof(fc.constant('same'), fc.constant('other'), fc.constant('missing')), { maxLength: 14 }), (vbs, plan) => {
        // Expected names: mostly the response's own (as Oid objects of their own), some not.
        const expectedOids = plan.map((p, i) => (p === 'same' && i < vbs.length ? Oid.parse(vbs[i]!.oid.toString()) : Oid.parse(`1.3.6.1.4.1.${i}.9`)));
        const bytes = response(vbs);
        const plain = varbindsOf(decodeMessage(bytes));
        const hinted = varbindsOf(decodeMessageExpecting(bytes, undefined, expectedNames(expectedOids)));
        assert.deepEqual(hinted.map(text), plain.map(text));
        hinted.forEach((vb, i) => {
          const reused = i < expectedOids.length && expectedOids[i]!.equals(vb.oid);
          assert.equal(vb.oid === expectedOids[i], reused, `varbind ${i}`);
        });
      }),
      params(500),
    );
  });

  test('only a Response lends the names; other PDUs and bad input decode or fail as without them', () => {
    const names = expectedNames([Oid.parse('1.3.6.1.2.1.1.1.0')]);
    const vbs: VarBind[] = [{ oid: Oid.parse('1.3.6.1.2.1.1.1.0'), type: 'Null', value: null }];
    const get = encodeCommunityMessage({ version: 1, community: new TextEncoder().encode('public'), pdu: { type: 'GetRequest', requestId: 7, errorStatus: 0, errorIndex: 0, varbinds: vbs } });
    const decoded = varbindsOf(decodeMessageExpecting(get, undefined, names));
    assert.notEqual(decoded[0]!.oid, names.oids[0]);
    assert.ok(decoded[0]!.oid.equals(names.oids[0]!));
    const good = response(vbs);
    for (let cut = 1; cut < good.length; cut++) {
      assert.throws(() => decodeMessageExpecting(good.subarray(0, cut), undefined, names), DecodeError);
    }
  });
});

describe('the request id from the first octets', () => {
  test('is the decoded request id of any v1 or v2c message', () => {
    fc.assert(
      fc.property(communityMessageArb, (msg) => {
        const bytes = encodeCommunityMessage(msg);
        const pdu = msg.pdu;
        assert.equal(peekRequestId(bytes), pdu.type === 'Trap' ? undefined : (pdu as BasicPdu).requestId);
      }),
      params(500),
    );
  });

  test('is undefined for v3 messages, truncated or foreign bytes, never a wrong id', () => {
    const v3 = encodeV3Message(
      { version: 3, msgId: 42, msgMaxSize: 65507, msgFlags: 0, msgSecurityModel: 3 },
      { raw: new Uint8Array(0) },
      new Uint8Array([0x30, 0x00]),
    ).bytes;
    assert.equal(peekRequestId(v3), undefined);
    const good = response([{ oid: Oid.parse('1.3.6.1.2.1.1.3.0'), type: 'TimeTicks', value: 5 }], 0x7abcdef0 & 0x7fffffff);
    assert.equal(peekRequestId(good), 0x7abcdef0 & 0x7fffffff);
    for (let cut = 0; cut < 20; cut++) {
      const id = peekRequestId(good.subarray(0, cut));
      assert.ok(id === undefined || id === (0x7abcdef0 & 0x7fffffff), `cut at ${cut}: ${id}`);
    }
    assert.equal(peekRequestId(new Uint8Array([0x04, 0x02, 0x30, 0x00])), undefined);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (garbage) => {
        const id = peekRequestId(garbage);
        if (id === undefined) return;
        // Whatever it reads must be what the decoder would read, when the decoder accepts it.
        let decoded: Message | undefined;
        try {
          decoded = decodeMessage(garbage);
        } catch {
          return;
        }
        if (decoded.version !== 3 && decoded.pdu.type !== 'Trap') assert.equal(id, decoded.pdu.requestId);
      }),
      params(2000),
    );
  });
});

test('expectedNames keeps the OIDs and their content octets', () => {
  fc.assert(
    fc.property(fc.array(oidArb, { maxLength: 5 }), (oids) => {
      const names = expectedNames(oids);
      assert.equal(names.oids, oids);
      names.octets.forEach((o, i) => {
        const vb: VarBind = { oid: oids[i]!, type: 'Null', value: null };
        const hinted = varbindsOf(decodeMessageExpecting(response([vb]), undefined, { oids: [oids[i]!], octets: [o], tlvs: new Uint8Array(0) }));
        assert.equal(hinted[0]!.oid, oids[i]);
      });
    }),
    params(300),
  );
});
