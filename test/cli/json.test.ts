/**
 * `--json` on the query commands: one JSON object per line and per varbind, with oid, type
 * and value (Counter64 as a string), for every SMI type the fake agent serves.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SMI_VALUES, smiEntries } from '../fixtures/cli/smi-values.js';
import { type FakeAgent, startFakeAgent } from './support/fake-agent.js';
import { tsnmp } from './support/run.js';

interface Obj {
  oid: string;
  type: string;
  value: unknown;
  hex?: string;
  opaqueType?: string;
  unusedBits?: number;
}

/** The run helper keeps output as latin1 (net-snmp prints bytes); JSON is UTF-8. */
function parseLines(text: string): Obj[] {
  return Buffer.from(text, 'latin1')
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Obj);
}

describe('--json', () => {
  let agent: FakeAgent;
  let target: string;
  before(async () => {
    agent = await startFakeAgent({ entries: smiEntries() });
    target = `127.0.0.1:${agent.port}`;
  });
  after(() => agent.stop());

  it('walk: every line parses, one object per varbind', async () => {
    const r = await tsnmp(['walk', '-v2c', '-c', 'public', '--json', target, '.1.3.6.1.4.1.99999.1']);
    assert.equal(r.status, 0, r.stderr);
    const objs = parseLines(r.stdout);
    // every value, then the endOfMibView the agent answers past its last object
    assert.equal(objs.length, SMI_VALUES.length + 1);
    const at = (label: string): Obj => objs[SMI_VALUES.findIndex((v) => v.label === label)]!;
    assert.deepEqual(at('INTEGER -1'), { oid: '1.3.6.1.4.1.99999.1.2.0', type: 'Integer32', value: -1 });
    assert.deepEqual(at('printable string'), { oid: '1.3.6.1.4.1.99999.1.5.0', type: 'OctetString', value: 'hello world', hex: '68656c6c6f20776f726c64' });
    assert.deepEqual(at('3 binary octets'), { oid: '1.3.6.1.4.1.99999.1.9.0', type: 'OctetString', value: '000102', hex: '000102' });
    assert.equal(at('UTF-8 text').value, 'héllo');
    assert.equal(at('NULL').value, null);
    assert.equal(at('OID .1.3.6.1').value, '1.3.6.1');
    assert.equal(at('IpAddress').value, '192.168.0.1');
    assert.equal(at('Counter32 max').value, 4294967295);
    assert.deepEqual(at('TimeTicks 1 day'), { oid: '1.3.6.1.4.1.99999.1.26.0', type: 'TimeTicks', value: 8640000 });
    assert.deepEqual(at('Counter64 max'), { oid: at('Counter64 max').oid, type: 'Counter64', value: '18446744073709551615' });
    assert.equal(at('Opaque Float 1.5').value, 1.5);
    assert.equal(at('Opaque Float 1.5').opaqueType, 'Float');
    assert.equal(at('Opaque Float inf').value, 'inf');
    assert.equal(at('Opaque Int64 -1').value, '-1');
    assert.equal(at('Opaque UInt64 max').value, '18446744073709551615');
    assert.equal(at('Opaque plain').value, '010203');
    assert.deepEqual(at('BIT STRING unused bits'), { oid: at('BIT STRING unused bits').oid, type: 'BitString', value: 'a010', hex: 'a010', unusedBits: 4 });
    assert.equal(at('UInteger32').type, 'UInteger32');
    assert.deepEqual(objs.at(-1), { oid: `1.3.6.1.4.1.99999.1.${SMI_VALUES.length}.0`, type: 'EndOfMibView', value: null });
  });

  it('get, getnext, bulkget, bulkwalk and set print JSON too', async () => {
    const get = parseLines((await tsnmp(['get', '-v2c', '-c', 'public', '--json', target, '.1.3.6.1.4.1.99999.1.5.0', '.1.3.6.1.4.1.99999.1.999.0'])).stdout);
    assert.deepEqual(get[1], { oid: '1.3.6.1.4.1.99999.1.999.0', type: 'NoSuchObject', value: null });
    const next = parseLines((await tsnmp(['getnext', '-v2c', '-c', 'public', '--json', target, '.1.3.6.1.4.1.99999.1.5'])).stdout);
    assert.equal(next[0]!.oid, '1.3.6.1.4.1.99999.1.5.0');
    const bulk = parseLines((await tsnmp(['bulkget', '-v2c', '-c', 'public', '--json', '-Cr3', target, '.1.3.6.1.4.1.99999.1'])).stdout);
    assert.equal(bulk.length, 3);
    const bw = parseLines((await tsnmp(['bulkwalk', '-v2c', '-c', 'public', '--json', target, '.1.3.6.1.4.1.99999.1.2'])).stdout);
    assert.deepEqual(bw, [{ oid: '1.3.6.1.4.1.99999.1.2.0', type: 'Integer32', value: -1 }]);
    const set = parseLines((await tsnmp(['set', '-v2c', '-c', 'private', '--json', target, '.1.3.6.1.4.1.99999.3.0', 'C', '5'])).stdout);
    assert.deepEqual(set, [{ oid: '1.3.6.1.4.1.99999.3.0', type: 'Counter64', value: '5' }]);
  });

  it('no progress line on stderr when stderr is not a terminal', async () => {
    const r = await tsnmp(['walk', '-v2c', '-c', 'public', '-On', target, '.1.3.6.1.4.1.99999.1']);
    assert.equal(r.stderr, '');
  });
});
