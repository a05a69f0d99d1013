import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DecodeError } from '../../src/errors.js';
import { BerReader } from '../../src/ber/reader.js';
import { BerWriter } from '../../src/ber/writer.js';
import { decodeMessage, decodePdu, encodeCommunityMessage, encodePdu, peekVersion } from '../../src/message/codec.js';
import type { CommunityMessage } from '../../src/message/types.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { assertDecodeError, assertSame, h, toHex } from './helpers.js';

// A v2c GetRequest for 1.3.6.1.2.1.1.5.0, community "public", request-id 1.
const GET = '30 26 02 01 01 04 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 05 00 05 00';

describe('definite lengths', () => {
  test('the writer uses the shortest form at every boundary', () => {
    const cases: [number, string][] = [
      [0, '04 00'],
      [127, '04 7f'],
      [128, '04 81 80'],
      [255, '04 81 ff'],
      [256, '04 82 01 00'],
      [65535, '04 82 ff ff'],
      [65536, '04 83 01 00 00'],
      [0xffffff, '04 83 ff ff ff'],
      [0x1000000, '04 84 01 00 00 00'],
    ];
    for (const [len, header] of cases) {
      const w = new BerWriter(0);
      w.writeHeader(0x04, len);
      assert.equal(toHex(w.toBytes()), toHex(h(header)), String(len));
    }
  });

  test('the reader accepts every definite form, including non-minimal ones', () => {
    const plain = decodeMessage(h(GET));
    // The same message with each length in a longer form than needed.
    const variants = [
      '30 81 26 02 01 01 04 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 05 00 05 00',
      '30 82 00 27 02 01 01 04 81 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 05 00 05 00',
      '30 84 00 00 00 2a 02 84 00 00 00 01 01 04 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 05 00 05 00',
      '30 29 02 01 01 04 06 70 75 62 6c 69 63 a0 83 00 00 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 05 00 05 00',
      '30 28 02 01 01 04 06 70 75 62 6c 69 63 a0 1b 02 01 01 02 01 00 02 01 00 30 82 00 0e 30 0c 06 08 2b 06 01 02 01 01 05 00 05 00',
      '30 27 02 01 01 04 06 70 75 62 6c 69 63 a0 1a 02 01 01 02 01 00 02 01 00 30 0f 30 0d 06 81 08 2b 06 01 02 01 01 05 00 05 00',
      '30 27 02 01 01 04 06 70 75 62 6c 69 63 a0 1a 02 01 01 02 01 00 02 01 00 30 0f 30 0d 06 08 2b 06 01 02 01 01 05 00 05 81 00',
    ];
    for (const v of variants) {
      const msg = decodeMessage(h(v));
      assertSame(msg, plain, v);
      // Re-encoding gives the minimal form.
      assert.equal(toHex(encodeCommunityMessage(msg as CommunityMessage)), toHex(h(GET)));
    }
  });

  test('an indefinite length is rejected (RFC 3417 §8), at any level', () => {
    assertDecodeError(() => decodeMessage(h('30 80 02 01 01 04 00 a0 0b 02 01 01 02 01 00 02 01 00 30 00 00 00')), 'indefiniteLength', 1);
    assertDecodeError(() => decodeMessage(h('30 14 02 01 01 04 00 a0 80 02 01 01 02 01 00 02 01 00 30 00 00 00')), 'indefiniteLength', 8);
    assertDecodeError(() => decodeMessage(h('30 14 02 01 01 04 00 a0 0d 02 01 01 02 01 00 02 01 00 30 80 00 00')), 'indefiniteLength', 19);
    assertDecodeError(() => new BerReader(h('04 80 61 00 00')).readOctets(0x04, 't'), 'indefiniteLength', 1);
  });

  test('every cut of a message short of its end is truncated', () => {
    const bytes = encodeCommunityMessage({
      version: 1,
      community: Uint8Array.of(0x70, 0x75, 0x62),
      pdu: { type: 'Response', requestId: 77, errorStatus: 0, errorIndex: 0, varbinds: [{ oid: Oid.parse('1.3.6.1.2.1.1.5.0'), type: 'OctetString', value: new Uint8Array(200) }] },
    });
    for (let n = 0; n < bytes.length; n++) {
      assert.throws(() => decodeMessage(bytes.subarray(0, n)), (e: unknown) => e instanceof DecodeError && e.kind === 'truncated', `cut at ${n}`);
    }
  });

  test('lengths of more than 4 octets, lengths past the end and truncated headers are rejected', () => {
    assertDecodeError(() => decodeMessage(h('30 85 00 00 00 00 03 02 01 01')), 'badLength', 1);
    // A message longer than the input: cut short.
    assertDecodeError(() => decodeMessage(h('30 27 02 01 01')), 'truncated', 2);
    assertDecodeError(() => decodeMessage(h('30 84 ff ff ff ff 02 01 01')), 'truncated', 6);
    assertDecodeError(() => decodeMessage(h('30 82 01')), 'truncated', 1);
    assertDecodeError(() => decodeMessage(h('30')), 'truncated', 0);
    assertDecodeError(() => decodeMessage(new Uint8Array(0)), 'truncated', 0);
    // An inner length that runs past its enclosing SEQUENCE, though not past the buffer.
    assertDecodeError(() => decodeMessage(h('30 03 02 05 01 00 00 00 00')), 'badLength', 4);
  });

  test('every truncation of a valid message is a DecodeError', () => {
    const full = h(GET);
    for (let n = 0; n < full.length; n++) {
      assert.throws(() => decodeMessage(full.subarray(0, n)), (e: unknown) => (e as Error).name === 'DecodeError', String(n));
    }
  });

  test('bytes after the message or inside a SEQUENCE are rejected', () => {
    assertDecodeError(() => decodeMessage(h(`${GET} 00`)), 'trailingBytes', 40);
    // A VarBind with a third element.
    assertDecodeError(
      () => decodeMessage(h('30 28 02 01 01 04 06 70 75 62 6c 69 63 a0 1b 02 01 01 02 01 00 02 01 00 30 10 30 0e 06 08 2b 06 01 02 01 01 05 00 05 00 05 00')),
      'trailingBytes',
      40,
    );
    assertDecodeError(() => decodePdu(h('a0 0b 02 01 01 02 01 00 02 01 00 30 00 ff')), 'trailingBytes', 13);
  });

  test('peekVersion reads the version alone; garbage is a DecodeError', () => {
    assert.equal(peekVersion(h(GET)), 1);
    assert.equal(peekVersion(h('30 03 02 01 07')), 7);
    assertDecodeError(() => peekVersion(h('31 03 02 01 01')), 'badTag', 0);
    assertDecodeError(() => peekVersion(h('30 03 04 01 01')), 'badTag', 2);
    assertDecodeError(() => decodeMessage(h('30 03 02 01 02')), 'badVersion', 2);
  });
});

describe('large messages', () => {
  const oid = Oid.parse('1.3.6.1.4.1.8072.9999.2.0');

  test('a 64 KiB OCTET STRING in a message round trips with 3-octet lengths', () => {
    const big = new Uint8Array(65536).map((_, i) => (i * 7) & 0xff);
    const msg: CommunityMessage = { version: 1, community: h('70 75 62 6c 69 63'), pdu: { type: 'Response', requestId: 9, errorStatus: 0, errorIndex: 0, varbinds: [{ oid, type: 'OctetString', value: big }] } };
    const bytes = encodeCommunityMessage(msg);
    assert.ok(bytes.length > 65536);
    assert.equal(toHex(bytes.subarray(0, 2)), '3083');
    assert.ok(toHex(bytes).includes('0483010000'), 'the value has a 3-octet length');
    const back = decodeMessage(bytes) as CommunityMessage;
    assertSame(back, msg);
    assert.equal(toHex(encodeCommunityMessage(back)), toHex(bytes));
  });

  test('a message of 5,000 varbinds of mixed types round trips', () => {
    const varbinds: VarBind[] = [];
    for (let i = 0; i < 5000; i++) {
      const o = oid.child(i);
      varbinds.push(i % 3 === 0 ? { oid: o, type: 'Counter64', value: BigInt(i) * 1000003n } : i % 3 === 1 ? { oid: o, type: 'OctetString', value: h('41 42 43') } : { oid: o, type: 'Integer32', value: -i });
    }
    const msg: CommunityMessage = { version: 1, community: h('61'), pdu: { type: 'Response', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds } };
    const bytes = encodeCommunityMessage(msg);
    assertSame(decodeMessage(bytes), msg);
  });

  test('maxMessageSize and maxVarBinds are enforced with limitExceeded', () => {
    const varbinds: VarBind[] = Array.from({ length: 11 }, (_, i) => ({ oid: oid.child(i), type: 'Null', value: null }));
    const bytes = encodeCommunityMessage({ version: 1, community: h('61'), pdu: { type: 'GetRequest', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds } });
    assertDecodeError(() => decodeMessage(bytes, { maxVarBinds: 10 }), 'limitExceeded');
    assert.equal((decodeMessage(bytes, { maxVarBinds: 11 }) as CommunityMessage).pdu.varbinds.length, 11);
    assertDecodeError(() => decodeMessage(bytes, { maxMessageSize: bytes.length - 1 }), 'limitExceeded', 0);
    assert.ok(decodeMessage(bytes, { maxMessageSize: bytes.length }));
    assertDecodeError(() => decodePdu(encodePdu({ type: 'GetRequest', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds }), { maxVarBinds: 3 }), 'limitExceeded');
  });
});

describe('PDU and version rules', () => {
  test('unknown PDU tags are a DecodeError', () => {
    for (const tag of [0xa9, 0xaa, 0x30, 0x04, 0xbf]) {
      const bytes = h(GET);
      bytes[13] = tag;
      assertDecodeError(() => decodeMessage(bytes), 'badPdu', 13);
    }
  });

  test('SNMPv2 PDUs in a v1 message and the v1 Trap in a v2c message are refused both ways', () => {
    const v2only = ['a5', 'a6', 'a7', 'a8'];
    for (const tag of v2only) {
      const bytes = h(GET);
      bytes[4] = 0; // version 0
      bytes[13] = parseInt(tag, 16);
      assertDecodeError(() => decodeMessage(bytes), 'badPdu', 13);
    }
    const trap = encodePdu({ type: 'Trap', enterprise: Oid.parse('1.3.6.1.4.1.1'), agentAddr: '127.0.0.1', genericTrap: 0, specificTrap: 0, timeStamp: 0, varbinds: [] });
    const v2cTrap = Uint8Array.from([0x30, trap.length + 6, 0x02, 0x01, 0x01, 0x04, 0x01, 0x61, ...trap]);
    assertDecodeError(() => decodeMessage(v2cTrap), 'badPdu', 8);
    const v1Trap = v2cTrap.slice();
    v1Trap[4] = 0;
    assert.equal((decodeMessage(v1Trap) as CommunityMessage).pdu.type, 'Trap');
    assert.throws(() => encodeCommunityMessage({ version: 1, community: h('61'), pdu: { type: 'Trap', enterprise: Oid.parse('1.3'), agentAddr: '1.2.3.4', genericTrap: 0, specificTrap: 0, timeStamp: 0, varbinds: [] } }), /SNMPv1/);
    assert.throws(() => encodeCommunityMessage({ version: 0, community: h('61'), pdu: { type: 'GetBulkRequest', requestId: 1, nonRepeaters: 0, maxRepetitions: 1, varbinds: [] } }), /SNMPv1/);
  });

  test('GetBulkRequest fields: 0 and 2^31-1 round trip; negative ones are refused by the encoder', () => {
    const pdu = { type: 'GetBulkRequest' as const, requestId: 0, nonRepeaters: 0, maxRepetitions: 2 ** 31 - 1, varbinds: [] };
    assertSame(decodePdu(encodePdu(pdu)), pdu);
    assert.throws(() => encodePdu({ ...pdu, nonRepeaters: -1 }), /nonRepeaters/);
    assert.throws(() => encodePdu({ ...pdu, maxRepetitions: 2 ** 31 }), /maxRepetitions/);
  });
});
