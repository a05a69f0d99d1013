/**
 * tsnmp's query commands against net-snmp's snmpd, compared line for line with net-snmp's
 * own commands on the same request line: walks of static subtrees, gets, SNMPv1 errors and
 * the "fix and retry" of snmpget, End of MIB, set errors, timeouts, unknown hosts, bad
 * OIDs and bad set values, and exit statuses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../support/ports.js';
import { haveNetSnmpTools, type SnmpdHandle, snmpdPath, startSnmpd } from '../support/snmpd.js';
import { both, type RunResult, tsnmp } from './support/run.js';

const skip = haveNetSnmpTools() && snmpdPath() !== undefined ? false : 'net-snmp (snmpd and tools) is not installed';

function sameOutput(net: RunResult, ts: RunResult, what: string): void {
  assert.equal(ts.stdout, net.stdout, `${what}: stdout`);
  assert.equal(ts.stderr.replace(/^tsnmp (\w+):/gm, 'snmp$1:'), net.stderr, `${what}: stderr`);
  assert.equal(ts.status, net.status, `${what}: exit status`);
}

describe('tsnmp against net-snmp snmpd, same output as net-snmp', { skip }, () => {
  let snmpd: SnmpdHandle;
  let udp: string;
  before(async () => {
    snmpd = await startSnmpd({ config: ['sysContact admin@example.com', 'sysLocation lab'] });
    udp = `udp:127.0.0.1:${snmpd.port}`;
  });
  after(() => snmpd.stop());

  const staticWalks = ['.1.3.6.1.2.1.1.9', '.1.3.6.1.6.3.16.1.5.2.1.6', '.1.3.6.1.2.1.1.4', '.1.3.6.1.2.1.1.99', '.1.3.6.1.2.1.1.1.0', '.1.3.6.1.6.3.99'];
  for (const version of ['1', '2c']) {
    for (const root of staticWalks) {
      it(`walk -v${version} ${root}`, async () => {
        const { net, ts } = await both('walk', [`-v${version}`, '-c', 'public', '-On', udp, root]);
        sameOutput(net, ts, 'walk');
      });
    }
  }
  for (const root of staticWalks) {
    it(`bulkwalk ${root}`, async () => {
      const { net, ts } = await both('bulkwalk', ['-v2c', '-c', 'public', '-On', udp, root]);
      sameOutput(net, ts, 'bulkwalk');
    });
  }

  it('bulkwalk --parallel prints what snmpbulkwalk prints (static subtrees, small and large max-repetitions)', async () => {
    // sysORTable's columns (split into ranges), the snmp-target groups, the empty and leaf cases.
    for (const root of [...staticWalks, '.1.3.6.1.2.1.1.9.1', '.1.3.6.1.6.3.16.1']) {
      for (const reps of ['-Cr2', '-Cr25']) {
        const { net, ts } = await both('bulkwalk', ['-v2c', '-c', 'public', '-On', reps, udp, root], ['--parallel', '3']);
        sameOutput(net, ts, `bulkwalk --parallel 3 ${reps} ${root}`);
      }
    }
    const bad = await tsnmp(['bulkwalk', '-v2c', '-c', 'public', '--parallel', '0', udp]);
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, 'tsnmp bulkwalk: Bad value for --parallel: 0 (1 to 64)\n');
  });

  it('walk -Ci, -CI, -Cp, -Cc, -CE', async () => {
    for (const args of [['-Ci'], ['-CI'], ['-Cp'], ['-Cc'], ['-CE', '.1.3.6.1.2.1.1.9.1.3.3'], ['-Cp', '-CE', '1.3.6.1.2.1.1.9.1.2.5']]) {
      const root = args[0] === '-Ci' || args[0] === '-CI' ? '.1.3.6.1.2.1.1.4.0' : '.1.3.6.1.2.1.1.9';
      const { net, ts } = await both('walk', ['-v2c', '-c', 'public', '-On', ...args, udp, root]);
      sameOutput(net, ts, `walk ${args.join(' ')}`);
    }
  });

  it('get and getnext of several objects, also over tcp and udp6', async () => {
    const oids = ['.1.3.6.1.2.1.1.4.0', '.1.3.6.1.2.1.1.6.0', '.1.3.6.1.2.1.1.99.0', '.1.3.6.1.2.1.1.4.1'];
    for (const agent of [udp, `tcp:127.0.0.1:${snmpd.port}`, `udp6:[::1]:${snmpd.port}`]) {
      const g = await both('get', ['-v2c', '-c', 'public', '-On', agent, ...oids]);
      assert.match(g.net.stdout, /No Such Instance currently exists at this OID/);
      sameOutput(g.net, g.ts, `get ${agent}`);
      const n = await both('getnext', ['-v2c', '-c', 'public', '-On', agent, ...oids]);
      sameOutput(n.net, n.ts, `getnext ${agent}`);
    }
  });

  it('SNMPv1 noSuchName: Error in packet, the failed object, the retry without it, status 2', async () => {
    const a = await both('get', ['-v1', '-c', 'public', '-On', udp, '.1.3.6.1.2.1.1.4.0', '.1.3.6.1.2.1.1.99.0', '.1.3.6.1.2.1.1.6.0']);
    assert.equal(a.net.status, 2);
    assert.match(a.net.stderr, /^Error in packet\nReason: \(noSuchName\) There is no such variable name in this MIB\.\nFailed object: \.1\.3\.6\.1\.2\.1\.1\.99\.0\n/);
    sameOutput(a.net, a.ts, 'get -v1');
    const b = await both('get', ['-v1', '-c', 'public', '-On', '-Cf', udp, '.1.3.6.1.2.1.1.4.0', '.1.3.6.1.2.1.1.99.0']);
    assert.equal(b.net.stdout, '');
    sameOutput(b.net, b.ts, 'get -v1 -Cf');
    const c = await both('getnext', ['-v1', '-c', 'public', '-On', udp, '.1.3.6.1.6.3.99']);
    sameOutput(c.net, c.ts, 'getnext -v1 past the end');
  });

  it('End of MIB on an SNMPv1 walk past the last object', async () => {
    const { net, ts } = await both('walk', ['-v1', '-c', 'public', '-On', udp, '.1.3.6.1.6.3.16.1.5.2.1.6']);
    assert.match(net.stdout, /End of MIB\n$/);
    sameOutput(net, ts, 'walk -v1');
  });

  it('set: success, notWritable, wrongType, noAccess with a read-only community', async () => {
    const ok = await both('set', ['-v2c', '-c', 'private', '-On', udp, '.1.3.6.1.2.1.1.5.0', 's', 'tsnmp-test']);
    assert.equal(ok.net.stdout, '.1.3.6.1.2.1.1.5.0 = STRING: "tsnmp-test"\n');
    sameOutput(ok.net, ok.ts, 'set');
    for (const [community, oid, type, value] of [
      ['private', '.1.3.6.1.2.1.1.1.0', 's', 'x'],
      ['private', '.1.3.6.1.2.1.1.5.0', 'i', '5'],
      ['public', '.1.3.6.1.2.1.1.5.0', 's', 'x'],
    ] as const) {
      const r = await both('set', ['-v2c', '-c', community, '-On', udp, oid, type, value]);
      assert.equal(r.net.status, 2);
      assert.match(r.net.stderr, /^Error in packet\.\nReason: /);
      sameOutput(r.net, r.ts, `set ${community} ${oid} ${type}`);
    }
    const v1 = await both('set', ['-v1', '-c', 'private', '-On', udp, '.1.3.6.1.2.1.1.5.0', 'i', '5']);
    sameOutput(v1.net, v1.ts, 'set -v1 badValue');
  });

  it('timeouts: the message with and without the period, status 1', async () => {
    const port = await freePort();
    for (const cmd of ['get', 'getnext', 'walk', 'bulkwalk', 'bulkget']) {
      const r = await both(cmd, ['-v2c', '-c', 'public', '-r', '0', '-t', '0.2', `127.0.0.1:${port}`, '.1.3.6.1.2.1.1']);
      assert.match(r.net.stderr, /^Timeout: No Response from 127\.0\.0\.1:\d+\.?\n$/);
      sameOutput(r.net, r.ts, `${cmd} timeout`);
    }
    const s = await both('set', ['-v2c', '-c', 'private', '-r', '1', '-t', '0.2', `udp:127.0.0.1:${port}`, '.1.3.6.1.2.1.1.5.0', 's', 'x']);
    sameOutput(s.net, s.ts, 'set timeout');
  });

  it('usage problems and bad input: same message and status as net-snmp', async () => {
    const cases: [string, string[]][] = [
      ['get', ['-v2c', '-c', 'public', '-On', udp, '1.3.6.x']],
      ['get', ['-v2c', '-c', 'public', '-On', udp, 'foo.0']],
      ['get', ['-v2c', '-c', 'public', '-Cx', udp, '.1.3']],
      ['walk', ['-v2c', '-c', 'public', '-Cr5', udp]],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 's']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'q', '1']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'i', 'abc']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'i', '']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'a', '1.2.3.4.5']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'x', '0a:0b']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'd', '1.2.300']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'o', '1.3.x']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'F', 'abc']],
      ['set', ['-v2c', '-c', 'private', udp, '.1.3.6.1.2.1.1.5.0', 'i', '-1', '-On']],
    ];
    for (const [cmd, args] of cases) {
      const { net, ts } = await both(cmd, args);
      assert.equal(ts.stdout, net.stdout, `${cmd} ${args.join(' ')}: stdout`);
      assert.equal(ts.status, net.status, `${cmd} ${args.join(' ')}: status`);
      // The first line is the message; net-snmp's usage text that may follow is its own.
      assert.equal(ts.stderr.split('\n')[0]!.replace(/^tsnmp (\w+):/, 'snmp$1:'), net.stderr.split('\n')[0], `${cmd} ${args.join(' ')}: message`);
    }
  });

  it('unknown hosts and bad addresses: status 1 and an Unknown host message', async () => {
    for (const agent of ['nosuchhost.invalid', 'udp:127.0.0.1:99999', 'foo:127.0.0.1:1']) {
      const { net, ts } = await both('get', ['-v2c', '-c', 'public', '-r', '0', '-t', '0.2', agent, '.1.3.6.1.2.1.1.5.0']);
      assert.equal(net.status, 1);
      assert.equal(ts.status, 1);
      assert.match(ts.stderr, new RegExp(`^tsnmp get: Unknown host \\(${agent.replace(/[.:]/g, '\\$&')}\\)`));
    }
    // A refused TCP connection: net-snmp says "Unknown host (...) (Connection refused)".
    const port = await freePort();
    const { net, ts } = await both('get', ['-v2c', '-c', 'public', '-r', '0', '-t', '0.5', `tcp:127.0.0.1:${port}`, '.1.3.6.1.2.1.1.5.0']);
    sameOutput(net, ts, 'tcp connection refused');
  });

  it('-d dumps the packets sent and received (their bytes and their BER structure)', async () => {
    const r = await tsnmp(['get', '-d', '-v2c', '-c', 'public', '-On', udp, '.1.3.6.1.2.1.1.5.0']);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /^\nSending 43 bytes to UDP: \[127\.0\.0\.1\]:\d+->\[0\.0\.0\.0\]:\d+\n0000: 30 29 02 01  01 04 06 70  75 62 6C 69  63 A0 1C 02    0\)\.\.\.\.\.public\.\.\.\n/);
    assert.match(r.stderr, /\nReceived \d+ byte packet from UDP: \[127\.0\.0\.1\]:\d+->/);
    assert.match(r.stderr, /GetRequest-PDU/);
    assert.match(r.stderr, /Response-PDU/);
    assert.match(r.stderr, /OBJECT IDENTIFIER 1\.3\.6\.1\.2\.1\.1\.5\.0/);
    assert.match(r.stdout, /^\.1\.3\.6\.1\.2\.1\.1\.5\.0 = STRING: /);
  });
});
