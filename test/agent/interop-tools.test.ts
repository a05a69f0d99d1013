/**
 * net-snmp's command-line tools (snmpget, snmpgetnext, snmpwalk, snmpbulkwalk, snmpset,
 * snmptable) as managers against a tsnmp agent started here on loopback high ports, over
 * UDP, TCP and UDP/IPv6 at once, for v1 and v2c.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Agent } from '../../src/agent/agent.js';
import { createDefaultAgent, EXAMPLE_MIB } from '../../src/agent/default-agent.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { freePort } from '../support/ports.js';
import { haveNetSnmpTools, NET_SNMP_ENV } from '../support/snmpd.js';

const run = promisify(execFile);
const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/agent');
const skip = haveNetSnmpTools() ? false : 'net-snmp tools are not installed';
const X = '1.3.6.1.4.1.32473.2';
let agent: Agent;
let port = 0;

/** Runs a net-snmp tool; returns stdout, or stdout+stderr when it fails. */
async function tool(cmd: string, args: string[], env: NodeJS.ProcessEnv = NET_SNMP_ENV): Promise<string> {
  try {
    const { stdout } = await run(cmd, ['-t', '2', '-r', '1', ...args], { env, timeout: 20000 });
    return stdout.trim();
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
  }
}

before(async () => {
  if (skip) return;
  port = await freePort();
  agent = createDefaultAgent({
    communities: [
      { community: 'public', name: 'public' },
      { community: 'private', access: 'read-write', name: 'private' },
      { community: 'limited', name: 'limited', view: [{ subtree: '1.3.6.1.2.1.1' }, { subtree: '1.3.6.1.2.1.1.9', type: 'excluded' }] },
    ],
  });
  // One writable object per snmpset type letter.
  const add = (n: number, type: 'Integer32' | 'Gauge32' | 'TimeTicks' | 'IpAddress' | 'ObjectIdentifier' | 'OctetString' | 'Opaque', value: unknown) =>
    agent.mib.add({ name: `${X}.${n}.0`, type, value: value as never, access: 'read-write' });
  add(1, 'Integer32', 0);
  add(2, 'Gauge32', 0);
  add(3, 'TimeTicks', 0);
  add(4, 'IpAddress', '0.0.0.0');
  add(5, 'ObjectIdentifier', (await import('../../src/smi/oid.js')).Oid.parse('0.0'));
  for (const n of [6, 7, 8, 9]) add(n, 'OctetString', octetsFromText(''));
  for (const n of [10, 11, 12, 13]) add(n, 'Opaque', new Uint8Array(0));
  await agent.listen([`udp:127.0.0.1:${port}`, `tcp:127.0.0.1:${port}`, `udp6:[::1]:${port}`]);
});

after(async () => {
  await agent?.close();
});

test('snmpget over udp, tcp and udp6, v1 and v2c', { skip }, async () => {
  for (const target of [`udp:127.0.0.1:${port}`, `tcp:127.0.0.1:${port}`, `udp6:[::1]:${port}`]) {
    for (const v of ['1', '2c']) {
      const out = await tool('snmpget', [`-v${v}`, '-c', 'public', '-On', target, '1.3.6.1.2.1.1.5.0', `${EXAMPLE_MIB}.2.0`]);
      assert.equal(out, `.1.3.6.1.2.1.1.5.0 = STRING: "tsnmp"\n.${EXAMPLE_MIB}.2.0 = INTEGER: 50`, `${target} v${v}`);
    }
  }
  const missing = await tool('snmpget', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${port}`, `${EXAMPLE_MIB}.99.0`, '1.3.6.1.2.1.1.5.1']);
  assert.equal(missing, `.${EXAMPLE_MIB}.99.0 = No Such Object available on this agent at this OID\n.1.3.6.1.2.1.1.5.1 = No Such Instance currently exists at this OID`);
  const v1 = await tool('snmpget', ['-v1', '-c', 'public', '-On', `127.0.0.1:${port}`, `${EXAMPLE_MIB}.99.0`]);
  assert.match(v1, /noSuchName/);
});

test('snmpgetnext and snmpwalk, v1 and v2c', { skip }, async () => {
  const next = await tool('snmpgetnext', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${port}`, `${EXAMPLE_MIB}.4.0`, `${EXAMPLE_MIB}.10.1.4.3`]);
  assert.match(next, new RegExp(`^\\.${EXAMPLE_MIB.replace(/\./g, '\\.')}\\.5\\.0 = Counter64: 12345678901234567890\\n`));
  const walk2 = (await tool('snmpwalk', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${port}`, EXAMPLE_MIB])).split('\n');
  assert.equal(walk2.length, 15);
  assert.equal(walk2[14], `.${EXAMPLE_MIB}.10.1.4.3 = INTEGER: 1`);
  const walk1 = (await tool('snmpwalk', ['-v1', '-c', 'public', '-On', `127.0.0.1:${port}`, EXAMPLE_MIB])).split('\n');
  const moving = (l: string) => !l.includes('32473.1.4.0');
  assert.deepEqual(
    walk1.filter(moving),
    walk2.filter((l) => !l.includes('Counter64')).filter(moving),
    'v1 skips the Counter64',
  );
});

test('snmpbulkwalk with various -Cn/-Cr gives the same lines as snmpwalk', { skip }, async () => {
  const ref = await tool('snmpwalk', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${port}`, '1.3.6.1']);
  assert.ok(ref.split('\n').length > 30);
  for (const opts of [['-Cr1'], ['-Cr5'], ['-Cn0', '-Cr10'], ['-Cr50'], ['-Cr200']]) {
    const out = await tool('snmpbulkwalk', ['-v2c', '-c', 'public', '-On', ...opts, `127.0.0.1:${port}`, '1.3.6.1']);
    // sysUpTime and the counters move between walks; compare everything else.
    // A bulk walk prints every endOfMibView of its last response (one per repetition asked).
    const stable = (s: string) => s.split('\n').filter((l) => !/\.1\.3\.6\.1\.2\.1\.(1\.3\.0|11\.)|32473\.1\.4\.0|No more variables/.test(l));
    assert.deepEqual(stable(out), stable(ref), opts.join(' '));
  }
  const nonRep = await tool('snmpbulkget', ['-v2c', '-c', 'public', '-On', '-Cn1', '-Cr2', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.4.0', `${EXAMPLE_MIB}.10.1.2`]);
  assert.deepEqual(nonRep.split('\n'), ['.1.3.6.1.2.1.1.5.0 = STRING: "tsnmp"', `.${EXAMPLE_MIB}.10.1.2.1 = STRING: "row 1"`, `.${EXAMPLE_MIB}.10.1.2.2 = STRING: "row 2"`]);
});

test('snmpset of every type letter, read back with snmpget', { skip }, async () => {
  const cases: [number, string, string, string][] = [
    [1, 'i', '-42', 'INTEGER: -42'],
    [2, 'u', '4000000000', 'Gauge32: 4000000000'],
    [3, 't', '12345', 'Timeticks: (12345) 0:02:03.45'],
    [4, 'a', '192.0.2.9', 'IpAddress: 192.0.2.9'],
    [5, 'o', '.1.3.6.1.4.1.32473', 'OID: .1.3.6.1.4.1.32473'],
    [6, 's', 'hello world', 'STRING: "hello world"'],
    [7, 'x', '01 02 ff', 'Hex-STRING: 01 02 FF'],
    [8, 'd', '1.2.250', 'Hex-STRING: 01 02 FA'],
    [9, 'b', '0 3 9', 'Hex-STRING: 90 40'],
    [10, 'U', '5', 'Opaque: UInt64: 5'],
    [11, 'I', '-5', 'Opaque: Int64: -5'],
    [12, 'F', '1.5', 'Opaque: Float: 1.500000'],
    // net-snmp encodes D as an opaque double (9f 79) and prints it as a Float.
    [13, 'D', '2.5', 'Opaque: Float: 2.500000'],
  ];
  for (const v of ['2c', '1']) {
    for (const [n, letter, value, shown] of cases) {
      const set = await tool('snmpset', [`-v${v}`, '-c', 'private', '-On', `127.0.0.1:${port}`, `${X}.${n}.0`, letter, value]);
      assert.equal(set, `.${X}.${n}.0 = ${shown}`, `set ${letter} v${v}`);
      const get = await tool('snmpget', [`-v${v}`, '-c', 'public', '-On', `127.0.0.1:${port}`, `${X}.${n}.0`]);
      assert.equal(get, `.${X}.${n}.0 = ${shown}`, `get ${letter} v${v}`);
    }
  }
});

test('a set through a read-only community fails: noAccess in v2c, noSuchName in v1', { skip }, async () => {
  const v2 = await tool('snmpset', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.4.0', 's', 'x']);
  assert.match(v2, /Reason: noAccess\nFailed object: \.1\.3\.6\.1\.2\.1\.1\.4\.0/);
  const v1 = await tool('snmpset', ['-v1', '-c', 'public', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.4.0', 's', 'x']);
  assert.match(v1, /Reason: \(noSuchName\)/);
  const ro = await tool('snmpset', ['-v2c', '-c', 'private', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.1.0', 's', 'x']);
  assert.match(ro, /Reason: notWritable/);
  const wrong = await tool('snmpset', ['-v2c', '-c', 'private', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.4.0', 'i', '5']);
  assert.match(wrong, /Reason: wrongType/);
  const v1wrong = await tool('snmpset', ['-v1', '-c', 'private', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.4.0', 'i', '5']);
  assert.match(v1wrong, /Reason: \(badValue\)/);
});

test('a set of two varbinds where one fails changes neither', { skip }, async () => {
  for (const v of ['2c', '1']) {
    const before = await tool('snmpget', [`-v${v}`, '-c', 'public', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.6.0', `${EXAMPLE_MIB}.2.0`]);
    const out = await tool('snmpset', [`-v${v}`, '-c', 'private', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.6.0', 's', 'moved', `${EXAMPLE_MIB}.2.0`, 'i', '1000']);
    assert.match(out, v === '2c' ? /Reason: wrongValue/ : /Reason: \(badValue\)/);
    assert.match(out, new RegExp(`Failed object: \\.${EXAMPLE_MIB.replace(/\./g, '\\.')}\\.2\\.0`));
    const afterGet = await tool('snmpget', [`-v${v}`, '-c', 'public', '-On', `127.0.0.1:${port}`, '1.3.6.1.2.1.1.6.0', `${EXAMPLE_MIB}.2.0`]);
    assert.equal(afterGet, before);
  }
});

test('the limited community sees only its view', { skip }, async () => {
  const all = (await tool('snmpwalk', ['-v2c', '-c', 'limited', '-On', `127.0.0.1:${port}`, '1.3.6.1'])).split('\n');
  // The view ends after sysORLastChange: the walk meets endOfMibView.
  assert.match(all.at(-1)!, /^\.1\.3\.6\.1\.2\.1\.1\.8\.0 = No more variables left in this MIB View/);
  const walk = all.slice(0, -1);
  assert.equal(walk.length, 8, all.join('\n'));
  assert.ok(walk.every((l) => l.startsWith('.1.3.6.1.2.1.1.') && !l.startsWith('.1.3.6.1.2.1.1.9')));
  const get = await tool('snmpget', ['-v2c', '-c', 'limited', '-On', `127.0.0.1:${port}`, `${EXAMPLE_MIB}.1.0`]);
  assert.match(get, /No Such Object/);
  const bulk = (await tool('snmpbulkwalk', ['-v2c', '-c', 'limited', '-Cr7', '-On', `127.0.0.1:${port}`, '1.3.6.1'])).split('\n');
  assert.deepEqual([...new Set(bulk.map((l) => l.split(' = ')[0]))], [...new Set(all.map((l) => l.split(' = ')[0]))]);
  const v1 = (await tool('snmpwalk', ['-v1', '-c', 'limited', '-On', `127.0.0.1:${port}`, '1.3.6.1'])).split('\n');
  assert.deepEqual(v1.at(-1), 'End of MIB', 'v1: noSuchName at the end of the view');
  assert.deepEqual(
    v1.slice(0, -1).map((l) => l.split(' = ')[0]),
    walk.map((l) => l.split(' = ')[0]),
  );
});

test('snmptable reads the example table, v1 and v2c', { skip }, async () => {
  const env = { ...NET_SNMP_ENV, MIBDIRS: fixtures };
  for (const v of ['1', '2c']) {
    const out = await tool('snmptable', [`-v${v}`, '-c', 'public', '-M', fixtures, '-m', 'TSNMP-EXAMPLE-MIB', '-Cf', ',', `127.0.0.1:${port}`, 'TSNMP-EXAMPLE-MIB::exampleTable'], env);
    assert.deepEqual(out.split('\n').slice(2), ['exampleName,exampleValue,exampleMode', '"row 1",100,on', '"row 2",200,on', '"row 3",300,on'], out);
  }
  // A new row through the read-create column, with its name in the same request.
  const created = await tool('snmpset', ['-v2c', '-c', 'private', '-On', `127.0.0.1:${port}`, `${EXAMPLE_MIB}.10.1.4.9`, 'i', '2', `${EXAMPLE_MIB}.10.1.2.9`, 's', 'new']);
  assert.match(created, /INTEGER: 2/);
  const out = await tool('snmptable', ['-v2c', '-c', 'public', '-M', fixtures, '-m', 'TSNMP-EXAMPLE-MIB', '-Cf', ',', `127.0.0.1:${port}`, 'TSNMP-EXAMPLE-MIB::exampleTable'], env);
  assert.equal(out.split('\n').at(-1), '"new",?,off');
});
