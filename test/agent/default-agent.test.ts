/** The default agent (what `tsnmp agent` will run) and listening errors. */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { test } from 'node:test';
import { createDefaultAgent, DEFAULT_AGENT_ADDRESSES, EXAMPLE_MIB } from '../../src/agent/default-agent.js';
import { InvalidArgumentError, TransportError } from '../../src/errors.js';
import { Oid } from '../../src/smi/oid.js';
import { ask, lines } from './helpers.js';

test('the default agent: public reads, private writes, system group, example MIB, sysORTable', async () => {
  assert.deepEqual(DEFAULT_AGENT_ADDRESSES, ['udp:127.0.0.1:1161']);
  const agent = createDefaultAgent();
  const r = await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.7.0', `${EXAMPLE_MIB}.2.0`, '1.3.6.1.2.1.1.9.1.2.1', '1.3.6.1.2.1.1.9.1.3.1'] });
  assert.deepEqual(lines(r!.varbinds), [
    '1.3.6.1.2.1.1.5.0=OctetString:tsnmp',
    '1.3.6.1.2.1.1.7.0=Integer32:72',
    `${EXAMPLE_MIB}.2.0=Integer32:50`,
    `1.3.6.1.2.1.1.9.1.2.1=ObjectIdentifier:${EXAMPLE_MIB}`,
    '1.3.6.1.2.1.1.9.1.3.1=OctetString:tsnmp example MIB',
  ]);
  const up1 = (await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.3.0'] }))!.varbinds[0]!;
  assert.equal(up1.type, 'TimeTicks');
  const set = (value: number, community = 'private') =>
    ask(agent, { community, type: 'SetRequest', varbinds: [{ oid: Oid.parse(`${EXAMPLE_MIB}.2.0`), type: 'Integer32', value }] });
  assert.equal((await set(101))?.errorStatus, 10, 'wrongValue above 100');
  assert.equal((await set(77, 'public'))?.errorStatus, 6, 'noAccess through public');
  assert.equal((await set(77))?.errorStatus, 0);
  assert.equal(agent.mib.entry(`${EXAMPLE_MIB}.2.0`)?.value, 77);
  assert.equal(agent.mib.descriptionOf('1.3.6.1.2.1.1.5.0'), 'sysName');
  agent.mib.describe('1.3.6.1.2.1.1.5.0', 'The administratively assigned name.');
  assert.equal(agent.mib.entry('1.3.6.1.2.1.1.5.0')?.description, 'The administratively assigned name.');
  assert.equal(agent.registry.find(Oid.parse(`${EXAMPLE_MIB}.10.1.2.1`))?.registration.kind, 'example');
});

test('listen: a bad address is refused; a port in use fails and closes what was opened', async () => {
  const agent = createDefaultAgent();
  await assert.rejects(agent.listen('bogus:1.2.3.4:x'), InvalidArgumentError);
  const busy = createSocket('udp4');
  await new Promise<void>((r) => busy.bind(0, '127.0.0.1', r));
  const port = busy.address().port;
  try {
    await assert.rejects(agent.listen([`tcp:127.0.0.1:0`, `udp:127.0.0.1:${port}`]), TransportError);
    assert.deepEqual(agent.endpoints, []);
    const eps = await agent.listen([`udp:127.0.0.1:0`, `tcp:127.0.0.1:0`]);
    assert.equal(eps.length, 2);
    assert.equal(agent.endpoints.length, 2);
  } finally {
    busy.close();
    await agent.close();
  }
  assert.deepEqual(agent.endpoints, []);
});

test('a community bound to another context reads that context registry; Set changes are announced', async () => {
  const { MibStore } = await import('../../src/agent/mib-store.js');
  const agent = createDefaultAgent({
    communities: [
      { community: 'public', name: 'public' },
      { community: 'private', access: 'read-write', name: 'private' },
      { community: 'bridge1', name: 'bridge1', contextName: 'bridge1', access: 'read-write' },
    ],
  });
  const store = new MibStore([{ name: '1.3.6.1.2.1.17.1.2.0', type: 'Integer32', value: 4, access: 'read-write' }]);
  agent.contextRegistry('bridge1').register('1.3.6.1.2.1.17', store);
  const inCtx = await ask(agent, { community: 'bridge1', type: 'GetRequest', varbinds: ['1.3.6.1.2.1.17.1.2.0', '1.3.6.1.2.1.1.5.0'] });
  assert.deepEqual(lines(inCtx!.varbinds), ['1.3.6.1.2.1.17.1.2.0=Integer32:4', '1.3.6.1.2.1.1.5.0=NoSuchObject:']);
  const deflt = await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.17.1.2.0'] });
  assert.equal(deflt!.varbinds[0]!.type, 'NoSuchObject');
  const changed: string[] = [];
  agent.on('change', (e) => changed.push(e.name.toString()));
  const bits = agent.mib.add({ name: `${EXAMPLE_MIB}.7.0`, type: 'BitString', value: { bytes: Uint8Array.of(0xf0), unusedBits: 4 }, access: 'read-write' });
  const r = await ask(agent, { community: 'private', type: 'SetRequest', varbinds: [{ oid: bits.name, type: 'BitString', value: { bytes: Uint8Array.of(0x80, 0x40), unusedBits: 6 } }] });
  assert.equal(r?.errorStatus, 0);
  assert.deepEqual(bits.value, { bytes: Uint8Array.of(0x80, 0x40), unusedBits: 6 });
  assert.deepEqual(changed, [`${EXAMPLE_MIB}.7.0`]);
  const g = await ask(agent, { type: 'GetRequest', varbinds: [bits.name.toString()] });
  assert.deepEqual(lines(g!.varbinds), [`${EXAMPLE_MIB}.7.0=BitString:{"bytes":[128,64],"unusedBits":6}`]);
});
