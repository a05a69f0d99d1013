/** The reader of net-snmp's `-On` output that the interop tests compare walks with. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { diffVarBind, diffWalk, parseNumericOutput } from './net-snmp-output.js';

// Printed by snmpbulkwalk -v2c -On (net-snmp 5.9.3) against snmpd, trimmed.
const SAMPLE = `.1.3.6.1.2.1.1.1.0 = STRING: "Linux vm 6.1 #1 SMP x86_64"
.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.8072.3.2.10
.1.3.6.1.2.1.1.3.0 = Timeticks: (50) 0:00:00.50
.1.3.6.1.6.3.10.2.1.1.0 = Hex-STRING: 80 00 1F 88 80 A9 B6 63 3E 5B 89 01 6B 00 00 00 
00 
.1.3.6.1.6.3.16.1.1.1.1.0 = ""
.1.3.6.1.4.1.99999.1.1.0 = INTEGER: -42
.1.3.6.1.4.1.99999.1.4.0 = Counter32: 4294967295
.1.3.6.1.4.1.99999.1.8.0 = Gauge32: 77
.1.3.6.1.4.1.99999.1.9.0 = STRING: "two
lines and a \\"quote\\""
.1.3.6.1.2.1.99 = No Such Object available on this agent at this OID
`;

const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const v = (oid: string, type: VarBind['type'], value: unknown): VarBind => ({ oid: Oid.parse(oid), type, value }) as VarBind;

const RECEIVED: VarBind[] = [
  v('1.3.6.1.2.1.1.1.0', 'OctetString', bytes('Linux vm 6.1 #1 SMP x86_64')),
  v('1.3.6.1.2.1.1.2.0', 'ObjectIdentifier', Oid.parse('1.3.6.1.4.1.8072.3.2.10')),
  v('1.3.6.1.2.1.1.3.0', 'TimeTicks', 50),
  v('1.3.6.1.6.3.10.2.1.1.0', 'OctetString', Uint8Array.from([0x80, 0, 0x1f, 0x88, 0x80, 0xa9, 0xb6, 0x63, 0x3e, 0x5b, 0x89, 1, 0x6b, 0, 0, 0, 0])),
  v('1.3.6.1.6.3.16.1.1.1.1.0', 'OctetString', new Uint8Array(0)),
  v('1.3.6.1.4.1.99999.1.1.0', 'Integer32', -42),
  v('1.3.6.1.4.1.99999.1.4.0', 'Counter32', 4294967295),
  v('1.3.6.1.4.1.99999.1.8.0', 'Gauge32', 77),
  v('1.3.6.1.4.1.99999.1.9.0', 'OctetString', bytes('two\nlines and a "quote"')),
  v('1.3.6.1.2.1.99', 'NoSuchObject', null),
];

test('parses every record, continuation lines included', () => {
  const p = parseNumericOutput(SAMPLE);
  assert.equal(p.length, 10);
  assert.deepEqual(p[3], { oid: '1.3.6.1.6.3.10.2.1.1.0', type: 'Hex-STRING', value: '80 00 1F 88 80 A9 B6 63 3E 5B 89 01 6B 00 00 00 \n00 ' });
  assert.deepEqual(p[4], { oid: '1.3.6.1.6.3.16.1.1.1.1.0', type: '""', value: '' });
  assert.equal(p[9]!.type, 'No Such Object available on this agent at this OID');
  assert.throws(() => parseNumericOutput('Timeout: No Response\n'));
  assert.deepEqual(parseNumericOutput('.1.3.6 = INTEGER: 1\nEnd of MIB\n'), [{ oid: '1.3.6', type: 'INTEGER', value: '1' }]);
});

test('matches equal varbinds and reports every kind of difference', () => {
  const p = parseNumericOutput(SAMPLE);
  assert.deepEqual(diffWalk(p, RECEIVED), []);
  assert.match(diffVarBind(p[0]!, v('1.3.6.1.2.1.1.1.0', 'OctetString', bytes('Linux'))) ?? '', /value/);
  assert.match(diffVarBind(p[1]!, v('1.3.6.1.2.1.1.2.0', 'OctetString', bytes('x'))) ?? '', /type/);
  assert.match(diffVarBind(p[2]!, v('1.3.6.1.2.1.1.3.1', 'TimeTicks', 50)) ?? '', /OID/);
  assert.match(diffVarBind(p[3]!, v('1.3.6.1.6.3.10.2.1.1.0', 'OctetString', Uint8Array.of(0x80))) ?? '', /value/);
  assert.match(diffVarBind(p[5]!, v('1.3.6.1.4.1.99999.1.1.0', 'Integer32', 42)) ?? '', /value/);
  assert.match(diffVarBind(p[9]!, v('1.3.6.1.2.1.99', 'NoSuchInstance', null)) ?? '', /type/);
  assert.equal(diffVarBind(p[2]!, v('1.3.6.1.2.1.1.3.0', 'TimeTicks', 51), false), undefined, 'value not compared when volatile');
  assert.deepEqual(diffWalk(p, RECEIVED.slice(1)).length > 1, true);
  assert.deepEqual(diffWalk(p, RECEIVED, new Set(['1.3.6.1.2.1.1.3.0'])), []);
});
