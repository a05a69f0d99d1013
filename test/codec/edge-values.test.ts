import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BerReader } from '../../src/ber/reader.js';
import { BerWriter } from '../../src/ber/writer.js';
import { EncodeError } from '../../src/errors.js';
import { decodeMessage, decodePdu, encodeCommunityMessage, encodePdu } from '../../src/message/codec.js';
import type { CommunityMessage } from '../../src/message/types.js';
import type { BasicPdu, Pdu } from '../../src/pdu/types.js';
import { Oid, oidFromTrustedArcs } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { assertDecodeError, assertSame, h, toHex } from './helpers.js';

const name = Oid.parse('1.3.6.1.4.1.8072.9999.1');
// Response, request-id 1, no error, one varbind named `name` (30 0c 06 0a <name>) + value.
const NAME_TLV = '06 0a 2b 06 01 04 01 bf 08 ce 0f 01';

/** The PDU bytes of a Response with one varbind whose value has the given TLV. */
function pduWithValue(valueTlv: string): Uint8Array {
  const value = h(valueTlv);
  const vb = [...h(NAME_TLV), ...value];
  const vbSeq = [0x30, vb.length, ...vb];
  const list = [0x30, vbSeq.length, ...vbSeq];
  const body = [...h('02 01 01 02 01 00 02 01 00'), ...list];
  return Uint8Array.from([0xa2, body.length, ...body]);
}

function response(varbinds: VarBind[]): BasicPdu {
  return { type: 'Response', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds };
}

/** Encodes one value in a Response, checks its bytes, decodes it back and returns it. */
function roundTrip(vb: VarBind, valueTlv: string): VarBind {
  const bytes = encodePdu(response([vb]));
  assert.equal(toHex(bytes), toHex(pduWithValue(valueTlv)));
  const back = decodePdu(bytes);
  assert.equal(back.varbinds.length, 1);
  return back.varbinds[0]!;
}

function decodeValue(valueTlv: string): VarBind {
  return decodePdu(pduWithValue(valueTlv)).varbinds[0]!;
}

/** Offset of the value's tag in pduWithValue's bytes. */
const VALUE_AT = 2 + 9 + 2 + 2 + 12;

describe('Integer32 edge values', () => {
  const cases: [number, string][] = [
    [0, '02 01 00'],
    [1, '02 01 01'],
    [127, '02 01 7f'],
    [128, '02 02 00 80'],
    [255, '02 02 00 ff'],
    [256, '02 02 01 00'],
    [-1, '02 01 ff'],
    [-128, '02 01 80'],
    [-129, '02 02 ff 7f'],
    [-256, '02 02 ff 00'],
    [-32768, '02 02 80 00'],
    [-32769, '02 03 ff 7f ff'],
    [0x7fffff, '02 03 7f ff ff'],
    [0x800000, '02 04 00 80 00 00'],
    [-(2 ** 31), '02 04 80 00 00 00'],
    [2 ** 31 - 1, '02 04 7f ff ff ff'],
  ];
  for (const [n, tlv] of cases) {
    test(`${n} is ${tlv} and back`, () => {
      const back = roundTrip({ oid: name, type: 'Integer32', value: n }, tlv);
      assertSame(back, { oid: back.oid, type: 'Integer32', value: n });
    });
  }

  test('values outside -2^31..2^31-1 and non-integers are refused by the encoder', () => {
    for (const v of [2 ** 31, -(2 ** 31) - 1, 1.5, Number.NaN, Infinity]) {
      assert.throws(() => encodePdu(response([{ oid: name, type: 'Integer32', value: v }])), EncodeError, String(v));
    }
  });

  test('redundant sign octets are accepted while the value fits in 32 bits', () => {
    assert.equal(decodeValue('02 05 00 7f ff ff ff').value, 2 ** 31 - 1);
    assert.equal(decodeValue('02 05 ff 80 00 00 00').value, -(2 ** 31));
    assert.equal(decodeValue('02 02 00 01').value, 1);
    assert.equal(decodeValue('02 08 ff ff ff ff ff ff ff fe').value, -2);
  });

  test('values that need more than 32 bits are a DecodeError, as is an empty INTEGER', () => {
    assertDecodeError(() => decodeValue('02 05 00 80 00 00 00'), 'integerOutOfRange', VALUE_AT);
    assertDecodeError(() => decodeValue('02 05 ff 7f ff ff ff'), 'integerOutOfRange', VALUE_AT);
    assertDecodeError(() => decodeValue('02 05 01 00 00 00 00'), 'integerOutOfRange', VALUE_AT);
    assertDecodeError(() => decodeValue('02 00'), 'badInteger', VALUE_AT);
  });

  test('negative request-id, error-status and error-index survive a round trip', () => {
    const pdu: Pdu = { type: 'GetRequest', requestId: -(2 ** 31), errorStatus: -1, errorIndex: 2 ** 31 - 1, varbinds: [] };
    assertSame(decodePdu(encodePdu(pdu)), pdu);
  });
});

describe('unsigned 32-bit edge values', () => {
  const tags = { Counter32: '41', Gauge32: '42', TimeTicks: '43', UInteger32: '47' } as const;
  for (const [type, tag] of Object.entries(tags) as [keyof typeof tags, string][]) {
    const cases: [number, string][] = [
      [0, `${tag} 01 00`],
      [127, `${tag} 01 7f`],
      [128, `${tag} 02 00 80`],
      [2 ** 31 - 1, `${tag} 04 7f ff ff ff`],
      [2 ** 31, `${tag} 05 00 80 00 00 00`],
      [2 ** 32 - 1, `${tag} 05 00 ff ff ff ff`],
    ];
    test(`${type}: 0, 2^31 and 2^32-1 in the fewest octets and back`, () => {
      for (const [n, tlv] of cases) {
        const back = roundTrip({ oid: name, type, value: n } as VarBind, tlv);
        assert.equal(back.type, type);
        assert.equal(back.value, n);
      }
    });
    test(`${type}: -1, 2^32 and 0.5 are refused by the encoder`, () => {
      for (const v of [-1, 2 ** 32, 0.5]) {
        assert.throws(() => encodePdu(response([{ oid: name, type, value: v } as VarBind])), EncodeError);
      }
    });
  }

  test('a leading zero beyond 5 octets is accepted; a value above 2^32-1 is not', () => {
    assert.equal(decodeValue('41 06 00 00 ff ff ff ff').value, 2 ** 32 - 1);
    assertDecodeError(() => decodeValue('41 05 01 00 00 00 00'), 'integerOutOfRange', VALUE_AT);
    assertDecodeError(() => decodeValue('41 05 80 00 00 00 00'), 'integerOutOfRange', VALUE_AT);
    assertDecodeError(() => decodeValue('43 00'), 'badInteger', VALUE_AT);
  });

  test('a value sent without the 0x00 its top bit needs is read as the unsigned value meant', () => {
    // As some agents send them (41 04 FF FF FF FF for 2^32-1, 41 02 80 E8 for 33000).
    assert.equal(decodeValue('41 04 ff ff ff ff').value, 2 ** 32 - 1);
    assert.equal(decodeValue('41 02 80 e8').value, 33000);
    assert.equal(decodeValue('42 01 80').value, 128);
    assert.equal(decodeValue('43 03 80 00 00').value, 0x800000);
    assert.equal(decodeValue('47 04 b3 99 61 ed').value, 0xb39961ed);
    // Re-encoded in the correct form.
    const vb = decodeValue('41 02 80 e8');
    assert.equal(toHex(encodePdu(response([vb]))), toHex(pduWithValue('41 03 00 80 e8')));
  });
});

describe('Counter64 edge values', () => {
  const cases: [bigint, string][] = [
    [0n, '46 01 00'],
    [127n, '46 01 7f'],
    [128n, '46 02 00 80'],
    [2n ** 32n - 1n, '46 05 00 ff ff ff ff'],
    [2n ** 32n, '46 05 01 00 00 00 00'],
    [2n ** 40n, '46 06 01 00 00 00 00 00'],
    [2n ** 63n - 1n, '46 08 7f ff ff ff ff ff ff ff'],
    [2n ** 63n, '46 09 00 80 00 00 00 00 00 00 00'],
    // net-snmp sends 2^64-1 in 9 octets (see the golden v2c trap).
    [2n ** 64n - 1n, '46 09 00 ff ff ff ff ff ff ff ff'],
    [0x0123456789abcdefn, '46 08 01 23 45 67 89 ab cd ef'],
  ];
  for (const [n, tlv] of cases) {
    test(`${n} is ${tlv} and back`, () => {
      assert.equal(roundTrip({ oid: name, type: 'Counter64', value: n }, tlv).value, n);
    });
  }
  test('-1, 2^64 and a number are refused by the encoder', () => {
    for (const v of [-1n, 2n ** 64n, 5 as unknown as bigint]) {
      assert.throws(() => encodePdu(response([{ oid: name, type: 'Counter64', value: v }])), EncodeError);
    }
  });
  test('redundant leading zeros and a missing one are accepted; more than 64 bits is a DecodeError', () => {
    assert.equal(decodeValue('46 0a 00 00 ff ff ff ff ff ff ff ff').value, 2n ** 64n - 1n);
    assertDecodeError(() => decodeValue('46 09 01 00 00 00 00 00 00 00 00'), 'integerOutOfRange', VALUE_AT);
    assert.equal(decodeValue('46 01 ff').value, 255n);
    assert.equal(decodeValue('46 08 ff ff ff ff ff ff ff ff').value, 2n ** 64n - 1n);
    assertDecodeError(() => decodeValue('46 09 80 00 00 00 00 00 00 00 00'), 'integerOutOfRange', VALUE_AT);
  });
});

describe('OBJECT IDENTIFIER edge values', () => {
  const cases: [string, string][] = [
    ['0.0', '06 01 00'],
    ['0.39', '06 01 27'],
    ['1.0', '06 01 28'],
    ['1.39', '06 01 4f'],
    ['2.0', '06 01 50'],
    ['2.47', '06 01 7f'],
    ['2.48', '06 02 81 00'],
    // X.690 §8.19.5 example: 2.999.3 is 88 37 03.
    ['2.999.3', '06 03 88 37 03'],
    ['1.3.6.1.127.128', '06 06 2b 06 01 7f 81 00'],
    ['1.3.268435455', '06 05 2b ff ff ff 7f'],
    // Arcs above 2^28 need five base-128 octets.
    ['1.3.268435456', '06 06 2b 81 80 80 80 00'],
    ['1.3.4294967295', '06 06 2b 8f ff ff ff 7f'],
    // The first sub-identifier 2*40+Y may exceed 2^32-1 when Y is near 2^32-1.
    ['2.4294967295', '06 05 90 80 80 80 4f'],
    ['2.4294967215', '06 05 8f ff ff ff 7f'],
  ];
  for (const [dotted, tlv] of cases) {
    test(`${dotted} is ${tlv} and back`, () => {
      const oid = Oid.parse(dotted);
      const w = new BerWriter();
      w.writeOid(oid);
      assert.equal(toHex(w.toBytes()), toHex(h(tlv)));
      const r = new BerReader(h(tlv));
      const back = r.readOid('test');
      assert.ok(r.atEnd());
      assert.equal(back.toString(), dotted);
      assert.ok(back.equals(oid) && oid.equals(back) && back.compare(oid) === 0);
      // Also as a varbind value, inside a message.
      assert.equal((roundTrip({ oid: name, type: 'ObjectIdentifier', value: oid }, tlv).value as Oid).toString(), dotted);
    });
  }

  test('the second arc must be below 40 under first arcs 0 and 1, and the first arc at most 2', () => {
    for (const bad of ['0.40', '1.40', '3.0', '3']) {
      assert.throws(() => new BerWriter().writeOid(Oid.parse(bad)), EncodeError, bad);
    }
    assert.throws(() => new BerWriter().writeOid(Oid.empty), EncodeError);
  });

  test('a one-arc OID is written as that arc with 0 and reads back as two arcs', () => {
    const w = new BerWriter();
    w.writeOid(Oid.parse('1'));
    assert.equal(toHex(w.toBytes()), '060128');
    assert.equal(new BerReader(w.toBytes()).readOid('t').toString(), '1.0');
  });

  const arcs = (n: number): string => ['1', '3', ...Array.from({ length: n - 2 }, (_, i) => String(i + 1))].join('.');
  for (const n of [127, 128]) {
    test(`${n} arcs are accepted both ways`, () => {
      const oid = Oid.parse(arcs(n));
      assert.equal(oid.length, n);
      const w = new BerWriter();
      w.writeOid(oid);
      const back = new BerReader(w.toBytes()).readOid('t');
      assert.equal(back.length, n);
      assert.ok(back.equals(oid));
    });
  }

  test('129 arcs are rejected both ways', () => {
    assert.throws(() => Oid.parse(arcs(129)), /at most 128/);
    assert.throws(() => Oid.from(new Array(129).fill(1)), /at most 128/);
    assert.throws(() => Oid.parse(arcs(128)).child(1), /at most 128/);
    // Even an Oid made behind the checks is refused by the writer.
    assert.throws(() => new BerWriter().writeOid(oidFromTrustedArcs(new Uint32Array(129).fill(1))), EncodeError);
    // 06 80 then 128 sub-identifiers: 129 arcs.
    const content = [0x2b, ...new Array(127).fill(1)];
    const tlv = Uint8Array.from([0x06, 0x81, content.length, ...content]);
    assertDecodeError(() => new BerReader(tlv).readOid('t'), 'badOid', 0);
    const ok = Uint8Array.from([0x06, 0x81, 127, 0x2b, ...new Array(126).fill(1)]);
    assert.equal(new BerReader(ok).readOid('t').length, 128);
  });

  test('arcs above 2^32-1 are rejected both ways', () => {
    assert.throws(() => Oid.parse('1.3.4294967296'), /2\^32-1/);
    assert.throws(() => Oid.from([1, 3, 2 ** 32]), /2\^32-1/);
    assertDecodeError(() => new BerReader(h('06 06 2b 90 80 80 80 00')).readOid('t'), 'badOid');
    assertDecodeError(() => new BerReader(h('06 07 2b 81 80 80 80 80 00')).readOid('t'), 'badOid');
    // 2.(2^32): first sub-identifier 2^32+80.
    assertDecodeError(() => new BerReader(h('06 05 90 80 80 80 50')).readOid('t'), 'badOid');
  });

  test('malformed contents are a DecodeError with the offset', () => {
    assertDecodeError(() => new BerReader(h('06 00')).readOid('t'), 'badOid', 0);
    assertDecodeError(() => new BerReader(h('06 02 2b 86')).readOid('t'), 'badOid', 3);
    assertDecodeError(() => new BerReader(h('06 03 2b 80 01')).readOid('t'), 'badOid', 3);
    assertDecodeError(() => new BerReader(h('06 02 80 01')).readOid('t'), 'badOid', 2);
  });
});

describe('octet strings, NULL, BIT STRING and IpAddress', () => {
  test('empty strings: value, community, and an empty Opaque and NsapAddress', () => {
    assert.equal(toHex(roundTrip({ oid: name, type: 'OctetString', value: new Uint8Array(0) }, '04 00').value as Uint8Array), '');
    assert.equal(toHex(roundTrip({ oid: name, type: 'Opaque', value: new Uint8Array(0) }, '44 00').value as Uint8Array), '');
    assert.equal(toHex(roundTrip({ oid: name, type: 'NsapAddress', value: new Uint8Array(0) }, '45 00').value as Uint8Array), '');
    const msg: CommunityMessage = { version: 1, community: new Uint8Array(0), pdu: response([]) };
    const bytes = encodeCommunityMessage(msg);
    assert.equal(toHex(bytes), toHex(h('30 12 02 01 01 04 00 a2 0b 02 01 01 02 01 00 02 01 00 30 00')));
    assertSame(decodeMessage(bytes), msg);
  });

  test('NULL and the exception values have no contents; anything else is a DecodeError', () => {
    assert.equal(roundTrip({ oid: name, type: 'Null', value: null }, '05 00').type, 'Null');
    assert.equal(roundTrip({ oid: name, type: 'NoSuchObject', value: null }, '80 00').type, 'NoSuchObject');
    assert.equal(roundTrip({ oid: name, type: 'NoSuchInstance', value: null }, '81 00').type, 'NoSuchInstance');
    assert.equal(roundTrip({ oid: name, type: 'EndOfMibView', value: null }, '82 00').type, 'EndOfMibView');
    assertDecodeError(() => decodeValue('05 01 00'), 'badNull', VALUE_AT);
    assertDecodeError(() => decodeValue('82 01 00'), 'badNull', VALUE_AT);
  });

  test('BIT STRING keeps its unused-bits count', () => {
    const v = roundTrip({ oid: name, type: 'BitString', value: { bytes: h('a0'), unusedBits: 5 } }, '03 02 05 a0');
    assert.deepEqual(v.value, { bytes: h('a0'), unusedBits: 5 });
    const w = roundTrip({ oid: name, type: 'BitString', value: { bytes: h('ff 80'), unusedBits: 7 } }, '03 03 07 ff 80');
    assert.deepEqual(w.value, { bytes: h('ff 80'), unusedBits: 7 });
    const e = roundTrip({ oid: name, type: 'BitString', value: { bytes: new Uint8Array(0), unusedBits: 0 } }, '03 01 00');
    assert.deepEqual(e.value, { bytes: new Uint8Array(0), unusedBits: 0 });
  });

  test('bad BIT STRINGs are refused both ways', () => {
    assertDecodeError(() => decodeValue('03 00'), 'badBitString', VALUE_AT);
    assertDecodeError(() => decodeValue('03 01 03'), 'badBitString', VALUE_AT + 2);
    assertDecodeError(() => decodeValue('03 02 08 00'), 'badBitString', VALUE_AT + 2);
    for (const value of [
      { bytes: h('00'), unusedBits: 8 },
      { bytes: h('00'), unusedBits: -1 },
      { bytes: new Uint8Array(0), unusedBits: 3 },
    ]) {
      assert.throws(() => encodePdu(response([{ oid: name, type: 'BitString', value }])), EncodeError);
    }
  });

  test('IpAddress: 0.0.0.0 and 255.255.255.255 round trip; other lengths are refused both ways', () => {
    assert.equal(roundTrip({ oid: name, type: 'IpAddress', value: '0.0.0.0' }, '40 04 00 00 00 00').value, '0.0.0.0');
    assert.equal(roundTrip({ oid: name, type: 'IpAddress', value: '255.255.255.255' }, '40 04 ff ff ff ff').value, '255.255.255.255');
    assertDecodeError(() => decodeValue('40 03 01 02 03'), 'badIpAddress', VALUE_AT);
    assertDecodeError(() => decodeValue('40 05 01 02 03 04 05'), 'badIpAddress', VALUE_AT);
    assertDecodeError(() => decodeValue('40 00'), 'badIpAddress', VALUE_AT);
    for (const bad of ['1.2.3', '1.2.3.4.5', '256.0.0.1', '1..2.3', '', 'a.b.c.d', '1.2.3.4 ', '0001.2.3.4']) {
      assert.throws(() => encodePdu(response([{ oid: name, type: 'IpAddress', value: bad }])), EncodeError, bad);
    }
  });

  test('a v1 Trap-PDU agent-addr of the wrong length is refused both ways', () => {
    const trap: Pdu = { type: 'Trap', enterprise: name, agentAddr: '10.0.0.1', genericTrap: 6, specificTrap: 1, timeStamp: 5, varbinds: [] };
    const bytes = encodePdu(trap);
    assertSame(decodePdu(bytes), trap);
    // Shorten the 40 04 0a 00 00 01 element to 40 03 0a 00 00 and fix the lengths.
    const at = toHex(bytes).indexOf('40040a000001') / 2;
    const bad = Uint8Array.from([bytes[0]!, bytes[1]! - 1, ...bytes.subarray(2, at), 0x40, 0x03, 0x0a, 0x00, 0x00, ...bytes.subarray(at + 6)]);
    assertDecodeError(() => decodePdu(bad), 'badIpAddress', at);
    assert.throws(() => encodePdu({ ...trap, agentAddr: '10.0.0' }), EncodeError);
    assert.throws(() => encodePdu({ ...trap, agentAddr: '10.0.0.256' }), EncodeError);
  });

  test('an unknown value tag is a DecodeError', () => {
    assertDecodeError(() => decodeValue('48 01 00'), 'badTag', VALUE_AT);
    assertDecodeError(() => decodeValue('9f 78 01 00'), 'badTag', VALUE_AT);
  });
});
