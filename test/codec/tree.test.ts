import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type BerNode, decodeBerTree, formatBerTree } from '../../src/ber/tree.js';
import { DecodeError } from '../../src/errors.js';
import { loadGolden } from './golden-loader.js';
import { assertDecodeError, h } from './helpers.js';
import { mutant, Prng } from './mutator.js';

const golden = loadGolden();
const packet = (file: string): Uint8Array => golden.find((p) => p.file === file)!.bytes;

/** Checks the invariants of a tree over `bytes`: nested ranges, sizes, views. */
function checkTree(nodes: readonly BerNode[], bytes: Uint8Array, start: number, end: number): void {
  let p = start;
  for (const n of nodes) {
    assert.equal(n.offset, p);
    assert.ok(n.headerLength >= 2 && n.headerLength <= 9);
    assert.equal(n.bytes.length, n.headerLength + n.length);
    assert.equal(n.bytes.byteOffset - bytes.byteOffset, n.offset);
    assert.ok((n.value === undefined) !== (n.children === undefined), 'a value or children, not both');
    if (n.children !== undefined) checkTree(n.children, bytes, n.offset + n.headerLength, n.offset + n.headerLength + n.length);
    p += n.headerLength + n.length;
  }
  assert.equal(p, end);
}

describe('decodeBerTree', () => {
  test('a GetRequest: offsets, lengths, names and values', () => {
    const bytes = h('30 26 02 01 01 04 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 05 00 05 00');
    const [msg, ...rest] = decodeBerTree(bytes);
    assert.equal(rest.length, 0);
    assert.ok(msg);
    assert.equal(msg.tag, 0x30);
    assert.equal(msg.tagName, 'SEQUENCE');
    assert.equal(msg.offset, 0);
    assert.equal(msg.headerLength, 2);
    assert.equal(msg.length, 0x26);
    const [version, community, pdu] = msg.children!;
    assert.deepEqual([version!.tagName, version!.value, version!.offset], ['INTEGER', 1, 2]);
    assert.equal(community!.tagName, 'OCTET STRING');
    assert.deepEqual(community!.value, h('70 75 62 6c 69 63'));
    assert.deepEqual([pdu!.tag, pdu!.tagName, pdu!.offset, pdu!.length, pdu!.constructed], [0xa0, 'GetRequest-PDU', 13, 0x19, true]);
    const vb = pdu!.children![3]!.children![0]!;
    assert.deepEqual(
      vb.children!.map((n) => [n.tagName, n.value, n.offset, n.headerLength, n.length]),
      [
        ['OBJECT IDENTIFIER', '1.3.6.1.2.1.1.5.0', 28, 2, 8],
        ['NULL', null, 38, 2, 0],
      ],
    );
    checkTree([msg], bytes, 0, bytes.length);
  });

  test('every SNMP tag has its name, and unknown tags their class and number', () => {
    const names: [string, string][] = [
      ['02 01 00', 'INTEGER'],
      ['03 01 00', 'BIT STRING'],
      ['04 00', 'OCTET STRING'],
      ['05 00', 'NULL'],
      ['06 01 00', 'OBJECT IDENTIFIER'],
      ['30 00', 'SEQUENCE'],
      ['40 04 01 02 03 04', 'IpAddress'],
      ['41 01 00', 'Counter32'],
      ['42 01 00', 'Gauge32'],
      ['43 01 00', 'TimeTicks'],
      ['44 00', 'Opaque'],
      ['45 00', 'NsapAddress'],
      ['46 01 00', 'Counter64'],
      ['47 01 00', 'UInteger32'],
      ['80 00', 'noSuchObject'],
      ['81 00', 'noSuchInstance'],
      ['82 00', 'endOfMibView'],
      ['a0 00', 'GetRequest-PDU'],
      ['a1 00', 'GetNextRequest-PDU'],
      ['a2 00', 'Response-PDU'],
      ['a3 00', 'SetRequest-PDU'],
      ['a4 00', 'Trap-PDU'],
      ['a5 00', 'GetBulkRequest-PDU'],
      ['a6 00', 'InformRequest-PDU'],
      ['a7 00', 'SNMPv2-Trap-PDU'],
      ['a8 00', 'Report-PDU'],
      ['48 00', '[APPLICATION 8]'],
      ['83 00', '[CONTEXT 3]'],
      ['a9 00', '[CONTEXT 9 constructed]'],
      ['c1 00', '[PRIVATE 1]'],
      ['14 00', '[UNIVERSAL 20]'],
      ['9f 78 00', '[CONTEXT 120]'],
      ['1f 81 00 00', '[UNIVERSAL 128]'],
    ];
    for (const [hex, name] of names) assert.equal(decodeBerTree(h(hex))[0]!.tagName, name, hex);
    assert.equal(decodeBerTree(h('9f 78 00'))[0]!.tag, 0x9f78);
  });

  test('primitive values: integers of any size, unsigned types, OIDs, IpAddress, BIT STRING', () => {
    const value = (hex: string): unknown => decodeBerTree(h(hex))[0]!.value;
    assert.equal(value('02 01 ff'), -1);
    assert.equal(value('02 04 80 00 00 00'), -(2 ** 31));
    assert.equal(value('02 09 00 ff ff ff ff ff ff ff ff'), 2n ** 64n - 1n);
    assert.equal(value('02 08 80 00 00 00 00 00 00 00'), -(2n ** 63n));
    assert.equal(value('41 05 00 ff ff ff ff'), 2 ** 32 - 1);
    assert.equal(value('41 01 ff'), 255);
    assert.equal(value('46 09 00 ff ff ff ff ff ff ff ff'), 2n ** 64n - 1n);
    assert.equal(value('06 03 88 37 03'), '2.999.3');
    assert.equal(value('06 05 90 80 80 80 4f'), '2.4294967295');
    assert.equal(value('06 01 01'), '0.1');
    assert.equal(value('40 04 c0 00 02 01'), '192.0.2.1');
    assert.deepEqual(value('03 02 05 a0'), { bytes: h('a0'), unusedBits: 5 });
    assert.equal(value('80 00'), null);
  });

  test('invalid primitive contents keep their octets and say why', () => {
    const node = (hex: string): BerNode => decodeBerTree(h(hex))[0]!;
    for (const [hex, problem] of [
      ['02 00', 'empty INTEGER'],
      ['05 01 00', 'NULL with contents'],
      ['06 02 2b 86', 'malformed OBJECT IDENTIFIER'],
      ['06 02 80 01', 'malformed OBJECT IDENTIFIER'],
      ['40 03 01 02 03', 'IpAddress of 3 octets'],
      ['03 01 05', 'malformed BIT STRING'],
    ] as const) {
      const n = node(hex);
      assert.equal(n.problem, problem, hex);
      assert.ok(n.value instanceof Uint8Array);
    }
  });

  test('an OCTET STRING holding BER (USM parameters) and net-snmp Opaque types get children', () => {
    const v3 = decodeBerTree(packet('v3-md5-get-3-sent.hex'))[0]!;
    const usm = v3.children![2]!;
    assert.equal(usm.tagName, 'OCTET STRING');
    assert.equal(usm.value, undefined);
    const fields = usm.children![0]!.children!;
    assert.deepEqual(
      fields.map((f) => f.tagName),
      ['OCTET STRING', 'INTEGER', 'INTEGER', 'OCTET STRING', 'OCTET STRING', 'OCTET STRING'],
    );
    assert.deepEqual(fields[3]!.value, new TextEncoder().encode('md5user'));
    const opaque = (file: string): BerNode => decodeBerTree(packet(file))[0]!.children![2]!.children![3]!.children![0]!.children![1]!;
    const cases: [string, string, unknown][] = [
      ['v2c-set-type-F-1-sent.hex', 'Opaque Float', 1.5],
      ['v2c-set-type-D-1-sent.hex', 'Opaque Double', -2.25],
      ['v2c-set-type-I-1-sent.hex', 'Opaque Integer64', -(2n ** 63n)],
      ['v2c-set-type-U-1-sent.hex', 'Opaque UInteger64', 2n ** 64n - 1n],
    ];
    for (const [file, name, v] of cases) {
      const o = opaque(file);
      assert.equal(o.tagName, 'Opaque');
      assert.equal(o.children![0]!.tagName, name);
      assert.equal(o.children![0]!.value, v);
    }
    // An encrypted PDU is just octets.
    const enc = decodeBerTree(packet('v3-sha-aes-get-3-sent.hex'))[0]!.children![3]!;
    assert.ok(enc.value instanceof Uint8Array && enc.value.length === 46);
  });

  test('every golden packet decodes to a consistent tree', () => {
    for (const p of golden) {
      const tree = decodeBerTree(p.bytes);
      assert.equal(tree.length, 1, p.file);
      checkTree(tree, p.bytes, 0, p.bytes.length);
      assert.ok(formatBerTree(tree).split('\n').length > 5, p.file);
    }
  });

  test('several top-level elements, and none for empty input', () => {
    assert.deepEqual(decodeBerTree(h('02 01 01 05 00')).map((n) => n.tagName), ['INTEGER', 'NULL']);
    assert.deepEqual(decodeBerTree(new Uint8Array(0)), []);
  });

  test('structural errors are DecodeErrors with offsets', () => {
    assertDecodeError(() => decodeBerTree(h('30 80 02 01 01 00 00')), 'indefiniteLength', 1);
    assertDecodeError(() => decodeBerTree(h('30 03 02 05 01')), 'badLength', 4);
    assertDecodeError(() => decodeBerTree(h('30 85 00 00 00 00 00')), 'badLength', 1);
    assertDecodeError(() => decodeBerTree(h('02 01 01 05')), 'truncated', 3);
    assertDecodeError(() => decodeBerTree(h('30 02 9f 88')), 'truncated', 2);
    assertDecodeError(() => decodeBerTree(h('9f 81 81 81 01 00')), 'badTag', 0);
    assertDecodeError(() => decodeBerTree(h('02 01 01'), { maxMessageSize: 2 }), 'limitExceeded', 0);
  });

  test('maxDepth is honoured (default 32) without deep recursion', () => {
    const nested = (depth: number): Uint8Array => {
      // depth SEQUENCEs inside each other, written inside out with 4-octet lengths.
      const out = new Uint8Array(depth * 6);
      for (let i = 0; i < depth; i++) {
        const len = (depth - i - 1) * 6;
        out.set([0x30, 0x84, len >>> 24, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff], i * 6);
      }
      return out;
    };
    assert.equal(decodeBerTree(nested(32)).length, 1);
    assertDecodeError(() => decodeBerTree(nested(33)), 'limitExceeded', 32 * 6);
    assertDecodeError(() => decodeBerTree(nested(5), { maxDepth: 4 }), 'limitExceeded', 4 * 6);
    let n = 0;
    for (let node: BerNode | undefined = decodeBerTree(nested(100_000), { maxDepth: 1e9 })[0]; node !== undefined; node = node.children?.[0]) n++;
    assert.equal(n, 100_000);
  });

  test('mutated golden packets: nothing but DecodeError, and every tree formats', () => {
    const seeds = golden.map((p) => p.bytes);
    const rng = new Prng(0x7ee);
    let trees = 0;
    for (let i = 0; i < 20_000; i++) {
      const input = mutant(rng, seeds);
      try {
        const tree = decodeBerTree(input, { maxDepth: 8 });
        checkTree(tree, input, 0, input.length);
        formatBerTree(tree);
        trees++;
      } catch (err) {
        assert.ok(err instanceof DecodeError, `input ${i}: ${String(err)}`);
        assert.ok(err.offset >= 0 && err.offset <= input.length);
      }
    }
    assert.ok(trees > 1000);
  });
});

describe('formatBerTree', () => {
  test('indented lines with header octets, tag names and values', () => {
    const text = formatBerTree(decodeBerTree(packet('v2c-get-exceptions-2-received.hex')));
    assert.equal(
      text,
      [
        '30 4b  SEQUENCE',
        '  02 01 01  INTEGER 1',
        '  04 06 70 75 62 6c 69 63  OCTET STRING "public"',
        '  a2 3e  Response-PDU',
        '    02 04 2c ab da 5e  INTEGER 749460062',
        '    02 01 00  INTEGER 0',
        '    02 01 00  INTEGER 0',
        '    30 30  SEQUENCE',
        '      30 0c  SEQUENCE',
        '        06 08 2b 06 01 02 01 01 63 00  OBJECT IDENTIFIER 1.3.6.1.2.1.1.99.0',
        '        80 00  noSuchObject',
        '      30 0c  SEQUENCE',
        '        06 08 2b 06 01 02 01 01 01 01  OBJECT IDENTIFIER 1.3.6.1.2.1.1.1.1',
        '        81 00  noSuchInstance',
        '      30 12  SEQUENCE',
        '        06 08 2b 06 01 02 01 01 05 00  OBJECT IDENTIFIER 1.3.6.1.2.1.1.5.0',
        '        04 06 67 6f 6c 64 65 6e  OCTET STRING "golden"',
      ].join('\n'),
    );
  });

  test('long contents are cut, binary strings shown by size, problems named', () => {
    const long = decodeBerTree(Uint8Array.from([0x04, 20, ...new Array(20).fill(0x41)]));
    assert.equal(formatBerTree(long, { maxBytes: 4 }), `04 14 41 41 41 41 …  OCTET STRING "${'A'.repeat(20)}"`);
    assert.equal(formatBerTree(decodeBerTree(h('04 03 00 ff 80'))), '04 03 00 ff 80  OCTET STRING (3 octets)');
    assert.equal(formatBerTree(decodeBerTree(h('04 01 00'))), '04 01 00  OCTET STRING (1 octet)');
    assert.equal(formatBerTree(decodeBerTree(h('04 00'))), '04 00  OCTET STRING ""');
    assert.equal(formatBerTree(decodeBerTree(h('40 03 01 02 03'))), '40 03 01 02 03  IpAddress (IpAddress of 3 octets)');
    assert.equal(formatBerTree(decodeBerTree(h('03 02 05 a0'))), '03 02 05 a0  BIT STRING (1 octet, 5 unused bits)');
    assert.equal(formatBerTree(decodeBerTree(h('30 03 02 01 01')), { indent: '\t' }), '30 03  SEQUENCE\n\t02 01 01  INTEGER 1');
    assert.equal(formatBerTree(decodeBerTree(h('02 01 05'))[0]!), '02 01 05  INTEGER 5');
  });
});
