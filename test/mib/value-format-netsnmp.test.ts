/**
 * Values formatted with MIBs compared with net-snmp's own printing: a private snmptrapd
 * (loopback, free high port, `-M ../shared/mibs -m ALL`) receives traps that net-snmp's
 * snmptrap sends with varbinds of every type under objects of every kind; each varbind
 * line it prints must equal formatVarBind() for the same varbind. Skipped, saying so,
 * without the corpus or net-snmp's tools.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { MibStore } from '../../src/mib/store.js';
import { formatVarBind } from '../../src/mib/value-format.js';
import { freePort } from '../support/ports.js';
import { NET_SNMP_ENV } from '../support/snmpd.js';
import { CORPUS_DIR, HAVE_CORPUS } from './helpers.js';

const HAVE_TOOLS = spawnSync('snmptrapd', ['-v'], { encoding: 'utf8' }).status === 0 || spawnSync('snmptrap', ['-V'], { encoding: 'utf8' }).status === 0;
const SKIP = !HAVE_CORPUS ? `the shared MIB corpus was not found at ${CORPUS_DIR}: skipped` : !HAVE_TOOLS ? 'net-snmp snmptrap/snmptrapd are not installed: skipped' : false;

let store: MibStore;
let trapd: ChildProcess | undefined;
let dir = '';
let port = 0;

before(async () => {
  if (SKIP !== false) return;
  store = new MibStore({ path: [CORPUS_DIR] });
  store.loadAll();
  dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-trapd-'));
  writeFileSync(path.join(dir, 'snmptrapd.conf'), 'disableAuthorization yes\n');
  port = await freePort();
  trapd = spawn('snmptrapd', ['-f', '-C', '-c', path.join(dir, 'snmptrapd.conf'), '-Lf', path.join(dir, 'log'), '-M', CORPUS_DIR, '-m', 'ALL', '-F', '%V@@@%v###\\n', `udp:127.0.0.1:${port}`], { stdio: 'ignore' });
  // Wait until it logs that it started (bounded).
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    try {
      if (readFileSync(path.join(dir, 'log'), 'latin1').includes('NET-SNMP version')) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
});

after(() => {
  trapd?.kill('SIGTERM');
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

interface Case {
  /** snmptrap's OID TYPE VALUE. */
  args: [string, string, string];
  vb: VarBind;
}

function bytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** Cases for the objects of the corpus: a value of their own type, now and then a wrong one. */
function cases(): Case[] {
  const out: Case[] = [];
  const strings = ['eth0', '', '001122334455', '07E8010F0B1E000000', 'C0A80001', '48656C6C6F21', 'FF00FE', '0000000000000000'];
  let k = 0;
  for (const m of store.modules()) {
    for (const o of m.objects) {
      if (o.kind !== 'scalar' && o.kind !== 'column') continue;
      if (k++ % 7 !== 0) continue;
      const s = o.syntax;
      if (s === undefined) continue;
      const oid = o.kind === 'column' ? o.oid.child(1) : o.oid.child(0);
      const name = `.${oid.toString()}`;
      const v = k;
      const pick = (list: readonly string[]): string => list[v % list.length]!;
      switch (k % 11 === 0 ? 'wrong' : s.smiType) {
        case 'Integer32': {
          const e = s.enums ?? store.type(s.type, s.typeModule)?.syntax.enums;
          const n = e !== undefined && e.length > 0 && v % 3 !== 0 ? e[v % e.length]!.value : (v % 5) - 2;
          out.push({ args: [name, 'i', String(n)], vb: { oid, type: 'Integer32', value: n } });
          break;
        }
        case 'OctetString': {
          const h = pick(strings);
          if (h === 'eth0') out.push({ args: [name, 's', 'eth0'], vb: { oid, type: 'OctetString', value: new TextEncoder().encode('eth0') } });
          else if (h === '') out.push({ args: [name, 's', ''], vb: { oid, type: 'OctetString', value: new Uint8Array(0) } });
          else out.push({ args: [name, 'x', h], vb: { oid, type: 'OctetString', value: bytes(h) } });
          break;
        }
        case 'ObjectIdentifier':
          out.push({ args: [name, 'o', '.1.3.6.1.2.1.2.2.1.2.3'], vb: { oid, type: 'ObjectIdentifier', value: Oid.parse('1.3.6.1.2.1.2.2.1.2.3') } });
          break;
        case 'IpAddress':
          out.push({ args: [name, 'a', '10.1.2.3'], vb: { oid, type: 'IpAddress', value: '10.1.2.3' } });
          break;
        case 'Counter32':
          out.push({ args: [name, 'c', String(v * 1000)], vb: { oid, type: 'Counter32', value: v * 1000 } });
          break;
        case 'Gauge32':
          out.push({ args: [name, 'u', String(v * 7)], vb: { oid, type: 'Gauge32', value: v * 7 } });
          break;
        case 'TimeTicks':
          out.push({ args: [name, 't', String(v * 123457)], vb: { oid, type: 'TimeTicks', value: v * 123457 } });
          break;
        case 'Counter64':
          out.push({ args: [name, 'C', '18446744073709551615'], vb: { oid, type: 'Counter64', value: 18446744073709551615n } });
          break;
        default:
          out.push({ args: [name, 'i', '42'], vb: { oid, type: 'Integer32', value: 42 } });
          break;
      }
    }
  }
  // A few chosen ones: BITS, DateAndTime with a zone, MacAddress, an Opaque float,
  // InetAddress, a string with quotes, negative fixed-point, Counter64, a zero-length string.
  const extra: [string, string, string, VarBind['type'], unknown][] = [
    ['.1.3.6.1.2.1.63.1.2.1.5.1.97', 'x', '9100', 'OctetString', bytes('9100')],
    ['.1.3.6.1.2.1.25.1.2.0', 'x', '07E8010F0B1E00002B0100', 'OctetString', bytes('07E8010F0B1E00002B0100')],
    ['.1.3.6.1.2.1.17.4.3.1.1.1', 'x', '001A2B3C4D5E', 'OctetString', bytes('001A2B3C4D5E')],
    ['.1.3.6.1.4.1.2021.10.1.6.1', 'F', '1.5', 'Opaque', bytes('9f78043fc00000')],
    ['.1.3.6.1.2.1.4.34.1.2.1', 'x', 'C0A80001', 'OctetString', bytes('C0A80001')],
    ['.1.3.6.1.2.1.1.1.0', 's', 'say "hi" \\ there', 'OctetString', new TextEncoder().encode('say "hi" \\ there')],
    ['.1.3.6.1.2.1.2.2.1.6.1', 'x', '00', 'OctetString', bytes('00')],
    ['.1.3.6.1.2.1.31.1.1.1.6.1', 'C', '1234567890123', 'Counter64', 1234567890123n],
    ['.1.3.6.1.2.1.2.2.1.9.1', 't', '4294967295', 'TimeTicks', 4294967295],
    ['.1.3.6.1.2.1.2.2.1.3.1', 'i', '6', 'Integer32', 6],
    ['.1.3.6.1.2.1.2.2.1.3.1', 'i', '9999', 'Integer32', 9999],
  ];
  for (const [o, t, v, type, value] of extra) out.push({ args: [o, t, v], vb: { oid: Oid.parse(o.slice(1)), type, value } as VarBind });
  return out;
}

function readLog(): string {
  try {
    return readFileSync(path.join(dir, 'log'), 'latin1');
  } catch {
    return '';
  }
}

test('varbind values print as snmptrapd prints them (enums, hints, units, BITS, wrong types)', { skip: SKIP }, async () => {
  const all = cases();
  assert.ok(all.length > 1000, `${all.length} cases`);
  const batches: Case[][] = [];
  for (let i = 0; i < all.length; i += 25) batches.push(all.slice(i, i + 25));
  for (const b of batches) {
    const args = ['-v2c', '-c', 'public', `127.0.0.1:${port}`, '', '.1.3.6.1.6.3.1.1.5.1'];
    for (const c of b) args.push(...c.args);
    const r = spawnSync('snmptrap', args, { env: NET_SNMP_ENV, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
  // Wait (bounded) for every trap: varbinds joined by @@@, each trap ended by ###
  // (values and UNITS may hold line breaks).
  const until = Date.now() + 20_000;
  let lines: string[] = [];
  while (Date.now() < until) {
    const log = readLog();
    const start = log.indexOf('DISMAN-EXPRESSION-MIB::');
    lines = start < 0 ? [] : log.slice(start).split('###\n').filter((l) => l.includes('snmpTrapOID.0'));
    if (lines.length >= batches.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(lines.length, batches.length, 'every trap arrived');
  const diffs: string[] = [];
  let compared = 0;
  for (let i = 0; i < batches.length; i++) {
    const got = lines[i]!.split('@@@').slice(2);
    const b = batches[i]!;
    assert.equal(got.length, b.length, lines[i]);
    for (let j = 0; j < b.length; j++) {
      compared++;
      const mine = formatVarBind(store, b[j]!.vb);
      if (mine !== got[j] && diffs.length < 15) diffs.push(`net-snmp: ${got[j]}\ntsnmp:    ${mine}`);
    }
  }
  assert.ok(compared === all.length);
  assert.deepEqual(diffs, []);
});
