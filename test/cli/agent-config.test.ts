/**
 * `tsnmp agent -c` and net-snmp's whole snmpd.conf language: directives net-snmp knows and
 * tsnmp does not implement are ignored with a warning (net-snmp's `FILE: line N: Warning:`),
 * words nobody knows stay errors with file and line, `[snmp]` lines are left to snmp.conf,
 * includeFile and includeDir read other files in place; Debian's stock snmpd.conf (a
 * verbatim copy in test/fixtures/agent/, and /etc/snmp/snmpd.conf when there is one)
 * starts an agent that answers.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAgentConfig } from '../../src/cli/agent/config.js';
import type { ConfigFiles } from '../../src/cli/agent/config-lines.js';
import { freePort } from '../support/ports.js';
import { startAgent } from './support/agent-process.js';
import { tsnmp } from './support/run.js';

/** test/fixtures/agent/debian-snmpd.conf (this file is dist/test/cli/agent-config.test.js). */
const DEBIAN_FIXTURE = fileURLToPath(new URL('../../../test/fixtures/agent/debian-snmpd.conf', import.meta.url));

/** Files in memory, for includes. */
function memoryFiles(files: Record<string, string>): ConfigFiles {
  const enoent = (p: string): Error => Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
  return {
    readFile: (p) => {
      const t = files[p];
      if (t === undefined) throw enoent(p);
      return t;
    },
    readDir: (d) => {
      const names = Object.keys(files)
        .filter((p) => path.dirname(p) === d)
        .map((p) => path.basename(p));
      if (names.length === 0) throw enoent(d);
      return names;
    },
  };
}

describe('snmpd.conf directives tsnmp does not implement', () => {
  it('are ignored with a warning naming the file and line; the rest is read', () => {
    const cfg = parseAgentConfig(
      [
        'master agentx',
        'rocommunity public',
        'Trap2Sink localhost secret',
        "extend hello /bin/sh -c 'echo \"unclosed",
        'dontLogTCPWrappersConnects yes',
        'sysLocation here',
        'doDebugging 1',
      ].join('\n'),
      '/etc/x.conf',
    );
    assert.deepEqual(cfg.warnings, [
      '/etc/x.conf: line 1: Warning: "master" is not supported by tsnmp agent; line ignored',
      '/etc/x.conf: line 3: Warning: "Trap2Sink" is not supported by tsnmp agent; line ignored',
      '/etc/x.conf: line 4: Warning: "extend" is not supported by tsnmp agent; line ignored',
      '/etc/x.conf: line 5: Warning: "dontLogTCPWrappersConnects" is not supported by tsnmp agent; line ignored',
      '/etc/x.conf: line 7: Warning: "doDebugging" is an snmp.conf directive (net-snmp\'s snmpd ignores it here too); line ignored',
    ]);
    assert.deepEqual(
      cfg.communities.map((c) => c.community),
      ['public'],
    );
    assert.equal(cfg.system.location, 'here');
  });

  it('a word nobody knows, and a malformed known line, are still errors with file and line', () => {
    assert.throws(() => parseAgentConfig('master agentx\nmaster_agent yes\n', 'a.conf'), /^InvalidArgumentError: a\.conf:2: Unknown directive "master_agent"/);
    assert.throws(() => parseAgentConfig('pidFile /run/snmpd.pid\n', 'a.conf'), /a\.conf:1: Unknown directive "pidFile"/);
    assert.throws(() => parseAgentConfig('trapsink x\nsysServices many\n', 'a.conf'), /a\.conf:2: sysServices: expected a number/);
  });

  it('[snmp] lines are left to snmp.conf, up to [snmpd]; [snmpd] lines are read', () => {
    const cfg = parseAgentConfig(['master agentx', '[snmp] dumpPacket yes', '[snmp]', 'logTimestamp yes', 'frobnicate', '[snmpd]', 'rocommunity public', '[snmpd] sysName box'].join('\n'), 'b.conf');
    assert.deepEqual(cfg.warnings, [
      'b.conf: line 1: Warning: "master" is not supported by tsnmp agent; line ignored',
      'b.conf: line 2: Warning: a line for [snmp] is not read by tsnmp agent; line ignored',
      'b.conf: line 3: Warning: lines for [snmp] are not read by tsnmp agent; ignored up to [snmpd]',
    ]);
    assert.equal(cfg.communities.length, 1);
    assert.equal(cfg.system.name, 'box');
  });

  it('includeFile (relative to the including file) and includeDir (its *.conf files, in name order)', () => {
    const files = memoryFiles({
      '/etc/snmp/site.conf': 'rocommunity site\n\nmaster agentx\n',
      '/etc/snmp/conf.d/20-b.conf': 'sysName from-b\n',
      '/etc/snmp/conf.d/10-a.conf': 'sysName from-a\nrwcommunity private\n',
      '/etc/snmp/conf.d/README': 'not a configuration\n',
    });
    const cfg = parseAgentConfig('rocommunity public\nincludeFile site.conf\nincludeDir /etc/snmp/conf.d\ninclude x.conf\nincludeSearch y.conf\n', '/etc/snmp/snmpd.conf', files);
    assert.deepEqual(
      cfg.communities.map((c) => c.community),
      ['public', 'site', 'private'],
    );
    assert.equal(cfg.system.name, 'from-b', '20-b.conf is read after 10-a.conf');
    assert.deepEqual(cfg.warnings, [
      '/etc/snmp/site.conf: line 3: Warning: "master" is not supported by tsnmp agent; line ignored',
      "/etc/snmp/snmpd.conf: line 4: Warning: Ambiguous token 'include' - use 'includeFile' instead; line ignored",
      '/etc/snmp/snmpd.conf: line 5: Warning: "includeSearch" (net-snmp\'s configuration search path) is not supported by tsnmp agent (use includeFile); line ignored',
    ], 'in reading order');
  });

  it('include errors: a missing file or directory, a file that includes itself, an unknown word inside', () => {
    const files = memoryFiles({ '/c/loop.conf': 'includeFile loop.conf\n', '/c/bad.conf': '\nfrobnicate\n' });
    assert.throws(() => parseAgentConfig('includeFile nope.conf\n', '/c/main.conf', files), /\/c\/main\.conf:1: includeFile: cannot read \/c\/nope\.conf: ENOENT/);
    assert.throws(() => parseAgentConfig('\nincludeDir /nowhere\n', '/c/main.conf', files), /\/c\/main\.conf:2: includeDir: cannot read directory \/nowhere: ENOENT/);
    assert.throws(() => parseAgentConfig('includeFile loop.conf\n', '/c/main.conf', files), /\/c\/loop\.conf:1: includeFile: \/c\/loop\.conf includes itself/);
    assert.throws(() => parseAgentConfig('includeFile bad.conf\n', '/c/main.conf', files), /^InvalidArgumentError: \/c\/bad\.conf:2: Unknown directive "frobnicate"/);
  });
});

describe("tsnmp agent -c with Debian's stock snmpd.conf", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tsnmp-agent-config-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** The fixture with its includeDir pointing into the temp dir, which holds one file. */
  function stockCopy(extra = ''): string {
    const confD = path.join(dir, 'snmpd.conf.d');
    mkdirSync(confD, { recursive: true });
    writeFileSync(path.join(confD, 'local.conf'), '# added by the test\nrocommunity local default\ndontLogTCPWrappersConnects yes\n');
    const file = path.join(dir, `snmpd-${extra === '' ? 'stock' : 'extra'}.conf`);
    const text = readFileSync(DEBIAN_FIXTURE, 'utf8').replace('includeDir /etc/snmp/snmpd.conf.d', `includeDir ${confD}`);
    assert.notEqual(text, readFileSync(DEBIAN_FIXTURE, 'utf8'), 'the fixture has its includeDir line');
    writeFileSync(file, text + extra);
    return file;
  }

  it('starts with a warning per ignored line and answers from the stock view', async () => {
    const file = stockCopy();
    const addr = `udp:127.0.0.1:${await freePort()}`;
    const a = await startAgent(['--no-state', '-c', file, addr]);
    try {
      const localConf = path.join(dir, 'snmpd.conf.d', 'local.conf');
      assert.equal(
        a.stderr(),
        [
          `tsnmp agent: ${file}: line 42: Warning: "master" is not supported by tsnmp agent; line ignored`,
          `tsnmp agent: ${file}: line 89: Warning: "rouser" is not supported by tsnmp agent; line ignored`,
          `tsnmp agent: ${localConf}: line 3: Warning: "dontLogTCPWrappersConnects" is not supported by tsnmp agent; line ignored`,
          `tsnmp agent: listening on ${addr}`,
          '',
        ].join('\n'),
      );
      const sys = await tsnmp(['get', '-v2c', '-c', 'public', '-On', addr, '.1.3.6.1.2.1.1.6.0', '.1.3.6.1.2.1.1.7.0', '.1.3.6.1.2.1.11.30.0']);
      assert.equal(sys.status, 0, sys.stderr);
      assert.equal(
        sys.stdout,
        [
          '.1.3.6.1.2.1.1.6.0 = STRING: "Sitting on the Dock of the Bay"',
          '.1.3.6.1.2.1.1.7.0 = INTEGER: 72',
          '.1.3.6.1.2.1.11.30.0 = No Such Object available on this agent at this OID',
          '',
        ].join('\n'),
        'public sees the systemonly view',
      );
      const local = await tsnmp(['get', '-v2c', '-c', 'local', '-On', addr, '.1.3.6.1.2.1.11.30.0']);
      assert.match(local.stdout, /^\.1\.3\.6\.1\.2\.1\.11\.30\.0 = INTEGER: /, 'the community of the included file sees everything');
    } finally {
      const { code, stderr } = await a.stop();
      assert.equal(code, 0, stderr);
    }
  });

  it('an unknown word added to it still keeps the agent from starting, with file and line', async () => {
    const file = stockCopy('frobnicate yes\n');
    const lines = readFileSync(file, 'utf8').split('\n').length - 1;
    const r = await tsnmp(['agent', '--no-state', '-c', file, `udp:127.0.0.1:${await freePort()}`], { timeoutMs: 10000 });
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`tsnmp agent: ${file.replace(/[.]/g, '\\.')}:${lines}: Unknown directive "frobnicate"`));
    assert.doesNotMatch(r.stderr, /listening on/);
  });

  const etc = '/etc/snmp/snmpd.conf';
  it('/etc/snmp/snmpd.conf as installed starts and answers', { skip: existsSync(etc) ? false : `${etc} is not on this machine (net-snmp's snmpd is not installed)` }, async () => {
    const addr = `udp:127.0.0.1:${await freePort()}`;
    const a = await startAgent(['--no-state', '-c', etc, addr]);
    try {
      assert.match(a.stderr(), new RegExp(`listening on ${addr}\n$`), a.stderr());
      const r = await tsnmp(['get', '-v2c', '-c', 'public', '-On', addr, '.1.3.6.1.2.1.1.3.0']);
      assert.match(r.stdout, /^\.1\.3\.6\.1\.2\.1\.1\.3\.0 = Timeticks: /, r.stderr);
    } finally {
      await a.stop();
    }
  });
});
