import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidArgumentError } from '../../src/errors.js';
import { decodeIndex, encodeIndex, indexSpec } from '../../src/mib/index-codec.js';
import { MibStore } from '../../src/mib/store.js';
import { Oid } from '../../src/smi/oid.js';
import { GOOD_DIR } from './helpers.js';

const store = new MibStore({ path: [GOOD_DIR] });
store.load('TSNMP-TEST-MIB');
store.load('TSNMP-V1-MIB');
store.loadText(`TSNMP-IDX-MIB DEFINITIONS ::= BEGIN
IMPORTS OBJECT-TYPE, enterprises FROM SNMPv2-SMI MacAddress FROM SNMPv2-TC;
idx OBJECT IDENTIFIER ::= { enterprises 99991 }
idxTable OBJECT-TYPE SYNTAX SEQUENCE OF IdxEntry MAX-ACCESS not-accessible STATUS current DESCRIPTION "t" ::= { idx 1 }
idxEntry OBJECT-TYPE SYNTAX IdxEntry MAX-ACCESS not-accessible STATUS current DESCRIPTION "r" INDEX { idxMac, idxOid, IMPLIED idxTail } ::= { idxTable 1 }
IdxEntry ::= SEQUENCE { idxMac MacAddress, idxOid OBJECT IDENTIFIER, idxTail OBJECT IDENTIFIER, idxValue INTEGER }
idxMac OBJECT-TYPE SYNTAX MacAddress MAX-ACCESS not-accessible STATUS current DESCRIPTION "m" ::= { idxEntry 1 }
idxOid OBJECT-TYPE SYNTAX OBJECT IDENTIFIER MAX-ACCESS not-accessible STATUS current DESCRIPTION "o" ::= { idxEntry 2 }
idxTail OBJECT-TYPE SYNTAX OBJECT IDENTIFIER MAX-ACCESS not-accessible STATUS current DESCRIPTION "t" ::= { idxEntry 3 }
idxValue OBJECT-TYPE SYNTAX INTEGER MAX-ACCESS read-only STATUS current DESCRIPTION "v" ::= { idxEntry 4 }
END`);

test('RFC 2578 §7.7: integer, IpAddress and an IMPLIED variable-length string', () => {
  const spec = indexSpec(store, 'tsnmpTestMac');
  assert.equal(spec.row.name, 'tsnmpTestEntry');
  assert.deepEqual(spec.parts.map((p) => [p.name, p.kind, p.implied]), [['tsnmpTestIndex', 'integer', false], ['tsnmpTestAddr', 'ipAddress', false], ['tsnmpTestLabel', 'string', true]]);
  const arcs = [7, 10, 0, 0, 1, 102, 111, 111];
  const v = decodeIndex(spec, arcs);
  assert.deepEqual(v, [7, '10.0.0.1', Uint8Array.from([102, 111, 111])]);
  assert.deepEqual(encodeIndex(spec, v), arcs);
  assert.deepEqual(encodeIndex(spec, [7, '10.0.0.1', 'foo']), arcs);
});

test('AUGMENTS takes the index of the augmented row', () => {
  const spec = indexSpec(store, 'tsnmpTestExtHits');
  assert.equal(spec.row.name, 'tsnmpTestExtEntry');
  assert.deepEqual(spec.parts.map((p) => p.name), ['tsnmpTestIndex', 'tsnmpTestAddr', 'tsnmpTestLabel']);
});

test('fixed-size strings (MacAddress SIZE(6) from its TC), OIDs with and without length', () => {
  const spec = indexSpec(store, 'idxValue');
  assert.deepEqual(spec.parts.map((p) => [p.kind, p.size, p.implied]), [['fixedString', 6, false], ['oid', undefined, false], ['oid', undefined, true]]);
  const arcs = [0, 17, 34, 51, 68, 85, 3, 1, 3, 6, 1, 3, 6, 1, 2];
  const v = decodeIndex(spec, arcs);
  assert.deepEqual(v[0], Uint8Array.from([0, 17, 34, 51, 68, 85]));
  assert.equal((v[1] as Oid).toString(), '1.3.6');
  assert.equal((v[2] as Oid).toString(), '1.3.6.1.2');
  assert.deepEqual(encodeIndex(spec, v), arcs);
});

test('SMIv1 NetworkAddress: a type arc then four', () => {
  const spec = indexSpec(store, 'tsnmpV1Load');
  assert.deepEqual(spec.parts.map((p) => p.kind), ['networkAddress']);
  assert.deepEqual(decodeIndex(spec, [1, 192, 168, 0, 1]), ['192.168.0.1']);
  assert.deepEqual(encodeIndex(spec, ['192.168.0.1']), [1, 192, 168, 0, 1]);
});

test('malformed indexes are errors, not crashes', () => {
  const spec = indexSpec(store, 'tsnmpTestMac');
  assert.throws(() => decodeIndex(spec, [7, 10, 0]), InvalidArgumentError);
  assert.throws(() => decodeIndex(spec, [7, 10, 0, 0, 300, 1]), /above 255/);
  const fixed = indexSpec(store, 'idxValue');
  assert.throws(() => decodeIndex(fixed, [0, 1, 2, 3, 4, 5, 9, 1]), /needs 9 arc/);
  assert.throws(() => encodeIndex(fixed, [Uint8Array.of(1, 2), Oid.parse('1.3'), Oid.parse('1')]), /exactly 6 octets/);
  assert.throws(() => encodeIndex(spec, [1, 'not-an-ip', 'x']), /dotted IPv4/);
  assert.throws(() => encodeIndex(spec, [1]), /3 part/);
  assert.throws(() => indexSpec(store, 'tsnmpTestName'), /not a table, row or column/);
});
