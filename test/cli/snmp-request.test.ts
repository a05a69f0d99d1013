/**
 * snmp-request, seed 004's MIB browser, run as a user would: each request type and each
 * flag, loop and tree modes with the end-of-MIB-view report, the resend counter (an agent
 * that drops the first requests) and the ignore counter (an agent that first sends replies
 * with a wrong request id), -d dumps and the usage errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../support/ports.js';
import { type FakeAgent, startFakeAgent } from './support/fake-agent.js';
import { snmpRequest } from './support/run.js';

function tlv(tag: number, content: number[] | string): string {
  const c = typeof content === 'string' ? Buffer.from(content, 'latin1') : Buffer.from(content);
  return Buffer.concat([Buffer.from([tag, c.length]), c]).toString('hex');
}

const ENTRIES = [
  { oid: '1.3.6.1.2.1.1.1.0', tlv: tlv(0x04, 'test agent') },
  { oid: '1.3.6.1.2.1.1.3.0', tlv: tlv(0x43, [0x01, 0x00]) },
  { oid: '1.3.6.1.2.1.1.5.0', tlv: tlv(0x04, 'router1') },
  { oid: '1.3.6.1.2.1.2.1.0', tlv: tlv(0x02, [2]) },
  { oid: '1.3.6.1.6.3.1.1.6.1.0', tlv: tlv(0x02, [7]) },
];

describe('snmp-request (seed 004)', () => {
  let agent: FakeAgent;
  let port: string;
  before(async () => {
    agent = await startFakeAgent({ entries: ENTRIES });
    port = String(agent.port);
  });
  after(() => agent.stop());

  it('get: one line per variable, version 1 by default', async () => {
    const before = agent.requests.length;
    const r = await snmpRequest(['127.0.0.1', 'public', 'get', '-p', port, '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.3.0']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '.1.3.6.1.2.1.1.5.0 = STRING: "router1"\n.1.3.6.1.2.1.1.3.0 = Timeticks: (256) 0:00:02.56\n');
    assert.equal(agent.requests[before]![4], 0, 'SNMPv1 on the wire');
  });

  it('the agent 0, 0.0.0.0 and localhost mean this host', async () => {
    for (const host of ['0', '0.0.0.0', 'localhost']) {
      const r = await snmpRequest([host, 'public', 'get', `-p${port}`, '1.3.6.1.2.1.1.5.0']);
      assert.equal(r.stdout, '.1.3.6.1.2.1.1.5.0 = STRING: "router1"\n', host);
    }
  });

  it('get of a missing object over v1: the error status, exit 2', async () => {
    const r = await snmpRequest(['0', 'public', 'get', '-p', port, '1.3.6.1.2.1.1.99.0']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^Error: noSuchName \(2\) at variable 1: \.1\.3\.6\.1\.2\.1\.1\.99\.0/);
    const v2 = await snmpRequest(['0', 'public', 'get', '-v', '2c', '-p', port, '1.3.6.1.2.1.1.99.0']);
    assert.equal(v2.stdout, '.1.3.6.1.2.1.1.99.0 = No Such Object available on this agent at this OID\n');
  });

  it('getnext', async () => {
    const r = await snmpRequest(['0', 'public', 'getnext', '-p', port, '1.3.6.1.2.1.1.1.0']);
    assert.equal(r.stdout, '.1.3.6.1.2.1.1.3.0 = Timeticks: (256) 0:00:02.56\n');
  });

  it('getbulk implies 2c and takes -n and -m', async () => {
    const before = agent.requests.length;
    const r = await snmpRequest(['0', 'public', 'getbulk', '-p', port, '-n', '1', '-m', '2', '1.3.6.1.2.1.1.1', '1.3.6.1.2.1.1.3']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, ['.1.3.6.1.2.1.1.1.0 = STRING: "test agent"', '.1.3.6.1.2.1.1.3.0 = Timeticks: (256) 0:00:02.56', '.1.3.6.1.2.1.1.5.0 = STRING: "router1"', ''].join('\n'));
    assert.equal(agent.requests[before]![4], 1, 'SNMPv2c on the wire');
    const v1 = await snmpRequest(['0', 'public', 'getbulk', '-v1', '-p', port, '1.3.6.1.2.1.1.1']);
    assert.equal(v1.status, 1);
    assert.match(v1.stderr, /getbulk needs SNMP version 2c/);
  });

  it('set with data-type words, several groups', async () => {
    // Counter64 is SNMPv2's: the set goes as v2c (in v1 it is refused, below).
    const r = await snmpRequest(['0', 'private', 'set', '-v', '2c', '-p', port, '1.3.6.1.2.1.1.5.0', 'string', 'new name', '1.3.6.1.2.1.2.1.0', 'int', '-5', '1.3.6.1.4.1.1.0', 'ip', '10.0.0.1', '1.3.6.1.4.1.2.0', 'counter64', '5', '1.3.6.1.4.1.3.0', 'hex', '00ff']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '.1.3.6.1.2.1.1.5.0 = STRING: "new name"',
        '.1.3.6.1.2.1.2.1.0 = INTEGER: -5',
        '.1.3.6.1.4.1.1.0 = IpAddress: 10.0.0.1',
        '.1.3.6.1.4.1.2.0 = Counter64: 5',
        '.1.3.6.1.4.1.3.0 = Hex-STRING: 00 FF ',
        '',
      ].join('\n'),
    );
    const v1 = await snmpRequest(['0', 'private', 'set', '-p', port, '1.3.6.1.4.1.2.0', 'counter64', '5']);
    assert.equal(v1.status, 1);
    assert.match(v1.stderr, /A Counter64 value cannot be sent in an SNMPv1 message/);
    const bad = await snmpRequest(['0', 'private', 'set', '-p', port, '1.3.6.1.2.1.1.5.0', 'widget', 'x']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /Unknown data type "widget"/);
    const badValue = await snmpRequest(['0', 'private', 'set', '-p', port, '1.3.6.1.2.1.1.5.0', 'int', 'abc']);
    assert.equal(badValue.status, 1);
    assert.match(badValue.stderr, /Value out of range \(abc\)/);
  });

  it('-l loop mode walks to the end of the MIB view and reports it (v1 and v2c)', async () => {
    for (const v of ['1', '2c']) {
      const r = await snmpRequest(['0', 'public', 'getnext', '-l', '-v', v, '-p', port, '1.3.6.1.2.1.2']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '.1.3.6.1.2.1.2.1.0 = INTEGER: 2\n.1.3.6.1.6.3.1.1.6.1.0 = INTEGER: 7\nend of mib view\n', `v${v}`);
    }
    const bulk = await snmpRequest(['0', 'public', 'getbulk', '-l', '-n', '3', '-m', '9', '-p', port, '1.3.6.1.2.1.2']);
    assert.equal(bulk.stdout, '.1.3.6.1.2.1.2.1.0 = INTEGER: 2\n.1.3.6.1.6.3.1.1.6.1.0 = INTEGER: 7\nend of mib view\n');
  });

  it('-t tree mode stays in the subtree', async () => {
    const r = await snmpRequest(['0', 'public', 'getnext', '-t', '-p', port, '1.3.6.1.2.1.1']);
    assert.equal(r.stdout, ['.1.3.6.1.2.1.1.1.0 = STRING: "test agent"', '.1.3.6.1.2.1.1.3.0 = Timeticks: (256) 0:00:02.56', '.1.3.6.1.2.1.1.5.0 = STRING: "router1"', ''].join('\n'));
    const bulk = await snmpRequest(['0', 'public', 'getbulk', '-t', '-p', port, '1.3.6.1.2.1.1']);
    assert.equal(bulk.stdout, r.stdout);
  });

  it('-l and -t are refused for get and with more than one variable', async () => {
    const a = await snmpRequest(['0', 'public', 'get', '-l', '-p', port, '1.3']);
    assert.equal(a.status, 1);
    assert.match(a.stderr, /valid only with getnext and getbulk/);
    const b = await snmpRequest(['0', 'public', 'getnext', '-t', '-p', port, '1.3', '1.4']);
    assert.match(b.stderr, /exactly one variable/);
  });

  it('-d dumps the packets before the values', async () => {
    const r = await snmpRequest(['0', 'public', 'get', '-d', '-p', port, '1.3.6.1.2.1.1.5.0']);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /Sending 43 bytes to UDP: \[127\.0\.0\.1\]:\d+->\[0\.0\.0\.0\]:\d+\n0000: 30 29 02 01  00 04 06 70  75 62 6C 69  63 A0 1C 02/);
    assert.match(r.stderr, /Received \d+ byte packet from UDP/);
    assert.match(r.stderr, /OCTET STRING "router1"/);
  });

  it('-w is never 0; -v takes 1 or 2c attached or apart; an unknown flag shows the usage', async () => {
    const w = await snmpRequest(['0', 'public', 'get', '-w', '0', '1.3']);
    assert.equal(w.status, 1);
    assert.match(w.stderr, /-w max_wait cannot be 0\nusage: snmp-request/);
    const v = await snmpRequest(['0', 'public', 'get', '-v2C', '-p', port, '1.3.6.1.2.1.1.5.0']);
    assert.equal(v.status, 0, v.stderr);
    const x = await snmpRequest(['0', 'public', 'get', '-x', '1.3']);
    assert.equal(x.status, 1);
    assert.match(x.stderr, /invalid option -- 'x'\nusage: snmp-request/);
    const none = await snmpRequest([]);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /^usage: snmp-request agent "community" request_type/);
  });

  it('-r resends after a timeout (with -s between) and succeeds when the agent wakes up', async () => {
    const sleepy = await startFakeAgent({ entries: ENTRIES, dropFirst: 2 });
    try {
      const r = await snmpRequest(['0', 'public', 'get', '-p', String(sleepy.port), '-w', '0.2', '-r', '3', '-s', '0.05', '1.3.6.1.2.1.1.5.0']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '.1.3.6.1.2.1.1.5.0 = STRING: "router1"\n');
      assert.equal((r.stderr.match(/resending/g) ?? []).length, 2);
      assert.equal(sleepy.requests.length, 3);
    } finally {
      await sleepy.stop();
    }
  });

  it('-r runs out: Timeout after 1 + max_retries sends; without -r nothing is resent', async () => {
    const dead = await startFakeAgent({ entries: ENTRIES, drop: true });
    try {
      const r = await snmpRequest(['0', 'public', 'get', '-p', String(dead.port), '-w', '0.1', '-r', '2', '-s', '0.01', '1.3']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /Timeout: No Response from udp:127\.0\.0\.1:\d+\.\n$/);
      assert.equal(dead.requests.length, 3);
      const once = await snmpRequest(['0', 'public', 'get', '-p', String(dead.port), '-w', '0.1', '1.3']);
      assert.equal(once.status, 1);
      assert.equal(dead.requests.length, 4);
    } finally {
      await dead.stop();
    }
  });

  it('-i listens again after invalid replies; with too few ignores the request fails', async () => {
    const noisy = await startFakeAgent({ entries: ENTRIES, invalidBefore: 2 });
    try {
      const ok = await snmpRequest(['0', 'public', 'get', '-p', String(noisy.port), '-i', '2', '-s', '0.01', '1.3.6.1.2.1.1.5.0']);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout, '.1.3.6.1.2.1.1.5.0 = STRING: "router1"\n');
      assert.equal((ok.stderr.match(/ignored invalid reply \(request id/g) ?? []).length, 2);
      const fail = await snmpRequest(['0', 'public', 'get', '-p', String(noisy.port), '-i', '1', '-s', '0.01', '1.3.6.1.2.1.1.5.0']);
      assert.equal(fail.status, 1);
      assert.match(fail.stderr, /Invalid reply \(request id \d+ instead of \d+\)/);
    } finally {
      await noisy.stop();
    }
  });

  it('-i: a reply of another SNMP version is invalid too; a negative -i wraps to unsigned', async () => {
    const other = await startFakeAgent({ entries: ENTRIES, answerVersion: 1 });
    try {
      const r = await snmpRequest(['0', 'public', 'get', '-p', String(other.port), '-w', '0.3', '-i', '-1', '-s', '0.01', '1.3.6.1.2.1.1.5.0']);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /ignored invalid reply \(SNMP version 2c instead of 1\); 4294967294 ignores left/);
      assert.match(r.stderr, /Timeout/);
    } finally {
      await other.stop();
    }
  });

  it('an unknown host', async () => {
    const r = await snmpRequest(['nosuchhost.invalid', 'public', 'get', '1.3']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'snmp-request: Unknown host (nosuchhost.invalid)\n');
  });

  it('-p to a port nobody listens on times out after -w', async () => {
    const p = await freePort();
    const r = await snmpRequest(['0', 'public', 'get', '-p', String(p), '-w', '0.2', '1.3']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `Timeout: No Response from udp:127.0.0.1:${p}.\n`);
  });
});
