/**
 * tsnmp's printed lines against net-snmp's, byte for byte: the fake agent serves a value of
 * every SMI type (and the edge cases net-snmp's printing branches on), and `snmpwalk` /
 * `tsnmp walk` (and the other commands) print them with the same request line.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SMI_VALUES, smiEntries } from '../fixtures/cli/smi-values.js';
import { haveNetSnmpTools } from '../support/snmpd.js';
import { type FakeAgent, startFakeAgent } from './support/fake-agent.js';
import { both, type RunResult, tsnmp } from './support/run.js';

const skip = haveNetSnmpTools() ? false : 'net-snmp tools are not installed';

/** net-snmp names itself in some messages; tsnmp says `tsnmp walk`. */
function sameOutput(net: RunResult, ts: RunResult, what: string): void {
  assert.equal(ts.stdout, net.stdout, `${what}: stdout`);
  assert.equal(ts.stderr.replace(/^tsnmp (\w+):/gm, 'snmp$1:'), net.stderr, `${what}: stderr`);
  assert.equal(ts.status, net.status, `${what}: exit status`);
}

describe('printing every SMI type as net-snmp does', { skip }, () => {
  let agent: FakeAgent;
  let target: string;
  before(async () => {
    agent = await startFakeAgent({ entries: smiEntries() });
    target = `127.0.0.1:${agent.port}`;
  });
  after(() => agent.stop());

  const flagSets = ['-On', '-Onq', '-OnQ', '-Onv', '-Onqv', '-OnvQ', '-Onx', '-Ona', '-Ont', '-OnT', '-Onqt', '-OnQt', '-One', '-OnU', '-Onxq', '-Onaq', '-OnTq', '-OnTx', '-Onqq', '-OnQQ'];
  for (const flags of flagSets) {
    it(`walk ${flags}`, async () => {
      const { net, ts } = await both('walk', ['-v2c', '-c', 'public', flags, target, '.1.3.6.1.4.1.99999.1']);
      assert.equal(net.status, 0, net.stderr);
      assert.ok(net.stdout.split('\n').length > SMI_VALUES.length, 'every value printed');
      sameOutput(net, ts, `walk ${flags}`);
    });
  }

  for (const flags of ['', '-Of', '-Os', '-OS', '-Ou', '-Ob', '-OX', '-Ofq']) {
    it(`OID names without a MIB: ${flags || 'default'}`, async () => {
      const args = ['-v2c', '-c', 'public', ...(flags === '' ? [] : [flags]), target, '.1.3.6.1.4.1.99999.1.19.0', '.1.3.6.1.4.1.99999.1.20.0', '.1.3.6.1.4.1.99999.1.21.0', '.1.3.6.1.4.1.99999.1.5.0'];
      const { net, ts } = await both('get', args);
      assert.match(net.stdout, /iso/);
      sameOutput(net, ts, `get ${flags}`);
    });
  }

  for (const precision of ['+020.12', '.2', '10', '-10.1', '5.3e', '.3g', '#.0']) {
    it(`-Op ${precision}`, async () => {
      const { net, ts } = await both('walk', ['-v2c', '-c', 'public', '-On', '-Op', precision, target, '.1.3.6.1.4.1.99999.1']);
      assert.match(net.stdout, /Opaque: Float: /);
      sameOutput(net, ts, `-Op ${precision}`);
    });
  }

  it('bulkwalk with -Cr7 and -Cn0', async () => {
    const { net, ts } = await both('bulkwalk', ['-v2c', '-c', 'public', '-On', '-Cr7', '-Cn0', target, '.1.3.6.1.4.1.99999.1']);
    assert.equal(net.status, 0);
    sameOutput(net, ts, 'bulkwalk');
  });

  it('bulkwalk -Cp counts the variables', async () => {
    const { net, ts } = await both('bulkwalk', ['-v2c', '-c', 'public', '-On', '-Cp', target, '.1.3.6.1.4.1.99999.1']);
    assert.match(net.stdout, /Variables found: \d+\n$/);
    sameOutput(net, ts, 'bulkwalk -Cp');
  });

  it('getnext and bulkget with non-repeaters and repetitions', async () => {
    const next = await both('getnext', ['-v2c', '-c', 'public', '-On', target, '.1.3.6.1.4.1.99999.1.5', '.1.3.6.1.4.1.99999.1.30', '.1.3.6.1.4.1.99999.1.999']);
    sameOutput(next.net, next.ts, 'getnext');
    const bulk = await both('bulkget', ['-v2c', '-c', 'public', '-On', '-Cn1', '-Cr4', target, '.1.3.6.1.4.1.99999.1.1', '.1.3.6.1.4.1.99999.1.25']);
    assert.equal(bulk.net.stdout.split('\n').length, 1 + 4 + 1);
    sameOutput(bulk.net, bulk.ts, 'bulkget');
  });

  it('bulkget with -Cr0 (an empty answer) and negative -Cr/-Cn (one line saying which value is bad)', async () => {
    for (const flag of ['-Cr0', '-Cr-1', '-Cn-1', '-Cn-2', '-Cr-3']) {
      const { net, ts } = await both('bulkget', ['-v2c', '-c', 'public', '-On', flag, target, '.1.3.6.1.4.1.99999.1.1']);
      if (flag !== '-Cr0') assert.match(net.stderr, /^snmpbulkget: Bad value for (max-repetitions|non-repeaters)\n$/);
      sameOutput(net, ts, `bulkget ${flag}`);
    }
  });

  it('bulkwalk with a negative -Cr/-Cn says which value is bad, as snmpbulkwalk; -Cr0 (which never advances) is refused', async () => {
    for (const flag of ['-Cr-1', '-Cn-1']) {
      const { net, ts } = await both('bulkwalk', ['-v2c', '-c', 'public', '-On', flag, target, '.1.3.6.1.4.1.99999.1']);
      assert.match(net.stderr, /^snmpbulkwalk: Bad value for (max-repetitions|non-repeaters)\n$/);
      sameOutput(net, ts, `bulkwalk ${flag}`);
    }
    const zero = await tsnmp(['bulkwalk', '-v2c', '-c', 'public', '-On', '-Cr0', target, '.1.3.6.1.4.1.99999.1']);
    assert.equal(zero.stdout, '');
    assert.equal(zero.stderr, 'tsnmp bulkwalk: Bad value for max-repetitions: a bulk walk needs at least 1\n');
    assert.equal(zero.status, 1);
  });

  it('exception values: noSuchObject, endOfMibView', async () => {
    const get = await both('get', ['-v2c', '-c', 'public', '-On', target, '.1.3.6.1.4.1.99999.1.5.0', '.1.3.6.1.4.1.99999.1.999.0', '.1.3.6.1.4.1.99999.2']);
    assert.match(get.net.stdout, /No Such Object available on this agent at this OID/);
    sameOutput(get.net, get.ts, 'get');
    const next = await both('getnext', ['-v2c', '-c', 'public', '-On', target, '.1.3.6.1.4.1.99999.9']);
    assert.match(next.net.stdout, /No more variables left in this MIB View/);
    sameOutput(next.net, next.ts, 'getnext past the end');
  });

  it('walks over SNMPv1 end with "End of MIB"', async () => {
    const { net, ts } = await both('walk', ['-v1', '-c', 'public', '-On', target, `.1.3.6.1.4.1.99999.1.${SMI_VALUES.length}`]);
    assert.match(net.stdout, /End of MIB\n$/);
    sameOutput(net, ts, 'walk -v1');
  });
});
