/** Malformed packets, unknown versions, huge lengths and floods are counted and dropped; the agent keeps answering. */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { test } from 'node:test';
import { AgentChannels, type AgentDropEvent } from '../../src/agent/diagnostics.js';
import { encodeV3Message } from '../../src/message/codec.js';
import { MsgFlags } from '../../src/message/types.js';
import { decodeMessage } from '../../src/message/codec.js';
import { ask, requestBytes, testAgent } from './helpers.js';

function garbage(seed: number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

test('bad packets are dropped and counted in the snmp group, and reported on tsnmp:agent:drop', async () => {
  const agent = testAgent({ builtins: true });
  const reasons: string[] = [];
  const onDrop = (m: unknown): void => void reasons.push((m as AgentDropEvent).reason);
  subscribe(AgentChannels.drop, onDrop);
  const good = requestBytes({ type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.1.0'] });
  const cases: Uint8Array[] = [
    new Uint8Array(0),
    Uint8Array.of(0x30),
    Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01),
    Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00),
    good.slice(0, good.length - 3),
    Uint8Array.from([...good, 0x00]),
    garbage(1, 100),
    garbage(2, 1500),
  ];
  for (const c of cases) assert.equal(agent.handleMessage(c), undefined);
  assert.equal(agent.counters.inASNParseErrs, cases.length);
  const v2 = Uint8Array.from(good);
  v2[4] = 2; // version 2 (SNMPv2u/v2*): not spoken
  const v3 = encodeV3Message(
    { version: 3, msgId: 1, msgMaxSize: 65507, msgFlags: MsgFlags.reportable, msgSecurityModel: 3 },
    { usm: { msgAuthoritativeEngineId: new Uint8Array(0), msgAuthoritativeEngineBoots: 0, msgAuthoritativeEngineTime: 0, msgUserName: new Uint8Array(0), msgAuthenticationParameters: new Uint8Array(0), msgPrivacyParameters: new Uint8Array(0) } },
    { contextEngineId: new Uint8Array(0), contextName: new Uint8Array(0), pdu: { type: 'GetRequest', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: [] } },
  ).bytes;
  assert.equal(agent.handleMessage(v2), undefined);
  assert.equal(agent.handleMessage(v3), undefined);
  assert.equal(agent.counters.inBadVersions, 2);
  unsubscribe(AgentChannels.drop, onDrop);
  assert.deepEqual(reasons, [...cases.map(() => 'parseError'), 'badVersion', 'badVersion']);
  const r = await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.11.1.0', '1.3.6.1.2.1.11.3.0', '1.3.6.1.2.1.11.6.0'] });
  assert.deepEqual(
    r!.varbinds.map((v) => v.value),
    [cases.length + 3, 2, cases.length],
  );
});

test('a huge GetBulk stays within the message size; mutated requests never crash the agent', async () => {
  const agent = testAgent({ builtins: true });
  const bulk = await ask(agent, { type: 'GetBulkRequest', nonRepeaters: 0, maxRepetitions: 0x7fffffff, varbinds: ['1', '1.3', '1.3.6', '1.3.6.1'] });
  assert.equal(bulk?.errorStatus, 0);
  assert.ok(bulk!.varbinds.length <= 1024, 'at most maxBulkVarBinds');
  assert.equal(bulk!.varbinds.length % 4, 0, 'whole repetitions only');
  const base = requestBytes({ type: 'GetBulkRequest', maxRepetitions: 5, varbinds: ['1.3.6.1.2.1.1', '1.3.6.1.2.1.11'] });
  for (let i = 0; i < 3000; i++) {
    const m = Uint8Array.from(base);
    const at = (i * 7919) % m.length;
    m[at] = m[at]! ^ (1 << i % 8);
    const out = await agent.handleMessage(m);
    if (out !== undefined) decodeMessage(out);
  }
  assert.ok(await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.1.0'] }));
});

test('a GET of 2000 varbinds is answered (no varbind limit below what a message can hold)', async () => {
  const agent = testAgent({ builtins: true });
  const oids = Array.from({ length: 2000 }, () => '1.3.6.1.2.1.1.7.0');
  const r = await ask(agent, { type: 'GetRequest', varbinds: oids });
  assert.equal(r?.errorStatus, 0);
  assert.equal(r?.varbinds.length, 2000);
  assert.ok(r!.varbinds.every((vb) => vb.type === 'Integer32'));
});

test('handlers that never answer are abandoned: pending requests stay bounded and the agent answers again', async () => {
  const agent = testAgent({ maxPendingRequests: 50, requestTimeout: 200 });
  agent.registry.register('1.3.6.1.4.1.32473.66', { get: () => new Promise<void>(() => undefined), getNext: () => undefined });
  agent.mib.add({ name: '1.3.6.1.4.1.32473.1.0', type: 'Integer32', value: 1 });
  const stuck = requestBytes({ type: 'GetRequest', varbinds: ['1.3.6.1.4.1.32473.66.1'] });
  const outs = [];
  for (let i = 0; i < 200; i++) outs.push(agent.handleMessage(stuck));
  assert.equal(agent.pendingRequests, 50);
  assert.equal(agent.counters.overloadDrops, 150);
  assert.equal(await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.4.1.32473.1.0'] }), undefined, 'dropped while full');
  await Promise.all(outs);
  assert.equal(agent.pendingRequests, 0);
  assert.equal(agent.counters.timeouts, 50);
  const r = await ask(agent, { type: 'GetRequest', varbinds: ['1.3.6.1.4.1.32473.1.0'] });
  assert.equal(r?.varbinds[0]?.value, 1);
});

test('a flood of garbage over UDP is counted, memory stays bounded, and a normal request still works', async () => {
  const agent = testAgent({ builtins: true });
  const [local] = await agent.listen('udp:127.0.0.1:0');
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  try {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const total = 20000;
    for (let i = 0; i < total; i++) {
      const p = i % 3 === 0 ? garbage(i, 200) : i % 3 === 1 ? Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff) : requestBytes({ community: 'wrong', type: 'GetRequest', varbinds: ['1.3'] });
      sock.send(p, local!.port, '127.0.0.1');
      if (i % 500 === 0) await new Promise((r) => setImmediate(r));
    }
    const deadline = Date.now() + 10000;
    while (agent.counters.inPkts < total * 0.5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(agent.counters.inPkts > 0);
    assert.equal(agent.counters.inPkts, agent.counters.inASNParseErrs + agent.counters.inBadCommunityNames, 'every flooded packet was dropped and counted');
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 64 * 1024 * 1024, `heap grew by ${grown} bytes`);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no answer after the flood')), 5000);
      sock.on('message', (m) => {
        clearTimeout(t);
        resolve(m);
      });
      sock.send(requestBytes({ type: 'GetRequest', varbinds: ['1.3.6.1.2.1.1.1.0'], requestId: 99 }), local!.port, '127.0.0.1');
    });
    const msg = decodeMessage(reply);
    assert.ok(msg.version !== 3 && msg.pdu.type === 'Response' && msg.pdu.requestId === 99);
  } finally {
    sock.close();
    await agent.close();
  }
});
