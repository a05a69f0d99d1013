import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BerReader } from '../../src/ber/reader.js';
import { BerWriter } from '../../src/ber/writer.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { decodeMessage, encodeCommunityMessage } from '../../src/message/codec.js';
import type { CommunityMessage } from '../../src/message/types.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { assertDecodeError, assertSame, h, toHex } from './helpers.js';

describe('BerWriter', () => {
  test('writes backwards: contents last-child-first, then the header', () => {
    const w = new BerWriter();
    const outer = w.mark();
    w.writeNull(0x05);
    w.writeInteger32(0x02, 5);
    w.writeSequence(0x30, outer);
    assert.equal(toHex(w.toBytes()), '3005020105' + '0500');
    assert.equal(w.length, 7);
  });

  test('nested sequences, raw bytes, single bytes and zeros', () => {
    const w = new BerWriter(4);
    const outer = w.mark();
    const inner = w.mark();
    w.writeRaw(h('aa bb'));
    w.writeByte(0x01);
    w.writeSequence(0x31, inner);
    const zerosFromEnd = w.writeZeros(3);
    w.writeSequence(0x30, outer);
    const out = w.toBytes();
    assert.equal(toHex(out), '3008' + '000000' + '3103' + '01aabb');
    assert.equal(toHex(out.subarray(out.length - zerosFromEnd, out.length - zerosFromEnd + 3)), '000000');
  });

  test('toBytes is a copy; view is valid until the next write; reset forgets', () => {
    const w = new BerWriter(8);
    w.writeOctets(0x04, h('61 62'));
    const copy = w.toBytes();
    const view = w.view();
    assert.equal(toHex(view), toHex(copy));
    w.reset();
    assert.equal(w.length, 0);
    w.writeOctets(0x04, h('63'));
    assert.equal(toHex(w.toBytes()), '040163');
    assert.equal(toHex(copy), '04026162');
  });

  test('grows from any initial size, including 0 and 1', () => {
    for (const size of [0, 1, 2, 7, 16]) {
      const w = new BerWriter(size);
      const mark = w.mark();
      for (let i = 0; i < 100; i++) w.writeOctets(0x04, new Uint8Array(i).fill(i));
      w.writeSequence(0x30, mark);
      const r = new BerReader(w.toBytes());
      const outer = r.enter(0x30, 'outer');
      for (let i = 99; i >= 0; i--) assert.equal(toHex(r.readOctets(0x04, 'v')), toHex(new Uint8Array(i).fill(i)));
      r.leave(outer, 'outer');
    }
    assert.throws(() => new BerWriter(-1), InvalidArgumentError);
    assert.throws(() => new BerWriter(1.5), InvalidArgumentError);
  });

  test('grows across a 1 MiB message and keeps every byte', () => {
    const w = new BerWriter(16);
    const mark = w.mark();
    const chunk = new Uint8Array(1000).map((_, i) => (i * 31) & 0xff);
    for (let i = 0; i < 1100; i++) {
      w.writeOctets(0x04, chunk);
      w.writeInteger32(0x02, i);
    }
    w.writeSequence(0x30, mark);
    const bytes = w.toBytes();
    assert.ok(bytes.length > 1 << 20);
    assert.equal(toHex(bytes.subarray(0, 2)), '3083');
    const r = new BerReader(bytes);
    const outer = r.enter(0x30, 'outer');
    for (let i = 1099; i >= 0; i--) {
      assert.equal(r.readInteger32(0x02, 'i'), i);
      assert.equal(toHex(r.readOctets(0x04, 'chunk')), toHex(chunk));
    }
    r.leave(outer, 'outer');
    assert.ok(r.atEnd());
  });

  test('a message of about 1 MiB through the shared writer decodes at the default size limit', () => {
    const varbinds: VarBind[] = [];
    const value = new Uint8Array(1000).fill(0x5a);
    const base = Oid.parse('1.3.6.1.4.1.8072.9999.3');
    for (let i = 0; i < 1020; i++) varbinds.push({ oid: base.child(i), type: 'OctetString', value });
    const msg: CommunityMessage = { version: 1, community: h('70 75 62 6c 69 63'), pdu: { type: 'Response', requestId: 3, errorStatus: 0, errorIndex: 0, varbinds } };
    const bytes = encodeCommunityMessage(msg);
    assert.ok(bytes.length > 1_000_000 && bytes.length <= 1 << 20, String(bytes.length));
    assertSame(decodeMessage(bytes), msg);
    // The shared writer keeps working for small messages afterwards.
    const small: CommunityMessage = { ...msg, pdu: { ...msg.pdu, varbinds: varbinds.slice(0, 1) } };
    assertSame(decodeMessage(encodeCommunityMessage(small)), small);
  });
});

describe('BerReader', () => {
  test('reads each primitive with its tag and advances', () => {
    const r = new BerReader(h('02 01 fb 41 05 00 ff ff ff ff 04 02 61 62 05 00 06 03 2b 06 01 82 00'));
    assert.equal(r.readInteger32(0x02, 'i'), -5);
    assert.equal(r.readUnsigned32(0x41, 'c'), 2 ** 32 - 1);
    assert.equal(toHex(r.readOctets(0x04, 's')), '6162');
    r.readNull(0x05, 'n');
    assert.equal(r.readOid('o').toString(), '1.3.6.1');
    assert.equal(r.peekTag(), 0x82);
    r.readNull(0x82, 'e');
    assert.ok(r.atEnd());
    assertDecodeError(() => r.peekTag(), 'truncated', 23);
  });

  test('a wrong tag names what was expected and where', () => {
    const r = new BerReader(h('05 00 04 00'));
    r.readNull(0x05, 'first');
    const e = assertDecodeError(() => r.readInteger32(0x02, 'request-id'), 'badTag', 2);
    assert.match(e.message, /request-id: expected tag 0x02, found 0x04/);
    assertDecodeError(() => new BerReader(h('1f 81 00 00')).readAnyHeader('x'), 'badTag', 0);
  });

  test('enter narrows the bounds; leave checks for left-over bytes', () => {
    const r = new BerReader(h('30 05 02 01 01 05 00 02 01 07'));
    const outer = r.enter(0x30, 'seq');
    assert.equal(r.end, 7);
    assert.equal(r.readInteger32(0x02, 'a'), 1);
    assertDecodeError(() => r.leave(outer, 'seq'), 'trailingBytes', 5);
    r.readNull(0x05, 'b');
    // Reading past the narrowed end fails even though the buffer has more bytes.
    assertDecodeError(() => r.readInteger32(0x02, 'c'), 'truncated', 7);
    r.leave(outer, 'seq');
    assert.equal(r.readInteger32(0x02, 'd'), 7);
  });

  test('an element longer than its enclosing element is a badLength', () => {
    const r = new BerReader(h('30 03 04 05 61 62 63 64 65'));
    r.enter(0x30, 'seq');
    assertDecodeError(() => r.readOctets(0x04, 's'), 'badLength', 4);
  });

  test('a reader over a sub-range reports offsets in the whole buffer', () => {
    const buf = h('ff ff 02 01 05 02 02 00');
    const r = new BerReader(buf, 2, 8);
    assert.equal(r.readInteger32(0x02, 'a'), 5);
    assertDecodeError(() => r.readInteger32(0x02, 'b'), 'badLength', 7);
    assertDecodeError(() => new BerReader(buf, 2, 3).readInteger32(0x02, 'c'), 'truncated', 2);
  });

  test('skip passes over one element of any tag', () => {
    const r = new BerReader(h('a2 03 02 01 00 44 02 9f 78 05 00'));
    assert.equal(r.skip('pdu'), 0xa2);
    assert.equal(r.skip('opaque'), 0x44);
    assert.equal(r.skip('null'), 0x05);
    assert.ok(r.atEnd());
    // The first element longer than the whole input: the input was cut short.
    assertDecodeError(() => new BerReader(h('04 05 00')).skip('s'), 'truncated', 2);
  });

  test('integer content decoders accept redundant sign octets and reject overflow', () => {
    assert.equal(new BerReader(h('02 06 00 00 00 00 00 2a')).readInteger32(0x02, 'i'), 42);
    assert.equal(new BerReader(h('02 06 ff ff ff ff ff d6')).readInteger32(0x02, 'i'), -42);
    assertDecodeError(() => new BerReader(h('02 06 00 01 00 00 00 00')).readInteger32(0x02, 'i'), 'integerOutOfRange', 0);
    assert.equal(new BerReader(h('43 07 00 00 00 00 00 00 01')).readUnsigned32(0x43, 't'), 1);
  });

  test('NULL with contents is a badNull', () => {
    assertDecodeError(() => new BerReader(h('05 01 00')).readNull(0x05, 'n'), 'badNull', 0);
  });
});
