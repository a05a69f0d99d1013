/**
 * `tsnmp agent` as a user runs it: the embedded default (queried with net-snmp's tools),
 * SIGTERM and SIGINT stopping it with its state saved (and read back at the next start),
 * `-c` with a valid snmpd.conf subset (checked with net-snmp's tools), broken
 * configurations refused with file and line, and `--snmprec` serving what `tsnmp record`
 * recorded from net-snmp's snmpd.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../support/ports.js';
import { haveNetSnmpTools, snmpdPath, startSnmpd } from '../support/snmpd.js';
import { startAgent } from './support/agent-process.js';
import { run, tsnmp } from './support/run.js';

const skip = haveNetSnmpTools() ? false : 'net-snmp tools are not installed';

function snmp(tool: string, args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return run(tool, args);
}

describe('tsnmp agent', { skip }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-agent-cmd-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the embedded default: public reads, private writes, the example MIB; SIGTERM saves the state', async () => {
    const port = await freePort();
    const state = path.join(dir, 'default-state');
    const addr = `udp:127.0.0.1:${port}`;
    const a = await startAgent(['--state', state, addr]);
    try {
      assert.match(a.stderr(), new RegExp(`listening on udp:127\\.0\\.0\\.1:${port} \\(communities public: read-only, private: read-write\\)`));
      const descr = await snmp('snmpget', ['-v2c', '-c', 'public', '-On', addr, '.1.3.6.1.2.1.1.1.0', '.1.3.6.1.4.1.32473.1.1.0']);
      assert.match(descr.stdout, /^\.1\.3\.6\.1\.2\.1\.1\.1\.0 = STRING: "tsnmp agent on Node\.js v\d+/);
      assert.match(descr.stdout, /\.1\.3\.6\.1\.4\.1\.32473\.1\.1\.0 = STRING: "tsnmp example MIB"\n$/);
      const walk = await snmp('snmpwalk', ['-v2c', '-c', 'public', '-On', addr, '.1.3.6.1.4.1.32473.1.10']);
      assert.match(walk.stdout, /\.1\.3\.6\.1\.4\.1\.32473\.1\.10\.1\.2\.1 = STRING: "row 1"/);
      const denied = await snmp('snmpset', ['-v2c', '-c', 'public', '-On', addr, '.1.3.6.1.4.1.32473.1.2.0', 'i', '77']);
      assert.equal(denied.status, 2);
      const set = await snmp('snmpset', ['-v2c', '-c', 'private', '-On', addr, '.1.3.6.1.4.1.32473.1.2.0', 'i', '77']);
      assert.equal(set.stdout, '.1.3.6.1.4.1.32473.1.2.0 = INTEGER: 77\n');
      const wrong = await snmp('snmpget', ['-v2c', '-c', 'secret', '-r', '0', '-t', '0.3', addr, '.1.3.6.1.2.1.1.1.0']);
      assert.equal(wrong.status, 1, 'an unknown community gets no answer');
    } finally {
      const { code, stderr } = await a.stop('SIGTERM');
      assert.equal(code, 0);
      assert.match(stderr, new RegExp(`stopped; state saved in ${state.replace(/[.]/g, '\\.')}\n$`));
    }
    assert.ok(existsSync(state));
    // The next start reads the state back: the persistent value survives, SIGINT stops it too.
    const b = await startAgent(['--state', state, addr]);
    try {
      const get = await snmp('snmpget', ['-v2c', '-c', 'public', '-On', addr, '.1.3.6.1.4.1.32473.1.2.0']);
      assert.equal(get.stdout, '.1.3.6.1.4.1.32473.1.2.0 = INTEGER: 77\n');
    } finally {
      const { code, stderr } = await b.stop('SIGINT');
      assert.equal(code, 0, stderr);
    }
  });

  it('-c FILE: agentaddress, communities with source and view, VACM lines, system values, overrides', async () => {
    const port = await freePort();
    const conf = path.join(dir, 'snmpd.conf');
    writeFileSync(
      conf,
      [
        '# a configuration as admins write them',
        `agentaddress udp:127.0.0.1:${port},udp6:[::1]:${port}`,
        'rocommunity public default',
        'rocommunity sysonly 127.0.0.1 .1.3.6.1.2.1.1',
        'rocommunity elsewhere 10.0.0.0/8',
        'view systemview included .1.3.6.1.2.1.1',
        'view systemview excluded .1.3.6.1.2.1.1.9',
        'rwcommunity private 127.0.0.1/32 -V systemview',
        'com2sec fromhere 127.0.0.0/255.0.0.0 vacmcommunity',
        'group vacmgroup v2c fromhere',
        'view all included .1',
        'access vacmgroup "" any noauth exact all none none',
        'sysDescr A test agent, configured',
        'sysContact ops@example.com',
        'sysName test-agent',
        'sysLocation "Rack 4"',
        'sysServices 72',
        'sysObjectID .1.3.6.1.4.1.99999.42',
        'override .1.3.6.1.4.1.99999.1.0 integer 42',
        'override -rw .1.3.6.1.4.1.99999.2.0 octet_str "hello world"',
        'override .1.3.6.1.4.1.99999.3.0 uinteger 7',
        'override .1.3.6.1.4.1.99999.4.0 object_id .1.3.6.1',
        'override .1.3.6.1.4.1.99999.5.0 counter 9',
        '',
      ].join('\n'),
    );
    const addr = `udp:127.0.0.1:${port}`;
    const a = await startAgent(['--no-state', '-c', conf]);
    try {
      assert.match(a.stderr(), new RegExp(`listening on udp:127\\.0\\.0\\.1:${port}, udp6:\\[::1\\]:${port}\\n`));
      const sys = await snmp('snmpget', ['-v2c', '-c', 'public', '-On', addr, '.1.3.6.1.2.1.1.1.0', '.1.3.6.1.2.1.1.2.0', '.1.3.6.1.2.1.1.4.0', '.1.3.6.1.2.1.1.5.0', '.1.3.6.1.2.1.1.6.0', '.1.3.6.1.2.1.1.7.0']);
      assert.equal(
        sys.stdout,
        [
          '.1.3.6.1.2.1.1.1.0 = STRING: "A test agent, configured"',
          '.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.99999.42',
          '.1.3.6.1.2.1.1.4.0 = STRING: "ops@example.com"',
          '.1.3.6.1.2.1.1.5.0 = STRING: "test-agent"',
          '.1.3.6.1.2.1.1.6.0 = STRING: "\\"Rack 4\\""',
          '.1.3.6.1.2.1.1.7.0 = INTEGER: 72',
          '',
        ].join('\n'),
      );
      const over = await snmp('snmpwalk', ['-v2c', '-c', 'public', '-On', addr, '.1.3.6.1.4.1.99999']);
      assert.equal(
        over.stdout,
        [
          '.1.3.6.1.4.1.99999.1.0 = INTEGER: 42',
          '.1.3.6.1.4.1.99999.2.0 = STRING: "hello world"',
          '.1.3.6.1.4.1.99999.3.0 = Gauge32: 7',
          '.1.3.6.1.4.1.99999.4.0 = OID: .1.3.6.1',
          '.1.3.6.1.4.1.99999.5.0 = Counter32: 9',
          // the end of the agent's MIB view, which snmpwalk prints
          '.1.3.6.1.4.1.99999.5.0 = No more variables left in this MIB View (It is past the end of the MIB tree)',
          '',
        ].join('\n'),
      );
      // The community restricted to the system subtree sees nothing else.
      const sysonly = await snmp('snmpget', ['-v2c', '-c', 'sysonly', '-On', addr, '.1.3.6.1.2.1.1.5.0', '.1.3.6.1.4.1.99999.1.0']);
      assert.equal(sysonly.stdout, '.1.3.6.1.2.1.1.5.0 = STRING: "test-agent"\n.1.3.6.1.4.1.99999.1.0 = No Such Object available on this agent at this OID\n');
      // A community only allowed from 10.0.0.0/8 gets no answer from 127.0.0.1.
      const elsewhere = await snmp('snmpget', ['-v2c', '-c', 'elsewhere', '-r', '0', '-t', '0.3', addr, '.1.3.6.1.2.1.1.5.0']);
      assert.equal(elsewhere.status, 1);
      assert.match(elsewhere.stderr, /^Timeout/);
      // The read-write community writes in its view (minus the excluded sysORTable)…
      const set = await snmp('snmpset', ['-v2c', '-c', 'private', '-On', addr, '.1.3.6.1.2.1.1.5.0', 's', 'renamed']);
      assert.equal(set.stdout, '.1.3.6.1.2.1.1.5.0 = STRING: "renamed"\n');
      const hidden = await snmp('snmpwalk', ['-v2c', '-c', 'private', '-On', addr, '.1.3.6.1.2.1.1.9']);
      assert.doesNotMatch(hidden.stdout, /\.1\.3\.6\.1\.2\.1\.1\.9\.1/);
      // …and the -rw override takes a Set; the read-only override does not.
      const rw = await snmp('snmpset', ['-v2c', '-c', 'private', '-On', addr, '.1.3.6.1.4.1.99999.2.0', 's', 'changed']);
      assert.equal(rw.status, 2, 'outside the view of private');
      // The VACM community reads everything.
      const vacm = await snmp('snmpget', ['-v2c', '-c', 'vacmcommunity', '-On', addr, '.1.3.6.1.4.1.99999.1.0']);
      assert.equal(vacm.stdout, '.1.3.6.1.4.1.99999.1.0 = INTEGER: 42\n');
      const vacmSet = await snmp('snmpset', ['-v2c', '-c', 'vacmcommunity', '-On', addr, '.1.3.6.1.4.1.99999.2.0', 's', 'x']);
      assert.equal(vacmSet.status, 2, 'write view none');
      // IPv6 listening address, public from ::1 (rocommunity without 6 covers IPv4 only).
      const v6 = await snmp('snmpget', ['-v2c', '-c', 'public', '-r', '0', '-t', '0.3', `udp6:[::1]:${port}`, '.1.3.6.1.2.1.1.5.0']);
      assert.equal(v6.status, 1);
    } finally {
      const { code } = await a.stop();
      assert.equal(code, 0);
    }
  });

  it('-c without system values: the default agent\'s sysObjectID, sysContact and sysLocation, the host name as sysName', async () => {
    const [port, defaultPort] = [await freePort(), await freePort()];
    const conf = path.join(dir, 'bare.conf');
    writeFileSync(conf, `agentaddress udp:127.0.0.1:${port}\nrocommunity public\n`);
    const a = await startAgent(['--no-state', '-c', conf]);
    const d = await startAgent(['--no-state', `udp:127.0.0.1:${defaultPort}`]);
    try {
      const oids = ['.1.3.6.1.2.1.1.2.0', '.1.3.6.1.2.1.1.4.0', '.1.3.6.1.2.1.1.5.0', '.1.3.6.1.2.1.1.6.0'];
      const configured = await snmp('snmpget', ['-v2c', '-c', 'public', '-On', `udp:127.0.0.1:${port}`, ...oids]);
      const lines = [
        '.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.32473.1',
        '.1.3.6.1.2.1.1.4.0 = STRING: "root@localhost"',
        `.1.3.6.1.2.1.1.5.0 = STRING: "${hostname()}"`,
        '.1.3.6.1.2.1.1.6.0 = STRING: "here"',
        '',
      ];
      assert.equal(configured.stdout, lines.join('\n'));
      const deflt = await snmp('snmpget', ['-v2c', '-c', 'public', '-On', `udp:127.0.0.1:${defaultPort}`, ...oids]);
      // The default agent calls itself tsnmp; the rest agrees.
      assert.equal(deflt.stdout, lines.join('\n').replace(`"${hostname()}"`, '"tsnmp"'));
    } finally {
      assert.equal((await a.stop()).code, 0);
      assert.equal((await d.stop()).code, 0);
    }
  });

  it('-c with a -rw override writable through the public view of a rwcommunity', async () => {
    const port = await freePort();
    const conf = path.join(dir, 'rw.conf');
    writeFileSync(conf, `agentaddress udp:127.0.0.1:${port}\nrwcommunity private\noverride -rw .1.3.6.1.4.1.99999.2.0 octet_str "hello"\noverride .1.3.6.1.4.1.99999.3.0 integer 3\n`);
    const addr = `udp:127.0.0.1:${port}`;
    const a = await startAgent(['--no-state', '-c', conf]);
    try {
      const ok = await snmp('snmpset', ['-v2c', '-c', 'private', '-On', addr, '.1.3.6.1.4.1.99999.2.0', 's', 'changed']);
      assert.equal(ok.stdout, '.1.3.6.1.4.1.99999.2.0 = STRING: "changed"\n');
      const ro = await snmp('snmpset', ['-v2c', '-c', 'private', '-On', addr, '.1.3.6.1.4.1.99999.3.0', 'i', '4']);
      assert.equal(ro.status, 2);
      assert.match(ro.stderr, /notWritable/);
    } finally {
      await a.stop();
    }
  });

  const broken: [string, string, RegExp][] = [
    ['unknown directive', 'rocommunity public\nfrobnicate yes\n', /^tsnmp agent: FILE:2: Unknown directive "frobnicate"/],
    ['community missing', 'rocommunity\n', /^tsnmp agent: FILE:1: rocommunity: missing community/],
    ['bad view type', 'view v sometimes .1\n', /^tsnmp agent: FILE:1: view: type must be included or excluded/],
    ['bad OID', '\n\nview v included .1.3.x\n', /^tsnmp agent: FILE:3: view: bad OID "\.1\.3\.x"/],
    ['unknown view', 'rocommunity public default -V nosuch\n', /^tsnmp agent: FILE:1: rocommunity: unknown view "nosuch"/],
    ['bad source', 'rocommunity public 10.0.0.0/99\n', /^tsnmp agent: FILE:1: rocommunity: bad prefix length/],
    ['unclosed quote', 'override .1.3.6.1.4.1.1.0 octet_str "oops\n', /^tsnmp agent: FILE:1: unclosed " quote/],
    ['bad override value', 'override .1.3.6.1.4.1.1.0 integer many\n', /^tsnmp agent: FILE:1: override: bad integer value "many"/],
    ['bad sysServices', 'sysServices lots\n', /^tsnmp agent: FILE:1: sysServices: expected a number/],
    ['access without group', 'com2sec s default c\nview all included .1\n', /^tsnmp agent: FILE:1: com2sec: no group and access line/],
    ['different write view', 'com2sec s default c\ngroup g v2c s\nview all included .1\nview sys included .1.3.6.1.2.1.1\naccess g "" any noauth exact all sys none\n', /^tsnmp agent: FILE:5: access: a write view other than the read view/],
    ['bad address', 'agentaddress udp:127.0.0.1:99999\nrocommunity public\n', /^tsnmp agent: cannot listen on udp:127\.0\.0\.1:99999: /],
  ];
  for (const [what, text, expected] of broken) {
    it(`refuses a broken configuration: ${what}`, async () => {
      const file = path.join(dir, `broken-${what.replace(/\W+/g, '-')}.conf`);
      writeFileSync(file, text);
      const r = await tsnmp(['agent', '--no-state', '-c', file], { timeoutMs: 10000 });
      assert.equal(r.status, 1);
      assert.match(r.stderr.replaceAll(file, 'FILE'), expected);
      assert.doesNotMatch(r.stderr, /listening on/);
    });
  }

  it('a missing configuration file', async () => {
    const r = await tsnmp(['agent', '--no-state', '-c', path.join(dir, 'nope.conf')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /cannot read .*nope\.conf: ENOENT/);
  });

  it('--snmprec serves what tsnmp record recorded from snmpd, as snmpd served it', { skip: snmpdPath() === undefined ? 'snmpd is not installed' : false }, async () => {
    const snmpd = await startSnmpd({ allDomains: false });
    const file = path.join(dir, 'device.snmprec');
    let port = 0;
    try {
      const rec = await tsnmp(['record', '-v2c', '-c', 'public', '-o', file, `udp:127.0.0.1:${snmpd.port}`, '.1.3.6.1.2.1.1', '.1.3.6.1.6.3']);
      assert.equal(rec.status, 0, rec.stderr);
      assert.match(rec.stderr, /^Recorded \d+ variables to /);
      assert.match(readFileSync(file, 'utf8'), /^1\.3\.6\.1\.2\.1\.1\.1\.0\|4/);
      port = await freePort();
      const a = await startAgent(['--no-state', '--snmprec', file, `udp:127.0.0.1:${port}`]);
      try {
        for (const root of ['.1.3.6.1.2.1.1.9', '.1.3.6.1.6.3.16.1.5.2']) {
          const [orig, served] = await Promise.all([
            snmp('snmpwalk', ['-v2c', '-c', 'public', '-On', `udp:127.0.0.1:${snmpd.port}`, root]),
            snmp('snmpwalk', ['-v2c', '-c', 'public', '-On', `udp:127.0.0.1:${port}`, root]),
          ]);
          assert.ok(orig.stdout.length > 0);
          assert.equal(served.stdout, orig.stdout, root);
        }
      } finally {
        await a.stop();
      }
    } finally {
      await snmpd.stop();
    }
  });

  it('a broken .snmprec file is refused with its line', async () => {
    const file = path.join(dir, 'broken.snmprec');
    writeFileSync(file, '1.3.6.1.2.1.1.1.0|4|ok\n1.3.6.1.2.1.1.2.0|99|what\n');
    const r = await tsnmp(['agent', '--no-state', '--snmprec', file, 'udp:127.0.0.1:0']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /broken\.snmprec: .*line 2/i);
  });
});
