import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { BerReader } from '../../src/ber/reader.js';
import { BerWriter } from '../../src/ber/writer.js';
import {
  decodeMessage,
  decodePdu,
  decodeScopedPdu,
  decodeV3Message,
  encodeCommunityMessage,
  encodeMessage,
  encodePdu,
  encodeScopedPdu,
  encodeV3Message,
} from '../../src/message/codec.js';
import type { V3Message } from '../../src/message/types.js';
import { decodeUsmSecurityParameters, writeUsmSecurityParameters } from '../../src/message/usm.js';
import type { Pdu } from '../../src/pdu/types.js';
import { Oid } from '../../src/smi/oid.js';
import { communityMessageArb, oidArb, pduArb, scopedPduArb, usmArb, v3DataArb, v3HeaderArb, varBindArb } from './arbitraries.js';
import { assertSame, toHex } from './helpers.js';

// A fixed seed per run can be given to reproduce a failure: TSNMP_PROPERTY_SEED=123.
const seedText = process.env.TSNMP_PROPERTY_SEED;
const params = (numRuns: number): fc.Parameters<unknown> => (seedText === undefined ? { numRuns } : { numRuns, seed: Number(seedText) });

describe('property: decode(encode(x)) equals x', () => {
  test('OIDs: BER, dotted text and order', () => {
    fc.assert(
      fc.property(oidArb, oidArb, (a, b) => {
        const w = new BerWriter();
        w.writeOid(a);
        const back = new BerReader(w.toBytes()).readOid('oid');
        assert.equal(back.toString(), a.toString());
        assert.ok(back.equals(a) && a.equals(back));
        assert.ok(Oid.parse(a.toString()).equals(a));
        // compare agrees with the arcs, for decoded and parsed Oids alike.
        const x = a.toArray();
        const y = b.toArray();
        let expected = 0;
        for (let i = 0; i < Math.min(x.length, y.length) && expected === 0; i++) expected = Math.sign(x[i]! - y[i]!);
        if (expected === 0) expected = Math.sign(x.length - y.length);
        assert.equal(Math.sign(back.compare(b)), expected);
        // (-0 is not 0 to assert.equal: negate only a non-zero sign.)
        assert.equal(Math.sign(b.compare(back)), expected === 0 ? 0 : -expected);
        assert.equal(back.startsWith(b), y.length <= x.length && y.every((v, i) => v === x[i]));
      }),
      params(1000),
    );
  });

  test('varbinds of every type, alone in a Response', () => {
    fc.assert(
      fc.property(varBindArb, (vb) => {
        const pdu: Pdu = { type: 'Response', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: [vb] };
        const bytes = encodePdu(pdu);
        const back = decodePdu(bytes);
        assertSame(back, pdu);
        assert.equal(toHex(encodePdu(back)), toHex(bytes));
      }),
      params(2000),
    );
  });

  test('PDUs of every kind', () => {
    fc.assert(
      fc.property(pduArb, (pdu) => {
        const bytes = encodePdu(pdu);
        assertSame(decodePdu(bytes), pdu);
        assertSame(decodePdu(bytes, { copyOctets: true }), pdu);
        assert.equal(toHex(encodePdu(decodePdu(bytes))), toHex(bytes));
      }),
      params(500),
    );
  });

  test('v1 and v2c community messages', () => {
    fc.assert(
      fc.property(communityMessageArb, (msg) => {
        const bytes = encodeCommunityMessage(msg);
        const back = decodeMessage(bytes);
        assertSame(back, msg);
        assert.equal(toHex(encodeMessage(back)), toHex(bytes));
      }),
      params(500),
    );
  });

  test('v3 messages with USM parameters, plain or encrypted, with or without an authentication placeholder', () => {
    fc.assert(
      fc.property(v3HeaderArb, usmArb, v3DataArb, fc.option(fc.constantFrom(12, 16, 24, 32, 48)), (header, usm, data, authLength) => {
        const h = { ...header, msgSecurityModel: 3 };
        const enc = authLength === null ? encodeV3Message(h, { usm }, data) : encodeV3Message(h, { usm, authLength }, data);
        const d = decodeV3Message(enc.bytes);
        const m = d.message;
        assertSame({ ...m, msgSecurityParameters: undefined, scopedPdu: undefined, encryptedPdu: undefined }, h);
        if (data instanceof Uint8Array) assert.equal(toHex(m.encryptedPdu!), toHex(data));
        else assertSame(m.scopedPdu, data);
        const p = decodeUsmSecurityParameters(m.msgSecurityParameters, d.securityParametersOffset);
        const expectedAuth = authLength === null ? usm.msgAuthenticationParameters : new Uint8Array(authLength);
        assertSame({ ...p, authParametersOffset: undefined }, { ...usm, msgAuthenticationParameters: expectedAuth });
        if (authLength !== null) assert.equal(enc.authParametersOffset, p.authParametersOffset);
        else assert.equal(enc.authParametersOffset, -1);
        assert.equal(toHex(encodeMessage(m)), toHex(enc.bytes));
      }),
      params(500),
    );
  });

  test('v3 messages with raw security parameters, through encodeMessage', () => {
    fc.assert(
      fc.property(v3HeaderArb, fc.uint8Array({ minLength: 1, maxLength: 60 }), v3DataArb, (header, raw, data) => {
        const msg: V3Message =
          data instanceof Uint8Array ? { ...header, msgSecurityParameters: raw, encryptedPdu: data } : { ...header, msgSecurityParameters: raw, scopedPdu: data };
        const bytes = encodeMessage(msg);
        assertSame(decodeMessage(bytes), msg);
        assertSame(decodeMessage(bytes, { copyOctets: true }), msg);
      }),
      params(500),
    );
  });

  test('scoped PDUs alone, with and without padding', () => {
    fc.assert(
      fc.property(scopedPduArb, fc.uint8Array({ maxLength: 15 }), (scoped, pad) => {
        const bytes = encodeScopedPdu(scoped);
        assertSame(decodeScopedPdu(bytes), scoped);
        assertSame(decodeScopedPdu(Uint8Array.from([...bytes, ...pad]), { allowTrailing: true }), scoped);
      }),
      params(300),
    );
  });

  test('USM security parameters alone', () => {
    fc.assert(
      fc.property(usmArb, fc.nat({ max: 1000 }), (usm, base) => {
        const w = new BerWriter();
        writeUsmSecurityParameters(w, usm);
        const bytes = w.toBytes();
        const p = decodeUsmSecurityParameters(bytes, base);
        assertSame({ ...p, authParametersOffset: undefined }, usm);
        const at = p.authParametersOffset - base;
        assert.equal(toHex(bytes.subarray(at, at + usm.msgAuthenticationParameters.length)), toHex(usm.msgAuthenticationParameters));
      }),
      params(500),
    );
  });
});
