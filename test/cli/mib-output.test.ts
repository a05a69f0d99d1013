/**
 * With MIB modules loaded (-M/-m, MIBS/MIBDIRS): names, decoded indexes, enumerations,
 * DISPLAY-HINTs and tables, compared with net-snmp's tools reading the same MIB files
 * (the IETF modules in test/fixtures/cli/mibs) against net-snmp's snmpd.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { decodeBerTree } from '../../src/ber/tree.js';
import { haveNetSnmpTools, NET_SNMP_ENV, type SnmpdHandle, snmpdPath, startSnmpd } from '../support/snmpd.js';
import { type FakeAgent, startFakeAgent } from './support/fake-agent.js';
import { netSnmp, run, type RunResult, tsnmp } from './support/run.js';

const skip = haveNetSnmpTools() && snmpdPath() !== undefined ? false : 'net-snmp (snmpd and tools) is not installed';
const MIB_DIR = fileURLToPath(new URL('../../../test/fixtures/cli/mibs', import.meta.url));
const ENV = { ...NET_SNMP_ENV, MIBDIRS: MIB_DIR, MIBS: 'SNMPv2-MIB:IF-MIB', TSNMP_MIB_CACHE: '' };

function same(net: RunResult, ts: RunResult, what: string): void {
  assert.equal(ts.stdout, net.stdout, `${what}: stdout (tsnmp's stderr: ${ts.stderr})`);
  assert.equal(ts.stderr.replace(/^tsnmp (\w+):/gm, 'snmp$1:'), net.stderr, `${what}: stderr`);
  assert.equal(ts.status, net.status, `${what}: status`);
}

async function both(cmd: string, args: string[]): Promise<{ net: RunResult; ts: RunResult }> {
  const [net, ts] = await Promise.all([netSnmp(cmd, args, { env: ENV }), tsnmp([cmd, ...args], { env: ENV })]);
  return { net, ts };
}

describe('output with MIBs loaded, as net-snmp prints it', { skip }, () => {
  let snmpd: SnmpdHandle;
  let agent: string;
  before(async () => {
    snmpd = await startSnmpd({ allDomains: false, config: ['sysContact admin@example.com', 'sysLocation lab'] });
    agent = `udp:127.0.0.1:${snmpd.port}`;
  });
  after(() => snmpd.stop());

  for (const flags of [[], ['-Os'], ['-Of'], ['-Ou'], ['-Ob'], ['-OX'], ['-Oq'], ['-OQ'], ['-Ov'], ['-Oe'], ['-Ox'], ['-OT'], ['-On'], ['-OS']]) {
    it(`walks of static objects ${flags.join(' ') || '(default)'}`, async () => {
      // sysORTable, interface names, types (enumerations), MTUs, MAC addresses (DISPLAY-HINT), admin status.
      for (const root of ['sysORTable', 'IF-MIB::ifDescr', 'ifType', 'ifMtu', 'ifPhysAddress', 'ifAdminStatus', 'sysObjectID']) {
        const { net, ts } = await both('walk', ['-v2c', '-c', 'public', ...flags, agent, root]);
        assert.equal(net.status, 0, net.stderr);
        same(net, ts, `walk ${flags.join(' ')} ${root}`);
      }
    });
  }

  it('get by name: module::name, bare names, full paths, indexes', async () => {
    const { net, ts } = await both('get', ['-v2c', '-c', 'public', agent, 'sysDescr.0', 'SNMPv2-MIB::sysContact.0', '.iso.org.dod.internet.mgmt.mib-2.system.sysLocation.0', 'IF-MIB::ifDescr.1', 'ifType.1', 'sysORID.1']);
    assert.match(net.stdout, /SNMPv2-MIB::sysContact\.0 = STRING: admin@example\.com|SNMPv2-MIB::sysContact\.0 = STRING: "admin@example\.com"/);
    same(net, ts, 'get by name');
  });

  it('unknown names: the same message and status', async () => {
    for (const name of ['sysFoo.0', 'IF-MIB::ifNothing.1']) {
      const { net, ts } = await both('get', ['-v2c', '-c', 'public', agent, name]);
      assert.equal(net.status, 1);
      same(net, ts, name);
    }
  });

  it('table by name with MIB labels: sysORTable, plain and brief, with the index', async () => {
    for (const layout of [[], ['-Cb'], ['-Ci'], ['-Cf', ','], ['-Cl', '-Ci']]) {
      const { net, ts } = await both('table', ['-v2c', '-c', 'public', ...layout, agent, 'sysORTable']);
      assert.match(net.stdout, /^SNMP table: SNMPv2-MIB::sysORTable\n/);
      same(net, ts, `table ${layout.join(' ')}`);
    }
  });

  it('set by name prints the named result', async () => {
    const { net, ts } = await both('set', ['-v2c', '-c', 'private', agent, 'sysName.0', 's', 'mib-test']);
    assert.equal(net.stdout, 'SNMPv2-MIB::sysName.0 = STRING: mib-test\n');
    same(net, ts, 'set');
  });

  it('a module named in a name and not in the module list is loaded from the search path, or reported as net-snmp reports it', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'tsnmp-mibs-empty-'));
    const { MIBS: _unset, ...defaultList } = NET_SNMP_ENV;
    try {
      const cases: [NodeJS.ProcessEnv, string, string[], RegExp][] = [
        // No module list and no directory: snmpget's "Cannot find module", no request sent.
        [{ ...NET_SNMP_ENV, MIBS: '', MIBDIRS: '/nonexistent' }, 'get', ['SNMPv2-MIB::sysDescr.0'], /^MIB search path: \/nonexistent\nCannot find module \(SNMPv2-MIB\): At line 0 in \(none\)\nSNMPv2-MIB::sysDescr\.0: Unknown Object Identifier\n$/],
        // net-snmp's default list, its modules missing (skipped quietly): the same.
        [{ ...defaultList, MIBDIRS: '/nonexistent' }, 'get', ['SNMPv2-MIB::sysDescr.0'], /^MIB search path: \/nonexistent\nCannot find module \(SNMPv2-MIB\)/],
        // Every name is read and reported; a module is not reported twice in a row; the path once, in
        // net-snmp's order; an empty directory: line 0.
        [{ ...NET_SNMP_ENV, MIBS: '', MIBDIRS: `/nonexistent:${empty}` }, 'get', ['NOPE-MIB::a.0', 'NOPE-MIB::b.0', '.1.3.6.1.2.1.1.4.0', 'OTHER-MIB::c.0', 'NOPE-MIB::d.0', 'bad.0'], /^MIB search path: \/nonexistent:.*\nCannot find module \(NOPE-MIB\): At line 0 in \(none\)\nNOPE-MIB::a\.0: Unknown Object Identifier\nNOPE-MIB::b\.0: Unknown/],
        // The module list's own missing module, then the same module asked for by name.
        [{ ...NET_SNMP_ENV, MIBS: 'NOPE-MIB', MIBDIRS: '/nonexistent' }, 'get', ['NOPE-MIB::a.0'], /^MIB search path: \/nonexistent\nCannot find module \(NOPE-MIB\): At line 0 in \(none\)\nNOPE-MIB::a\.0: Unknown Object Identifier\n$/],
        // No module list, the module found in MIBDIRS: loaded for the name, and output named by it.
        [{ ...NET_SNMP_ENV, MIBS: '', MIBDIRS: MIB_DIR }, 'get', ['SNMPv2-MIB::sysContact.0', 'sysLocation.0'], /^$/],
        [{ ...NET_SNMP_ENV, MIBS: '', MIBDIRS: MIB_DIR }, 'walk', ['SNMPv2-MIB::sysORTable'], /^$/],
        [{ ...NET_SNMP_ENV, MIBS: '', MIBDIRS: MIB_DIR }, 'table', ['SNMPv2-MIB::sysORTable'], /^$/],
      ];
      for (const [env, cmd, names, stderr] of cases) {
        const args = ['-v2c', '-c', 'public', agent, ...names];
        const [net, ts] = await Promise.all([netSnmp(cmd, args, { env }), tsnmp([cmd, ...args], { env: { ...env, TSNMP_MIB_CACHE: '' } })]);
        const what = `${env.MIBS ?? '(default list)'} ${env.MIBDIRS} ${cmd} ${names.join(' ')}`;
        assert.match(net.stderr, stderr, what);
        if (net.status === 0) assert.match(net.stdout, /^SNMPv2-MIB::sys|^SNMP table: SNMPv2-MIB::sysORTable/, what);
        same(net, ts, what);
      }
      // snmptranslate stops at the first name; the same lines.
      for (const env of [{ ...NET_SNMP_ENV, MIBS: '', MIBDIRS: '/nonexistent' }, { ...NET_SNMP_ENV, MIBS: 'NOPE-MIB', MIBDIRS: '/nonexistent' }]) {
        const [net, ts] = await Promise.all([run('snmptranslate', ['NOPE-MIB::a.0', 'SNMPv2-MIB::sysDescr.0'], { env }), tsnmp(['translate', 'NOPE-MIB::a.0', 'SNMPv2-MIB::sysDescr.0'], { env: { ...env, TSNMP_MIB_CACHE: '' } })]);
        assert.match(net.stderr, /Cannot find module \(NOPE-MIB\): At line 0 in \(none\)\nNOPE-MIB::a\.0: Unknown Object Identifier\n$/);
        same(net, ts, `translate with MIBS=${env.MIBS}`);
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('set with MIBs: type checks, the = type, enumeration labels, ranges, sizes and DISPLAY-HINT input', async () => {
    const env = { ...ENV, MIBS: 'SNMPv2-MIB:IF-MIB:TSNMP-TEST-MIB' };
    const netSink: FakeAgent = await startFakeAgent({ entries: [], drop: true });
    const tsSink: FakeAgent = await startFakeAgent({ entries: [], drop: true });
    const list = (m: Uint8Array | undefined): string => (m === undefined ? '' : Buffer.from(decodeBerTree(m)[0]!.children![2]!.children![3]!.bytes).toString('hex'));
    try {
      const cases = [
        ['sysContact.0', 'i', '1'],
        ['sysContact.0', 'u', '1'],
        ['sysContact.0', 'b', '1'],
        ['sysContact.0', '=', 'hello'],
        ['sysContact.0', 's', 'x'.repeat(300)],
        ['sysServices.0', 'i', '200'],
        ['sysServices.0', '=', '72'],
        ['sysORID.1', 's', 'x'],
        ['sysORID.1', '=', 'sysName.0'],
        ['ifAdminStatus.1', 'i', 'up'],
        ['ifAdminStatus.1', 'i', 'bogus'],
        ['ifAdminStatus.1', '=', 'down'],
        ['ifSpeed.1', 'i', '5'],
        ['ifSpeed.1', '=', '5'],
        ['sysUpTime.0', '=', '5'],
        ['ifPhysAddress.1', 's', 'aa:bb:cc:dd:ee:ff'],
        ['ifPhysAddress.1', 's', 'zz'],
        ['ifInOctets.1', 'u', '5'],
        ['ifInOctets.1', '=', '5'],
        ['ifIndex.1', 'i', '0'],
        ['testCode.0', 's', 'abc'],
        ['testCode.0', 'x', '0a0b0c'],
        ['testLevel.0', 'i', '15'],
        ['testLevel.0', 'i', '20'],
        ['testState.0', '=', 'off'],
        ['.1.3.6.1.4.1.9.0', '=', '5'],
      ] as const;
      for (const [oid, type, value] of cases) {
        const n0 = netSink.requests.length;
        const t0 = tsSink.requests.length;
        const common = ['-v2c', '-c', 'private', '-r', '0', '-t', '0.1'];
        const [net, ts] = await Promise.all([
          netSnmp('set', [...common, `127.0.0.1:${netSink.port}`, oid, type, value], { env }),
          tsnmp(['set', ...common, `127.0.0.1:${tsSink.port}`, oid, type, value], { env }),
        ]);
        const what = `${oid} ${type} ${value.slice(0, 20)}`;
        const first = (r: RunResult): string => r.stderr.split('\n')[0]!.replace(/127\.0\.0\.1:\d+/, 'AGENT');
        assert.equal(first(ts), first(net), `${what}: message`);
        assert.equal(ts.status, net.status, `${what}: status`);
        assert.equal(list(tsSink.requests[t0]), list(netSink.requests[n0]), `${what}: octets sent`);
      }
    } finally {
      await netSink.stop();
      await tsSink.stop();
    }
  });
});
