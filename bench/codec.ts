/**
 * Codec benchmark: encode and decode (a) a Response with 10 varbinds of mixed types and
 * (b) a GetBulk Response with 50 varbinds of an interface table, with tsnmp and with the
 * npm `net-snmp` package in the same run. Prints operations per second and the ratio.
 *
 *   npm run bench:codec            (5 rounds of 400 ms per case; medians)
 */
import { decodeMessage, encodeCommunityMessage } from '../src/message/codec.js';
import type { CommunityMessage } from '../src/message/types.js';
import { Oid } from '../src/smi/oid.js';
import type { VarBind } from '../src/smi/types.js';
import { fmt, measure } from './harness.js';
import { loadNetSnmpInternals } from './net-snmp-internals.js';

const ns = loadNetSnmpInternals();
const T = ns.ObjectType;

interface Case {
  name: string;
  tsnmp: CommunityMessage;
  netSnmp: { oid: string; type: number; value: unknown }[];
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/** net-snmp takes a Counter64 as an 8-byte big-endian Buffer. */
const u64 = (v: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(v);
  return b;
};

function mixedCase(): Case {
  const ts: VarBind[] = [
    { oid: Oid.parse('1.3.6.1.2.1.1.7.0'), type: 'Integer32', value: -123456 },
    { oid: Oid.parse('1.3.6.1.2.1.1.1.0'), type: 'OctetString', value: bytes('Linux router 6.1.0 x86_64 build3') },
    { oid: Oid.parse('1.3.6.1.2.1.1.2.0'), type: 'ObjectIdentifier', value: Oid.parse('1.3.6.1.4.1.8072.3.2.10.1.2.3') },
    { oid: Oid.parse('1.3.6.1.2.1.2.2.1.10.1'), type: 'Counter32', value: 3000000000 },
    { oid: Oid.parse('1.3.6.1.2.1.31.1.1.1.6.1'), type: 'Counter64', value: 12345678901234567n },
    { oid: Oid.parse('1.3.6.1.2.1.1.3.0'), type: 'TimeTicks', value: 123456789 },
    { oid: Oid.parse('1.3.6.1.2.1.4.20.1.1.10.0.0.1'), type: 'IpAddress', value: '10.0.0.1' },
    { oid: Oid.parse('1.3.6.1.2.1.2.2.1.5.1'), type: 'Gauge32', value: 1000000000 },
    { oid: Oid.parse('1.3.6.1.2.1.1.5.0'), type: 'OctetString', value: bytes('router1') },
    { oid: Oid.parse('1.3.6.1.2.1.2.2.1.8.1'), type: 'Integer32', value: 1 },
  ];
  const nsVbs = [
    { oid: '1.3.6.1.2.1.1.7.0', type: T.Integer!, value: -123456 },
    { oid: '1.3.6.1.2.1.1.1.0', type: T.OctetString!, value: Buffer.from('Linux router 6.1.0 x86_64 build3') },
    { oid: '1.3.6.1.2.1.1.2.0', type: T.OID!, value: '1.3.6.1.4.1.8072.3.2.10.1.2.3' },
    { oid: '1.3.6.1.2.1.2.2.1.10.1', type: T.Counter!, value: 3000000000 },
    { oid: '1.3.6.1.2.1.31.1.1.1.6.1', type: T.Counter64!, value: u64(12345678901234567n) },
    { oid: '1.3.6.1.2.1.1.3.0', type: T.TimeTicks!, value: 123456789 },
    { oid: '1.3.6.1.2.1.4.20.1.1.10.0.0.1', type: T.IpAddress!, value: '10.0.0.1' },
    { oid: '1.3.6.1.2.1.2.2.1.5.1', type: T.Gauge!, value: 1000000000 },
    { oid: '1.3.6.1.2.1.1.5.0', type: T.OctetString!, value: Buffer.from('router1') },
    { oid: '1.3.6.1.2.1.2.2.1.8.1', type: T.Integer!, value: 1 },
  ];
  return {
    name: 'Response, 10 mixed varbinds',
    tsnmp: { version: 1, community: bytes('public'), pdu: { type: 'Response', requestId: 1234567, errorStatus: 0, errorIndex: 0, varbinds: ts } },
    netSnmp: nsVbs,
  };
}

function ifTableCase(): Case {
  const ts: VarBind[] = [];
  const nsVbs: { oid: string; type: number; value: unknown }[] = [];
  for (let row = 1; row <= 10; row++) {
    const cols: [number, VarBind['type'], unknown, number, unknown][] = [
      [2, 'OctetString', bytes(`GigabitEthernet0/${row}`), T.OctetString!, Buffer.from(`GigabitEthernet0/${row}`)],
      [3, 'Integer32', 6, T.Integer!, 6],
      [5, 'Gauge32', 1000000000, T.Gauge!, 1000000000],
      [10, 'Counter32', 1234567 * row, T.Counter!, 1234567 * row],
      [16, 'Counter32', 7654321 * row, T.Counter!, 7654321 * row],
    ];
    for (const [col, type, value, nsType, nsValue] of cols) {
      const oid = `1.3.6.1.2.1.2.2.1.${col}.${row}`;
      ts.push({ oid: Oid.parse(oid), type, value } as VarBind);
      nsVbs.push({ oid, type: nsType, value: nsValue });
    }
  }
  return {
    name: 'GetBulk Response, 50 ifTable varbinds',
    tsnmp: { version: 1, community: bytes('public'), pdu: { type: 'Response', requestId: 7654321, errorStatus: 0, errorIndex: 0, varbinds: ts } },
    netSnmp: nsVbs,
  };
}

const cases = [mixedCase(), ifTableCase()];
console.log(`Codec benchmark: tsnmp vs net-snmp ${ns.version} (npm), Node ${process.version}; median of 5 rounds, operations per second`);
console.log('');
const rows: string[][] = [['message', 'operation', 'tsnmp', 'net-snmp', 'ratio']];
let ok = true;
for (const c of cases) {
  const tsBytes = encodeCommunityMessage(c.tsnmp);
  const nsEncode = () => ns.Message.createCommunity(ns.Version2c, 'public', ns.GetResponsePdu.createFromVariables(c.tsnmp.pdu.type === 'Response' ? c.tsnmp.pdu.requestId : 0, c.netSnmp, {})).toBuffer();
  const nsBytes = nsEncode();
  if (!Buffer.from(tsBytes).equals(nsBytes)) {
    console.log(`note: encodings differ for "${c.name}" (${tsBytes.length} vs ${nsBytes.length} bytes)`);
  }
  // Sanity: each decoder reads back what it should.
  const decoded = decodeMessage(nsBytes);
  if (decoded.version === 3 || decoded.pdu.varbinds.length !== c.netSnmp.length) throw new Error('tsnmp decoded the wrong number of varbinds');
  if (ns.Message.createFromBuffer(Buffer.from(tsBytes)).pdu.varbinds.length !== c.netSnmp.length) throw new Error('net-snmp decoded the wrong number of varbinds');

  const tsEnc = measure(() => encodeCommunityMessage(c.tsnmp));
  const nsEnc = measure(nsEncode);
  const tsDec = measure(() => decodeMessage(tsBytes));
  const nsBuf = Buffer.from(nsBytes);
  const nsDec = measure(() => ns.Message.createFromBuffer(nsBuf));
  rows.push([c.name, 'encode', fmt(tsEnc), fmt(nsEnc), `${(tsEnc / nsEnc).toFixed(1)}x`]);
  rows.push([c.name, 'decode', fmt(tsDec), fmt(nsDec), `${(tsDec / nsDec).toFixed(1)}x`]);
  if (tsEnc / nsEnc < 5 || tsDec / nsDec < 5) ok = false;
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '));
console.log('');
console.log(ok ? 'target (>= 5x on every line): met' : 'target (>= 5x on every line): NOT met');
