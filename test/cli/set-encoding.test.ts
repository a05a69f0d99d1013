/**
 * `tsnmp set` sends the same octets as net-snmp's snmpset for every type letter: both
 * commands send to a silent agent that records what it receives, and the varbind lists
 * of the two requests are compared byte for byte.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeBerTree } from '../../src/ber/tree.js';
import { haveNetSnmpTools } from '../support/snmpd.js';
import { type FakeAgent, startFakeAgent } from './support/fake-agent.js';
import { netSnmp, tsnmp } from './support/run.js';

const skip = haveNetSnmpTools() ? false : 'net-snmp tools are not installed';

/** The varbind list of a recorded request, in hex. */
function varbindList(message: Uint8Array): string {
  const [msg] = decodeBerTree(message);
  const pdu = msg!.children![2]!;
  return Buffer.from(pdu.children![3]!.bytes).toString('hex');
}

describe('set: the octets sent for each type letter are net-snmp\'s', { skip }, () => {
  let netSink: FakeAgent;
  let tsSink: FakeAgent;
  before(async () => {
    netSink = await startFakeAgent({ entries: [], drop: true });
    tsSink = await startFakeAgent({ entries: [], drop: true });
  });
  after(async () => {
    await netSink.stop();
    await tsSink.stop();
  });

  const cases: [string, string][] = [
    ['i', '5'],
    ['i', '-1'],
    ['i', '2147483647'],
    ['i', '-2147483648'],
    ['i', ' 5'],
    ['i', '+5'],
    ['u', '5'],
    ['u', '-1'],
    ['u', '4294967295'],
    ['t', '100'],
    ['t', '-1'],
    ['a', '10.0.0.1'],
    ['a', '1.2.3'],
    ['a', '0x7f.1'],
    ['a', '010.0.0.1'],
    ['a', '255.255.255.255'],
    ['o', '.1.3.6.1'],
    ['o', '1.3.6'],
    ['o', '2.999'],
    ['s', 'hello'],
    ['s', ''],
    ['s', 'héllo'],
    ['x', '0a 0b'],
    ['x', '0a0b'],
    ['x', '0x0a0b'],
    ['x', '0X0a'],
    ['x', ' 0a'],
    ['x', '0a  0b '],
    ['x', ''],
    ['d', '1.2.3'],
    ['d', '1 2 3'],
    ['d', '1..2'],
    ['d', ''],
    ['b', '0 3 8'],
    ['b', '1,2'],
    ['b', '8,9 10'],
    ['b', '1 1'],
    ['b', ''],
    ['n', ''],
    ['U', '18446744073709551615'],
    ['U', '-1'],
    ['U', '256'],
    ['U', '0'],
    ['I', '-5'],
    ['I', '0'],
    ['I', '-129'],
    ['I', '9223372036854775807'],
    ['F', '1.5'],
    ['F', '-0.0'],
    ['F', 'inf'],
    ['F', 'nan'],
    ['F', '1e3'],
    ['F', '1e40'],
    ['D', '1.5'],
    ['D', '1e400'],
    ['D', '-2.25e-10'],
  ];

  it('every type letter and value form', async () => {
    const common = ['-v2c', '-c', 'private', '-r', '0', '-t', '0.2'];
    const oidOf = (i: number): string => `.1.3.6.1.4.1.99999.2.${i + 1}.0`;
    const statuses: [number | null, number | null][] = [];
    for (let start = 0; start < cases.length; start += 8) {
      const batch = cases.slice(start, start + 8);
      const results = await Promise.all(
        batch.map(([type, value], j) =>
          Promise.all([netSnmp('set', [...common, `127.0.0.1:${netSink.port}`, oidOf(start + j), type, value]), tsnmp(['set', ...common, `127.0.0.1:${tsSink.port}`, oidOf(start + j), type, value])]),
        ),
      );
      for (const [n, t] of results) statuses.push([n.status, t.status]);
    }
    const byOid = (requests: Uint8Array[]): Map<string, string> => {
      const m = new Map<string, string>();
      for (const r of requests) {
        const list = varbindList(r);
        const oid = decodeBerTree(Uint8Array.from(Buffer.from(list, 'hex')))[0]!.children![0]!.children![0]!.value as string;
        m.set(`.${oid}`, list);
      }
      return m;
    };
    const net = byOid(netSink.requests);
    const ts = byOid(tsSink.requests);
    cases.forEach(([type, value], i) => {
      const n = net.get(oidOf(i));
      assert.ok(n !== undefined, `snmpset sent ${type} "${value}"`);
      assert.equal(ts.get(oidOf(i)), n, `${type} "${value}"`);
      assert.equal(statuses[i]![1], statuses[i]![0], `exit status of ${type} "${value}"`);
    });
  });

  it('c and C (net-snmp\'s library types Counter32 and Counter64, which its snmpset refuses) encode as snmptrap encodes them', async () => {
    const t = await tsnmp(['set', '-v2c', '-c', 'private', '-r', '0', '-t', '0.2', `127.0.0.1:${tsSink.port}`, '.1.3.6.1.4.1.99999.2.0', 'c', '7', '.1.3.6.1.4.1.99999.3.0', 'C', '18446744073709551615']);
    assert.equal(t.status, 1);
    const list = varbindList(tsSink.requests.at(-1)!);
    assert.ok(list.includes('410107'), `Counter32 7 in ${list}`);
    assert.ok(list.includes('460900ffffffffffffffff'), `Counter64 max in ${list}`);
  });
});
