/**
 * A misbehaving agent on a real UDP socket on loopback: non-increasing OIDs, replies from
 * another address, duplicates, late replies, tooBig and garbage bytes. The session must
 * give each caller the right answer or a typed error, count what it drops, and go on.
 */
import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import diagnostics_channel from 'node:diagnostics_channel';
import { after, before, test } from 'node:test';
import { RequestTimeoutError, WalkAbortedError } from '../../src/errors.js';
import { DROP_CHANNEL, type DropMessage } from '../../src/manager/diagnostics.js';
import { Dispatcher } from '../../src/manager/dispatcher.js';
import { Session } from '../../src/manager/session.js';
import { decodeMessage, encodeCommunityMessage } from '../../src/message/codec.js';
import type { GetBulkPdu } from '../../src/pdu/types.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { int, MiniAgent, str } from './mini-agent.js';

type Mode = 'normal' | 'otherAddressFirst' | 'otherAddressOnly' | 'duplicates' | 'garbageFirst' | 'late' | 'backwards';

let agentSocket: Socket;
let otherSocket: Socket;
let mode: Mode = 'normal';
let lateMs = 0;
let agent: MiniAgent;

function mib(): VarBind[] {
  const out: VarBind[] = [];
  for (let i = 1; i <= 30; i++) out.push(str(`1.3.6.1.2.1.1.${i}.0`, `value ${i}`));
  for (let i = 1; i <= 40; i++) out.push(int(`1.3.6.1.2.1.2.2.1.1.${i}`, i));
  out.push(int('1.3.6.1.2.1.3.1.0', 0));
  return out;
}

function garbage(valid: Uint8Array): Uint8Array[] {
  const random = new Uint8Array(64);
  for (let i = 0; i < random.length; i++) random[i] = (i * 73 + 41) & 0xff;
  const trailing = new Uint8Array(valid.length + 3);
  trailing.set(valid);
  return [
    new Uint8Array(0),
    random,
    valid.subarray(0, valid.length - 5), // truncated
    trailing, // trailing bytes
    Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01), // length far past the end
    Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00), // indefinite length
    Uint8Array.of(0x30, 0x05, 0x02, 0x01, 0x07, 0x04, 0x00), // version 7
  ];
}

before(async () => {
  agent = new MiniAgent(mib());
  agentSocket = createSocket('udp4');
  otherSocket = createSocket('udp4');
  await new Promise<void>((resolve) => agentSocket.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => otherSocket.bind(0, '127.0.0.1', resolve));
  agentSocket.on('message', (msg, rinfo) => {
    const reply = agent.handle(msg);
    if (reply === undefined) return;
    const send = (s: Socket, bytes: Uint8Array): void => s.send(bytes, rinfo.port, rinfo.address);
    switch (mode) {
      case 'normal':
        send(agentSocket, reply);
        break;
      case 'otherAddressFirst':
        send(otherSocket, reply);
        setTimeout(() => send(agentSocket, reply), 20);
        break;
      case 'otherAddressOnly':
        send(otherSocket, reply);
        break;
      case 'duplicates':
        send(agentSocket, reply);
        send(agentSocket, reply);
        send(agentSocket, reply);
        break;
      case 'garbageFirst':
        for (const g of garbage(reply)) send(agentSocket, g);
        setTimeout(() => send(agentSocket, reply), 10);
        break;
      case 'late':
        setTimeout(() => send(agentSocket, reply), lateMs);
        break;
      case 'backwards': {
        const m = decodeMessage(reply);
        if (m.version === 3 || m.pdu.type === 'Trap') return;
        send(agentSocket, encodeCommunityMessage({ ...m, pdu: { ...m.pdu, varbinds: [...m.pdu.varbinds].reverse() } }));
        break;
      }
    }
  });
});

after(() => {
  agentSocket.close();
  otherSocket.close();
});

function session(options: { timeout?: number; retries?: number; dispatcher?: Dispatcher } = {}): Session {
  return new Session({ peer: `udp:127.0.0.1:${agentSocket.address().port}`, timeout: options.timeout ?? 1000, retries: options.retries ?? 2, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
}

function captureDrops(): { drops: DropMessage[]; stop: () => void } {
  const drops: DropMessage[] = [];
  const fn = (m: unknown): void => void drops.push(m as DropMessage);
  diagnostics_channel.subscribe(DROP_CHANNEL, fn);
  return { drops, stop: () => diagnostics_channel.unsubscribe(DROP_CHANNEL, fn) };
}

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const text = (v: VarBind): string => new TextDecoder().decode(v.value as Uint8Array);

async function collect(it: AsyncIterable<VarBind>): Promise<VarBind[]> {
  const out: VarBind[] = [];
  for await (const v of it) out.push(v);
  return out;
}

test('non-increasing OIDs abort walks, GetNext and GetBulk alike', async () => {
  mode = 'backwards';
  const s = session();
  try {
    await assert.rejects(collect(s.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 5 })), (e: unknown) => e instanceof WalkAbortedError && e.reason === 'nonIncreasing');
    // GetNext of one varbind cannot go backwards by reversal; make the agent answer with an earlier OID
    mode = 'normal';
    const saved = agent.mib;
    const first = agent.next.bind(agent);
    agent.next = (oid: Oid) => (oid.compare(Oid.parse('1.3.6.1.2.1.1.3.0')) >= 0 ? saved[0] : first(oid));
    try {
      await assert.rejects(collect(s.walk('1.3.6.1.2.1.1')), (e: unknown) => e instanceof WalkAbortedError && e.reason === 'nonIncreasing');
      await assert.rejects(collect(s.walk('1.3.6.1.2.1.1', { checkIncreasing: false })), (e: unknown) => e instanceof WalkAbortedError && e.reason === 'cycle');
    } finally {
      agent.next = first;
    }
  } finally {
    mode = 'normal';
    await s.close();
  }
});

test('a reply from another address is dropped and counted; the real one is taken', async () => {
  mode = 'otherAddressFirst';
  const { drops, stop } = captureDrops();
  const dispatcher = new Dispatcher();
  const s = session({ dispatcher });
  try {
    const r = await s.get(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0']);
    assert.deepEqual(r.map(text), ['value 1', 'value 2']);
    assert.equal(dispatcher.stats.dropped.wrongSource, 1);
    const d = drops.find((x) => x.reason === 'wrongSource');
    assert.equal(d?.remote.port, otherSocket.address().port);
  } finally {
    stop();
    mode = 'normal';
    await s.close();
  }
});

test('replies that only come from another address end in RequestTimeoutError', async () => {
  mode = 'otherAddressOnly';
  const dispatcher = new Dispatcher();
  const s = session({ timeout: 30, retries: 1, dispatcher });
  try {
    await assert.rejects(s.get('1.3.6.1.2.1.1.1.0'), RequestTimeoutError);
    assert.equal(dispatcher.stats.dropped.wrongSource, 2);
    assert.equal(dispatcher.stats.responses, 0);
  } finally {
    mode = 'normal';
    await s.close();
  }
});

test('duplicate replies: each caller gets its own answer once, the copies are dropped', async () => {
  mode = 'duplicates';
  const dispatcher = new Dispatcher();
  const s = session({ dispatcher });
  try {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => s.get(`1.3.6.1.2.1.1.${i + 1}.0`)));
    assert.deepEqual(results.map((r) => text(r[0]!)), Array.from({ length: 20 }, (_, i) => `value ${i + 1}`));
    await wait(50);
    assert.equal(dispatcher.stats.responses, 20);
    assert.equal(dispatcher.stats.dropped.unknownRequest, 40);
  } finally {
    mode = 'normal';
    await s.close();
  }
});

test('a late reply after the last retry is dropped, and the session goes on', async () => {
  mode = 'late';
  lateMs = 120;
  const dispatcher = new Dispatcher();
  const s = session({ timeout: 40, retries: 0, dispatcher });
  try {
    await assert.rejects(s.get('1.3.6.1.2.1.1.1.0'), RequestTimeoutError);
    await wait(200);
    assert.equal(dispatcher.stats.dropped.unknownRequest, 1);
    mode = 'normal';
    assert.equal(text((await s.get('1.3.6.1.2.1.1.3.0'))[0]!), 'value 3');
  } finally {
    mode = 'normal';
    await s.close();
  }
});

test('garbage bytes are dropped as malformed without harm', async () => {
  mode = 'garbageFirst';
  const { drops, stop } = captureDrops();
  const dispatcher = new Dispatcher();
  const s = session({ dispatcher });
  try {
    for (let i = 1; i <= 5; i++) assert.equal(text((await s.get(`1.3.6.1.2.1.1.${i}.0`))[0]!), `value ${i}`);
    await wait(20);
    assert.equal(dispatcher.stats.dropped.malformed, 5 * 7);
    assert.ok(drops.filter((d) => d.reason === 'malformed').every((d) => d.error?.name === 'DecodeError'));
    assert.equal(dispatcher.stats.responses, 5);
  } finally {
    stop();
    mode = 'normal';
    await s.close();
  }
});

test('tooBig: gets split, bulk walks shrink, and the learned size sticks', async () => {
  agent.options.maxResponseVarbinds = 5;
  const s = session();
  try {
    const oids = Array.from({ length: 12 }, (_, i) => `1.3.6.1.2.1.1.${i + 1}.0`);
    assert.deepEqual((await s.get(oids)).map(text), oids.map((_, i) => `value ${i + 1}`));
    const walked = await collect(s.bulkWalk('1.3.6.1.2.1.2.2.1.1', { maxRepetitions: 20 }));
    assert.deepEqual(walked.map((v) => v.value), Array.from({ length: 40 }, (_, i) => i + 1));
    const n = agent.requests.length;
    await collect(s.bulkWalk('1.3.6.1.2.1.2.2.1.1', { maxRepetitions: 20 }));
    const later = agent.requests.slice(n) as GetBulkPdu[];
    assert.ok(later.every((p) => p.maxRepetitions <= 5), `learned: ${later.map((p) => p.maxRepetitions)}`);
  } finally {
    delete agent.options.maxResponseVarbinds;
    await s.close();
  }
});
