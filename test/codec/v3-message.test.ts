import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BerWriter } from '../../src/ber/writer.js';
import { EncodeError } from '../../src/errors.js';
import {
  decodeMessage,
  decodeScopedPdu,
  decodeV3Message,
  encodeMessage,
  encodePdu,
  encodeScopedPdu,
  encodeV3Message,
} from '../../src/message/codec.js';
import type { ScopedPdu, UsmSecurityParameters, V3Header, V3Message } from '../../src/message/types.js';
import { decodeUsmSecurityParameters, writeUsmSecurityParameters } from '../../src/message/usm.js';
import { Oid } from '../../src/smi/oid.js';
import { assertDecodeError, assertSame, h, toHex } from './helpers.js';

const header: V3Header = { version: 3, msgId: 1, msgMaxSize: 65507, msgFlags: 4, msgSecurityModel: 3 };
const scoped: ScopedPdu = {
  contextEngineId: h('80 00 1f 88 04 74 73 6e 6d 70'),
  contextName: new Uint8Array(0),
  pdu: { type: 'GetRequest', requestId: 7, errorStatus: 0, errorIndex: 0, varbinds: [{ oid: Oid.parse('1.3.6.1.2.1.1.5.0'), type: 'Null', value: null }] },
};
const usm: UsmSecurityParameters = {
  msgAuthoritativeEngineId: h('80 00 1f 88 04 74 73 6e 6d 70'),
  msgAuthoritativeEngineBoots: 1,
  msgAuthoritativeEngineTime: 2,
  msgUserName: h('75 73 65 72'),
  msgAuthenticationParameters: new Uint8Array(0),
  msgPrivacyParameters: new Uint8Array(0),
};

function v3(bytes: Uint8Array): V3Message {
  const m = decodeMessage(bytes);
  assert.equal(m.version, 3);
  return m as V3Message;
}

describe('SNMPv3 header fields (RFC 3412 §6)', () => {
  test('msgID 0 and 2^31-1, msgMaxSize 484 and 2^31-1 round trip', () => {
    for (const [msgId, msgMaxSize] of [
      [0, 484],
      [2 ** 31 - 1, 2 ** 31 - 1],
    ] as const) {
      const m = v3(encodeV3Message({ ...header, msgId, msgMaxSize }, { usm }, scoped).bytes);
      assert.equal(m.msgId, msgId);
      assert.equal(m.msgMaxSize, msgMaxSize);
    }
  });

  test('out-of-range header fields are refused both ways', () => {
    for (const bad of [{ msgId: -1 }, { msgId: 2 ** 31 }, { msgMaxSize: 483 }, { msgMaxSize: 2 ** 31 }, { msgFlags: 256 }, { msgFlags: -1 }, { msgSecurityModel: 0 }, { msgSecurityModel: -3 }]) {
      assert.throws(() => encodeV3Message({ ...header, ...bad }, { usm }, scoped), EncodeError, JSON.stringify(bad));
    }
    const good = encodeV3Message(header, { usm }, scoped).bytes;
    // 30 LL 02 01 03 30 0e 02 01 01 02 03 00 ff e3 04 01 04 02 01 03 ...
    const at = (hexText: string): number => toHex(good).indexOf(hexText.replace(/ /g, '')) / 2;
    const msgIdAt = at('02 01 01 02 03');
    const negativeId = good.slice();
    negativeId[msgIdAt + 2] = 0xff;
    assertDecodeError(() => decodeMessage(negativeId), 'badMessage', msgIdAt);
    const small = good.slice();
    small.set([0x00, 0x01, 0xe3], msgIdAt + 5); // 483
    assertDecodeError(() => decodeMessage(small), 'badMessage', msgIdAt + 3);
    const model0 = good.slice();
    model0[msgIdAt + 13] = 0;
    assertDecodeError(() => decodeMessage(model0), 'badMessage', msgIdAt + 11);
  });

  test('every msgFlags combination with auth or without priv round trips; priv without auth is refused both ways', () => {
    for (let flags = 0; flags < 8; flags++) {
      const data = flags & 2 ? h('de ad be ef') : scoped;
      if ((flags & 3) === 2) {
        assert.throws(() => encodeV3Message({ ...header, msgFlags: flags }, { usm }, data), EncodeError, String(flags));
        continue;
      }
      const m = v3(encodeV3Message({ ...header, msgFlags: flags }, { usm }, data).bytes);
      assert.equal(m.msgFlags, flags);
    }
    const good = encodeV3Message(header, { usm }, scoped).bytes;
    const flagsAt = toHex(good).indexOf('040104') / 2;
    const privOnly = good.slice();
    privOnly[flagsAt + 2] = 0x02;
    assertDecodeError(() => decodeMessage(privOnly), 'badMessage', flagsAt);
  });

  test('msgFlags must be exactly one octet', () => {
    const good = toHex(encodeV3Message(header, { usm }, scoped).bytes);
    // Replace 04 01 04 by 04 00 (and by 04 02 04 00), fixing the two enclosing lengths.
    const fix = (text: string, delta: number): Uint8Array => {
      const b = h(text);
      b[1]! += delta;
      b[6]! += delta;
      return b;
    };
    const zero = fix(good.replace('040104', '0400'), -1);
    const flagsAt = good.indexOf('040104') / 2;
    assertDecodeError(() => decodeMessage(zero), 'badMessage', flagsAt);
    const two = fix(good.replace('040104', '04020400'), 1);
    assertDecodeError(() => decodeMessage(two), 'badMessage', flagsAt);
  });

  test('the encrypted form carries the scoped PDU as opaque octets', () => {
    const cipher = new Uint8Array(200).map((_, i) => i);
    const enc = encodeV3Message({ ...header, msgFlags: 7 }, { usm: { ...usm, msgPrivacyParameters: h('00 00 00 01 00 00 00 02') }, authLength: 12 }, cipher);
    const m = v3(enc.bytes);
    assert.equal(m.scopedPdu, undefined);
    assert.equal(toHex(m.encryptedPdu!), toHex(cipher));
    assert.equal(toHex(enc.bytes.subarray(enc.bytes.length - 200)), toHex(cipher));
    assert.equal(toHex(encodeMessage(m)), toHex(enc.bytes));
  });

  test('a v1 Trap-PDU is refused in a v3 message both ways', () => {
    const trapPdu = { type: 'Trap' as const, enterprise: Oid.parse('1.3.6.1.4.1.1'), agentAddr: '10.0.0.1', genericTrap: 0, specificTrap: 0, timeStamp: 0, varbinds: [] };
    assert.throws(() => encodeV3Message(header, { usm }, { ...scoped, pdu: trapPdu }), EncodeError);
    assert.throws(() => encodeScopedPdu({ ...scoped, pdu: trapPdu }), EncodeError);
    // Build one by hand: a GetRequest message with the PDU swapped for a Trap-PDU.
    const w = new BerWriter();
    const scopedBytes = encodeScopedPdu(scoped);
    const trapBytes = (() => {
      const tw = new BerWriter();
      const mark = tw.mark();
      tw.writeSequence(0x30, tw.mark());
      tw.writeUnsigned32(0x43, 0);
      tw.writeInteger32(0x02, 0);
      tw.writeInteger32(0x02, 0);
      tw.writeOctets(0x40, h('0a 00 00 01'));
      tw.writeOid(Oid.parse('1.3.6.1.4.1.1'));
      tw.writeSequence(0xa4, mark);
      return tw.toBytes();
    })();
    const pduAt = scopedBytes.length - encodePdu(scoped.pdu).length;
    const mark = w.mark();
    w.writeRaw(trapBytes);
    w.writeRaw(scopedBytes.subarray(2, pduAt));
    w.writeSequence(0x30, mark);
    const trapScoped = w.toBytes();
    assertDecodeError(() => decodeScopedPdu(trapScoped), 'badPdu', pduAt);
    const msg = encodeV3Message(header, { usm }, scoped).bytes;
    const scopedAt = msg.length - scopedBytes.length;
    const whole = Uint8Array.from([...msg.subarray(0, scopedAt), ...trapScoped]);
    whole[1] = whole.length - 2;
    assertDecodeError(() => decodeMessage(whole), 'badPdu', scopedAt + pduAt);
  });

  test('decodeV3Message refuses community messages and gives the security parameters offset', () => {
    const bytes = encodeV3Message(header, { usm }, scoped).bytes;
    const d = decodeV3Message(bytes);
    const sp = d.message.msgSecurityParameters;
    assert.equal(toHex(bytes.subarray(d.securityParametersOffset, d.securityParametersOffset + sp.length)), toHex(sp));
    const community = h('30 12 02 01 01 04 00 a2 0b 02 01 01 02 01 00 02 01 00 30 00');
    assertDecodeError(() => decodeV3Message(community), 'badVersion', 0);
  });

  test('non-USM security models keep raw security parameters', () => {
    const raw = h('01 02 03');
    const bytes = encodeV3Message({ ...header, msgSecurityModel: 2 ** 31 - 1 }, { raw }, scoped).bytes;
    const m = v3(bytes);
    assert.equal(m.msgSecurityModel, 2 ** 31 - 1);
    assert.equal(toHex(m.msgSecurityParameters), '010203');
    assert.equal(toHex(encodeMessage(m)), toHex(bytes));
    // USM with empty security parameters is not a valid message.
    assertDecodeError(() => decodeMessage(encodeV3Message(header, { raw: new Uint8Array(0) }, scoped).bytes), 'badSecurityParameters');
  });

  test('scoped PDU: trailing padding only when allowed (RFC 3414 §8.3.2)', () => {
    const bytes = encodeScopedPdu(scoped);
    assertSame(decodeScopedPdu(bytes), scoped);
    const padded = Uint8Array.from([...bytes, 0, 0, 0, 0, 0, 0, 0]);
    assertDecodeError(() => decodeScopedPdu(padded), 'trailingBytes', bytes.length);
    assertSame(decodeScopedPdu(padded, { allowTrailing: true }), scoped);
  });
});

describe('USM security parameters (RFC 3414 §2.4)', () => {
  for (const authLength of [12, 16, 24, 32, 48]) {
    test(`a ${authLength}-byte authentication placeholder is zeros at authParametersOffset`, () => {
      const enc = encodeV3Message({ ...header, msgFlags: 5 }, { usm: { ...usm, msgAuthenticationParameters: h('ff ff') }, authLength }, scoped);
      const at = enc.authParametersOffset;
      assert.ok(at > 0 && at + authLength <= enc.bytes.length);
      assert.equal(toHex(enc.bytes.subarray(at, at + authLength)), '00'.repeat(authLength));
      assert.equal(enc.bytes[at - 1], authLength);
      assert.equal(enc.bytes[at - 2], 0x04);
      const d = decodeV3Message(enc.bytes);
      const p = decodeUsmSecurityParameters(d.message.msgSecurityParameters, d.securityParametersOffset);
      assert.equal(p.authParametersOffset, at);
      // Filling the placeholder in place gives a message that decodes to that digest.
      const digest = new Uint8Array(authLength).map((_, i) => 0xa0 + i);
      enc.bytes.set(digest, at);
      assert.equal(toHex(decodeUsmSecurityParameters(v3(enc.bytes).msgSecurityParameters).msgAuthenticationParameters), toHex(digest));
    });
  }

  test('other authentication lengths are refused', () => {
    for (const authLength of [0, 8, 20, 64]) {
      assert.throws(() => encodeV3Message(header, { usm, authLength }, scoped), EncodeError, String(authLength));
    }
  });

  test('without authLength there is no placeholder', () => {
    const enc = encodeV3Message(header, { usm }, scoped);
    assert.equal(enc.authParametersOffset, -1);
    assert.equal(encodeV3Message(header, { raw: h('30 00') }, scoped).authParametersOffset, -1);
  });

  test('every field round trips at its limits', () => {
    const p: UsmSecurityParameters = {
      msgAuthoritativeEngineId: new Uint8Array(32).fill(0x80),
      msgAuthoritativeEngineBoots: 2 ** 31 - 1,
      msgAuthoritativeEngineTime: 2 ** 31 - 1,
      msgUserName: new Uint8Array(32).fill(0x61),
      msgAuthenticationParameters: new Uint8Array(48).fill(0x11),
      msgPrivacyParameters: new Uint8Array(8).fill(0x22),
    };
    const w = new BerWriter();
    writeUsmSecurityParameters(w, p);
    const back = decodeUsmSecurityParameters(w.toBytes());
    const { authParametersOffset, ...fields } = back;
    assert.deepEqual(fields, p);
    assert.equal(toHex(w.toBytes().subarray(authParametersOffset, authParametersOffset + 48)), '11'.repeat(48));
    const empty: UsmSecurityParameters = { ...usm, msgAuthoritativeEngineId: new Uint8Array(0), msgUserName: new Uint8Array(0), msgAuthoritativeEngineBoots: 0, msgAuthoritativeEngineTime: 0 };
    const we = new BerWriter();
    writeUsmSecurityParameters(we, empty);
    assert.equal(toHex(we.toBytes()), toHex(h('30 0e 04 00 02 01 00 02 01 00 04 00 04 00 04 00')));
  });

  test('out-of-range fields are refused both ways', () => {
    for (const bad of [
      { msgUserName: new Uint8Array(33) },
      { msgAuthoritativeEngineId: new Uint8Array(33) },
      { msgAuthoritativeEngineBoots: -1 },
      { msgAuthoritativeEngineTime: 2 ** 31 },
    ]) {
      assert.throws(() => writeUsmSecurityParameters(new BerWriter(), { ...usm, ...bad }), EncodeError);
    }
    // 30 LL 04 00 02 01 ff(-1) ...
    assertDecodeError(() => decodeUsmSecurityParameters(h('30 0e 04 00 02 01 ff 02 01 00 04 00 04 00 04 00')), 'badSecurityParameters', 4);
    assertDecodeError(() => decodeUsmSecurityParameters(h('30 0e 04 00 02 01 00 02 01 80 04 00 04 00 04 00')), 'badSecurityParameters', 7);
    const longUser = Uint8Array.from([0x30, 0x2f, 0x04, 0x00, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x04, 0x21, ...new Uint8Array(33), 0x04, 0x00, 0x04, 0x00]);
    assertDecodeError(() => decodeUsmSecurityParameters(longUser), 'badSecurityParameters', 10);
  });

  test('errors are offset by baseOffset; trailing bytes and wrong tags are DecodeErrors', () => {
    assertDecodeError(() => decodeUsmSecurityParameters(h('30 0e 04 00 02 01 ff 02 01 00 04 00 04 00 04 00'), 100), 'badSecurityParameters', 104);
    assertDecodeError(() => decodeUsmSecurityParameters(h('30 0e 04 00 02 01 00 02 01 00 04 00 04 00 04 00 00'), 10), 'trailingBytes', 26);
    assertDecodeError(() => decodeUsmSecurityParameters(h('31 00')), 'badTag', 0);
    assertDecodeError(() => decodeUsmSecurityParameters(h('30 0c 04 00 02 01 00 02 01 00 04 00 04 00')), 'truncated', 14);
    assertDecodeError(() => decodeUsmSecurityParameters(new Uint8Array(0)), 'truncated', 0);
  });
});
