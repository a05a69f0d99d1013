/**
 * tsnmp's commands against a tsnmp agent (the default agent, in this process), compared
 * line for line with net-snmp's commands on the same request line. The tsnmp agent fills
 * every GetBulk repetition (endOfMibView after the end of its view), which net-snmp's
 * snmpbulkwalk prints once per repetition.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Agent } from '../../src/agent/agent.js';
import { createDefaultAgent, EXAMPLE_MIB } from '../../src/agent/default-agent.js';
import { freePort } from '../support/ports.js';
import { haveNetSnmpTools } from '../support/snmpd.js';
import { both, type RunResult } from './support/run.js';

const skip = haveNetSnmpTools() ? false : 'net-snmp tools are not installed';

function sameOutput(net: RunResult, ts: RunResult, what: string): void {
  assert.equal(ts.stdout, net.stdout, `${what}: stdout`);
  assert.equal(ts.stderr.replace(/^tsnmp (\w+):/gm, 'snmp$1:'), net.stderr, `${what}: stderr`);
  assert.equal(ts.status, net.status, `${what}: exit status`);
}

describe('tsnmp against a tsnmp agent, same output as net-snmp', { skip }, () => {
  let agent: Agent;
  let target: string;
  before(async () => {
    agent = createDefaultAgent();
    const port = await freePort();
    await agent.listen([`udp:127.0.0.1:${port}`]);
    target = `udp:127.0.0.1:${port}`;
  });
  after(() => agent.close());

  const table = `.${EXAMPLE_MIB}.10`;
  for (const version of ['1', '2c']) {
    it(`walk -v${version} of the example table and sysORTable`, async () => {
      for (const root of [table, '.1.3.6.1.2.1.1.9', `.${EXAMPLE_MIB}.10.1.3`]) {
        const { net, ts } = await both('walk', [`-v${version}`, '-c', 'public', '-On', target, root]);
        assert.ok(net.stdout.length > 0);
        sameOutput(net, ts, `walk -v${version} ${root}`);
      }
    });
  }

  it('bulkwalk to the end of the view: the endOfMibView line, as net-snmp prints', async () => {
    for (const reps of ['-Cr10', '-Cr3', '-Cr50']) {
      const { net, ts } = await both('bulkwalk', ['-v2c', '-c', 'public', '-On', reps, target, table]);
      assert.match(net.stdout, /No more variables left in this MIB View/);
      sameOutput(net, ts, `bulkwalk ${reps}`);
    }
  });

  it('get, getnext and bulkget of static objects, exceptions included', async () => {
    const oids = [`.${EXAMPLE_MIB}.1.0`, `.${EXAMPLE_MIB}.5.0`, `.${EXAMPLE_MIB}.6.0`, `.${EXAMPLE_MIB}.10.1.2.2`, `.${EXAMPLE_MIB}.9.0`, `.${EXAMPLE_MIB}.1.1`];
    const g = await both('get', ['-v2c', '-c', 'public', '-On', target, ...oids]);
    sameOutput(g.net, g.ts, 'get');
    const n = await both('getnext', ['-v2c', '-c', 'public', '-On', target, `.${EXAMPLE_MIB}.4.0`, `.${EXAMPLE_MIB}.10.1.4.3`]);
    sameOutput(n.net, n.ts, 'getnext');
    const b = await both('bulkget', ['-v2c', '-c', 'public', '-On', '-Cn1', '-Cr5', target, `.${EXAMPLE_MIB}.5`, `.${EXAMPLE_MIB}.10.1.2`]);
    sameOutput(b.net, b.ts, 'bulkget');
    const v1 = await both('get', ['-v1', '-c', 'public', '-On', target, `.${EXAMPLE_MIB}.1.0`, `.${EXAMPLE_MIB}.9.0`]);
    assert.equal(v1.net.status, 2);
    sameOutput(v1.net, v1.ts, 'get -v1 noSuchName');
  });

  it('set: success, then errors (read-only object, wrong type, bad value, read-only community)', async () => {
    const ok = await both('set', ['-v2c', '-c', 'private', '-On', target, `.${EXAMPLE_MIB}.3.0`, 's', 'a note']);
    sameOutput(ok.net, ok.ts, 'set');
    for (const [community, oid, type, value] of [
      ['private', `.${EXAMPLE_MIB}.1.0`, 's', 'x'],
      ['private', `.${EXAMPLE_MIB}.2.0`, 's', 'x'],
      ['private', `.${EXAMPLE_MIB}.2.0`, 'i', '101'],
      ['public', `.${EXAMPLE_MIB}.2.0`, 'i', '5'],
    ] as const) {
      const r = await both('set', ['-v2c', '-c', community, '-On', target, oid, type, value]);
      assert.equal(r.net.status, 2, r.net.stderr);
      sameOutput(r.net, r.ts, `set ${oid} ${type} ${value}`);
    }
  });

  it('-Cp counts and -Ci includes, over v2c', async () => {
    const p = await both('walk', ['-v2c', '-c', 'public', '-On', '-Cp', target, table]);
    assert.match(p.net.stdout, /Variables found: 10\n$/);
    sameOutput(p.net, p.ts, 'walk -Cp');
    const i = await both('walk', ['-v2c', '-c', 'public', '-On', '-Ci', target, `.${EXAMPLE_MIB}.1.0`]);
    sameOutput(i.net, i.ts, 'walk -Ci');
  });
});
