/**
 * The dispatcher on an in-memory network with a fake clock: retries and exponential
 * backoff, one timer for many requests, aborts, close, shared transports, in-flight
 * limits, request ids, and every kind of dropped message.
 */
import assert from 'node:assert/strict';
import diagnostics_channel from 'node:diagnostics_channel';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { AbortError, RequestError, RequestTimeoutError } from '../../src/errors.js';
import { DROP_CHANNEL, type DropMessage, SEND_CHANNEL, type SendMessage } from '../../src/manager/diagnostics.js';
import { Dispatcher, type TransportFactory, type TransportSpec } from '../../src/manager/dispatcher.js';
import { Session } from '../../src/manager/session.js';
import { decodeMessage, encodeCommunityMessage } from '../../src/message/codec.js';
import type { BasicPdu } from '../../src/pdu/types.js';
import { FakeClock, FakeNetwork, settle } from './fake-network.js';
import { MiniAgent, str } from './mini-agent.js';

const AGENT = { domain: 'udp', host: '127.0.0.1', port: 161 } as const;
const SYS_DESCR = '1.3.6.1.2.1.1.1.0';

function setup(maxInFlight?: number) {
  const clock = new FakeClock();
  const net = new FakeNetwork(clock);
  const dispatcher = new Dispatcher({ transportFactory: net.factory, clock, ...(maxInFlight === undefined ? {} : { maxInFlight }) });
  return { clock, net, dispatcher };
}

function requestIdOf(bytes: Uint8Array): number {
  const m = decodeMessage(bytes);
  if (m.version === 3) throw new Error('v3');
  return (m.pdu as BasicPdu).requestId;
}

function capture<T>(channel: string): { messages: T[]; stop: () => void } {
  const messages: T[] = [];
  const fn = (m: unknown): void => void messages.push(m as T);
  diagnostics_channel.subscribe(channel, fn);
  return { messages, stop: () => diagnostics_channel.unsubscribe(channel, fn) };
}

/** Settles a promise into a record the test can look at without awaiting it. */
function track<T>(p: Promise<T>): { done: boolean; value?: T; error?: unknown } {
  const s: { done: boolean; value?: T; error?: unknown } = { done: false };
  p.then(
    (v) => Object.assign(s, { done: true, value: v }),
    (e: unknown) => Object.assign(s, { done: true, error: e }),
  );
  return s;
}

test('a request that gets no answer is sent 1 + retries times with exponential backoff, then fails with RequestTimeoutError', async () => {
  const { clock, net, dispatcher } = setup();
  const sends = capture<SendMessage>(SEND_CHANNEL);
  const s = new Session({ peer: 'udp:127.0.0.1:161', timeout: 100, retries: 3, dispatcher });
  try {
    const r = track(s.get(SYS_DESCR));
    await clock.advance(0);
    assert.deepEqual(net.sent.map((m) => m.at), [0]);
    await clock.advance(1499);
    // first timeout 100, then 200, 400, 800: sends at 0, 100, 300, 700; failure at 1500
    assert.deepEqual(net.sent.map((m) => m.at), [0, 100, 300, 700]);
    assert.equal(r.done, false, 'still waiting for the last attempt');
    await clock.advance(1);
    assert.equal(r.done, true);
    assert.ok(r.error instanceof RequestTimeoutError, String(r.error));
    assert.equal(r.error.retries, 3);
    assert.equal(r.error.timeout, 100);
    assert.equal(r.error.target, 'udp:127.0.0.1:161');
    // the same message (same request id) every time
    const ids = net.sent.map((m) => requestIdOf(m.bytes));
    assert.equal(new Set(ids).size, 1);
    const mine = sends.messages.filter((m) => m.requestId === ids[0]);
    assert.deepEqual(mine.map((m) => [m.attempt, m.timeout]), [[0, 100], [1, 200], [2, 400], [3, 800]]);
    assert.equal(dispatcher.stats.timeouts, 1);
    assert.equal(dispatcher.stats.retries, 3);
    assert.equal(clock.armed, 0, 'no timer left behind');
  } finally {
    sends.stop();
    await s.close();
  }
});

test('backoff 1 keeps the timeout constant; per-call timeout and retries override the session', async () => {
  const { clock, net, dispatcher } = setup();
  const s = new Session({ peer: 'udp:127.0.0.1:161', timeout: 100, retries: 5, backoff: 1, dispatcher });
  try {
    const r = track(s.get(SYS_DESCR));
    await clock.advance(600);
    assert.deepEqual(net.sent.map((m) => m.at), [0, 100, 200, 300, 400, 500]);
    assert.ok(r.error instanceof RequestTimeoutError);
    net.sent.length = 0;
    const r2 = track(s.get(SYS_DESCR, { timeout: 50, retries: 1 }));
    await clock.advance(99);
    assert.equal(r2.done, false);
    await clock.advance(1);
    assert.ok(r2.error instanceof RequestTimeoutError);
    assert.deepEqual(net.sent.map((m) => m.at), [600, 650]);
  } finally {
    await s.close();
  }
});

test('an answer to a retry completes the request', async () => {
  const { clock, net, dispatcher } = setup();
  const agent = new MiniAgent([str(SYS_DESCR, 'box')]);
  let seen = 0;
  net.listen(AGENT, (m, _from, reply) => {
    if (++seen === 2) reply(agent.handle(m)!);
  });
  const s = new Session({ peer: 'udp:127.0.0.1:161', timeout: 100, retries: 2, dispatcher });
  try {
    const r = track(s.get(SYS_DESCR));
    await clock.advance(150);
    assert.equal(r.done, true);
    assert.equal(new TextDecoder().decode(r.value![0]!.value as Uint8Array), 'box');
    assert.equal(net.sent.length, 2);
    await clock.advance(1000);
    assert.equal(net.sent.length, 2, 'no retry after the answer');
  } finally {
    await s.close();
  }
});

test('thousands of pending requests use one timer', async () => {
  const { clock, dispatcher } = setup(5000);
  const sessions = Array.from({ length: 2000 }, (_, i) => new Session({ peer: `udp:10.0.${i >> 8}.${i & 255}:161`, timeout: 1000, retries: 1, dispatcher }));
  try {
    const results = sessions.map((s) => track(s.get(SYS_DESCR)));
    await clock.advance(10);
    assert.equal(dispatcher.inFlight, 2000);
    assert.equal(clock.armed, 1);
    await clock.advance(1000);
    assert.equal(clock.armed, 1, 'the retries share it too');
    await clock.advance(2000);
    assert.ok(results.every((r) => r.error instanceof RequestTimeoutError));
    assert.equal(clock.armed, 0);
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
});

test('an aborted request rejects with AbortError; a late answer to it is dropped', async () => {
  const { clock, net, dispatcher } = setup();
  const agent = new MiniAgent([str(SYS_DESCR, 'box')]);
  const held: (() => void)[] = [];
  net.listen(AGENT, (m, _from, reply) => held.push(() => reply(agent.handle(m)!)));
  const drops = capture<DropMessage>(DROP_CHANNEL);
  const s = new Session({ peer: 'udp:127.0.0.1:161', timeout: 100, retries: 0, dispatcher });
  try {
    await assert.rejects(s.get(SYS_DESCR, { signal: AbortSignal.abort('no') }), AbortError);
    assert.equal(net.sent.length, 0, 'nothing sent for a signal aborted already');
    const ac = new AbortController();
    const r = track(s.get(SYS_DESCR, { signal: ac.signal }));
    await clock.advance(10);
    ac.abort();
    await settle();
    assert.ok(r.error instanceof AbortError);
    held.forEach((h) => h());
    await clock.advance(10);
    assert.equal(drops.messages.filter((d) => d.reason === 'unknownRequest').length, 1);
    assert.equal(dispatcher.pending, 0);
  } finally {
    drops.stop();
    await s.close();
  }
});

test('one signal for many requests: one abort listener on it, and its abort rejects every request still pending', async () => {
  const { clock, net, dispatcher } = setup();
  const agent = new MiniAgent([str(SYS_DESCR, 'box')]);
  let answer = true;
  net.listen(AGENT, (m, _from, reply) => {
    if (answer) reply(agent.handle(m)!);
  });
  const s = new Session({ peer: 'udp:127.0.0.1:161', timeout: 100, retries: 0, dispatcher });
  try {
    const ac = new AbortController();
    for (let i = 0; i < 50; i++) {
      const r = track(s.get(SYS_DESCR, { signal: ac.signal }));
      await clock.advance(1);
      await settle();
      assert.equal(r.done && r.error === undefined, true, `request ${i} answered`);
    }
    assert.equal(getEventListeners(ac.signal, 'abort').length, 1, 'one listener for 50 requests');
    answer = false;
    const pending = Array.from({ length: 5 }, () => track(s.get(SYS_DESCR, { signal: ac.signal })));
    const other = track(s.get(SYS_DESCR));
    await clock.advance(10);
    assert.equal(dispatcher.pending, 6);
    ac.abort();
    await settle();
    assert.ok(pending.every((r) => r.error instanceof AbortError), 'every request under the signal is aborted');
    assert.equal(other.done, false, 'a request without the signal goes on');
    assert.equal(dispatcher.pending, 1);
    await clock.advance(200);
    assert.ok(other.error instanceof RequestTimeoutError);
  } finally {
    await s.close();
  }
});

test('close rejects pending requests with AbortError and releases the shared socket with the last session', async () => {
  const { clock, net, dispatcher } = setup();
  const a = new Session({ peer: 'udp:127.0.0.1:161', dispatcher });
  const b = new Session({ peer: 'udp:127.0.0.2:161', dispatcher });
  const c = new Session({ peer: 'udp6:[::1]:161', dispatcher });
  const ra = track(a.get(SYS_DESCR));
  const rb = track(b.get(SYS_DESCR));
  const rc = track(c.get(SYS_DESCR));
  await clock.advance(10);
  assert.equal(net.transports.length, 2, 'one socket per address family');
  await a.close();
  await settle();
  assert.ok(ra.error instanceof AbortError);
  assert.equal(rb.done, false, "another session's request is not touched");
  assert.equal(net.openCount, 2);
  await b.close();
  assert.ok(rb.error instanceof AbortError);
  assert.equal(net.openCount, 1, 'the udp socket closes with its last session');
  await c.close();
  assert.ok(rc.error instanceof AbortError);
  assert.equal(net.openCount, 0);
  await assert.rejects(a.get(SYS_DESCR), AbortError);
  assert.equal(clock.armed, 0);
});

test('requests in flight stay within the per-address and the overall limits; the rest wait in a queue', async () => {
  const { clock, net, dispatcher } = setup(3);
  const agent = new MiniAgent([str(SYS_DESCR, 'box')]);
  const held: (() => void)[] = [];
  let inAgent = 0;
  let maxPerTarget = 0;
  const perTarget = new Map<number, number>();
  for (let i = 1; i <= 3; i++) {
    const address = { domain: 'udp', host: `127.0.0.${i}`, port: 161 } as const;
    net.listen(address, (m, _from, reply) => {
      inAgent++;
      perTarget.set(i, (perTarget.get(i) ?? 0) + 1);
      maxPerTarget = Math.max(maxPerTarget, perTarget.get(i)!);
      held.push(() => {
        inAgent--;
        perTarget.set(i, perTarget.get(i)! - 1);
        reply(agent.handle(m)!);
      });
    });
  }
  const sessions = [1, 2, 3].map((i) => new Session({ peer: `udp:127.0.0.${i}:161`, maxInFlight: 2, timeout: 10000, retries: 0, dispatcher }));
  try {
    const results = sessions.flatMap((s) => Array.from({ length: 10 }, () => track(s.get(SYS_DESCR))));
    let rounds = 0;
    while (results.some((r) => !r.done) && rounds++ < 100) {
      await clock.advance(1);
      assert.ok(inAgent <= 3, `overall limit: ${inAgent} in flight`);
      assert.ok(maxPerTarget <= 2, `per-target limit: ${maxPerTarget}`);
      held.splice(0, 1).forEach((h) => h());
    }
    assert.ok(results.every((r) => r.done && r.error === undefined));
    assert.equal(net.sent.length, 30);
    // every target was served while others waited (round robin, not one target first)
    const firstNine = net.sent.slice(0, 9).map((m) => m.to.host);
    assert.equal(new Set(firstNine).size, 3);
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
});

test('request ids are random, non-zero, 31-bit and unique among pending requests', async () => {
  const { clock, net, dispatcher } = setup(5000);
  const s = new Session({ peer: 'udp:127.0.0.1:161', maxInFlight: 5000, timeout: 1000, retries: 0, dispatcher });
  try {
    const all = Array.from({ length: 3000 }, () => s.get(SYS_DESCR).catch(() => undefined));
    await clock.advance(1);
    const ids = net.sent.map((m) => requestIdOf(m.bytes));
    assert.equal(ids.length, 3000);
    assert.equal(new Set(ids).size, 3000);
    assert.ok(ids.every((id) => Number.isInteger(id) && id >= 1 && id <= 0x7fffffff));
    assert.ok(ids.every((id) => id >= 0x800000 && id < 0x40000000), "four octets, and a small integer to V8");
    const sorted = [...ids].sort((a, b) => a - b);
    assert.notDeepEqual(ids, sorted, 'not sequential');
    await clock.advance(1000);
    await Promise.all(all);
  } finally {
    await s.close();
  }
});

test('a reply from the wrong address, a duplicate, garbage, another version or a non-Response is dropped and counted, never delivered', async () => {
  const { clock, net, dispatcher } = setup();
  const agent = new MiniAgent([str(SYS_DESCR, 'box')]);
  const drops = capture<DropMessage>(DROP_CHANNEL);
  net.listen(AGENT, (m, _from, reply) => {
    const good = agent.handle(m)!;
    const msg = decodeMessage(good);
    if (msg.version === 3) throw new Error('v3');
    reply(good, { domain: 'udp', host: '127.0.0.9', port: 161 }); // same bytes, wrong host
    reply(good, { domain: 'udp', host: '127.0.0.1', port: 1161 }); // wrong port
    reply(Uint8Array.of(0x30, 0x03, 0x02, 0x01)); // garbage
    reply(encodeCommunityMessage({ ...msg, version: msg.version === 1 ? 0 : 1 })); // other version
    reply(encodeCommunityMessage({ ...msg, pdu: { ...(msg.pdu as BasicPdu), type: 'GetRequest' } })); // not a Response
    reply(good);
    reply(good); // duplicate
  });
  const s = new Session({ peer: 'udp:127.0.0.1:161', timeout: 100, retries: 0, dispatcher });
  try {
    const r = track(s.get(SYS_DESCR));
    await clock.advance(50);
    assert.ok(r.done && r.error === undefined, String(r.error));
    const reasons = drops.messages.map((d) => d.reason).sort();
    assert.deepEqual(reasons, ['malformed', 'notResponse', 'unknownRequest', 'wrongSource', 'wrongSource', 'wrongVersion']);
    assert.deepEqual(dispatcher.stats.dropped, { malformed: 1, unknownRequest: 1, wrongSource: 2, wrongVersion: 1, notResponse: 1 });
    const malformed = drops.messages.find((d) => d.reason === 'malformed')!;
    assert.equal(malformed.error?.name, 'DecodeError');
    assert.equal(dispatcher.stats.responses, 1);
  } finally {
    drops.stop();
    await s.close();
  }
});

test('responses received together settle together, in the order they came, within the same turn of the event loop', async () => {
  const { net, dispatcher } = setup();
  const agent = new MiniAgent([str(SYS_DESCR, 'box')]);
  const held: { answer: Uint8Array }[] = [];
  net.listen(AGENT, (m) => void held.push({ answer: agent.handle(m)! }));
  const s1 = new Session({ peer: 'udp:127.0.0.1:161', timeout: 1000, retries: 0, dispatcher });
  const s2 = new Session({ peer: 'udp:127.0.0.1:161', timeout: 1000, retries: 0, dispatcher });
  try {
    const order: string[] = [];
    const a = s1.get(SYS_DESCR).then(() => void order.push('a'));
    const b = s2.get(SYS_DESCR).then(() => void order.push('b'));
    await settle();
    assert.equal(held.length, 2);
    const transport = net.transports[0]!;
    // Answers in the reverse order of the requests, one delivery after the other, as a
    // socket hands over the datagrams it read in one I/O phase.
    transport.deliver(held[1]!.answer, AGENT);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    assert.deepEqual(order, [], 'a response settles with the others of its turn, not after each datagram');
    transport.deliver(held[0]!.answer, AGENT);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([a, b]);
    assert.deepEqual(order, ['b', 'a']);
    assert.equal(dispatcher.stats.responses, 2);
  } finally {
    await s1.close();
    await s2.close();
  }
});

test('a reply that only comes from the wrong address leaves the request to time out', async () => {
  const { clock, net, dispatcher } = setup();
  const agent = new MiniAgent([str(SYS_DESCR, 'box')]);
  net.listen(AGENT, (m, _from, reply) => reply(agent.handle(m)!, { domain: 'udp', host: '127.0.0.66', port: 161 }));
  const s = new Session({ peer: 'udp:127.0.0.1:161', timeout: 100, retries: 1, dispatcher });
  try {
    const r = track(s.get(SYS_DESCR));
    await clock.advance(400);
    assert.ok(r.error instanceof RequestTimeoutError);
    assert.equal(dispatcher.stats.dropped.wrongSource, 2);
  } finally {
    await s.close();
  }
});

test('SNMPv3 options are validated now, and a v3 request fails with a clear RequestError', async () => {
  const { dispatcher } = setup();
  const s = new Session({ peer: 'udp:127.0.0.1:161', version: 'v3', user: 'alice', securityLevel: 'authPriv', authProtocol: 'SHA-256', authPassword: 'password1', privProtocol: 'AES', privPassword: 'password2', dispatcher });
  try {
    await assert.rejects(s.get(SYS_DESCR), (e: unknown) => e instanceof RequestError && /SNMPv3/.test(e.message));
  } finally {
    await s.close();
  }
});

test('a dispatcher closed rejects what is pending and refuses new targets', async () => {
  const { clock, net, dispatcher } = setup();
  const s = new Session({ peer: 'udp:127.0.0.1:161', dispatcher });
  const r = track(s.get(SYS_DESCR));
  await clock.advance(1);
  await dispatcher.close();
  await settle();
  assert.ok(r.error instanceof AbortError);
  assert.equal(net.openCount, 0);
  const s2 = new Session({ peer: 'udp:127.0.0.1:161', dispatcher });
  await assert.rejects(s2.get(SYS_DESCR), AbortError);
  await s.close();
  await s2.close();
});

test('connectUdp gives each UDP target a transport of its own, opened connected to it', async () => {
  const net = new FakeNetwork();
  const specs: TransportSpec[] = [];
  const a = { domain: 'udp', host: '127.0.0.1', port: 161 } as const;
  const b = { domain: 'udp', host: '127.0.0.2', port: 161 } as const;
  const agent = new MiniAgent([str(SYS_DESCR, 'up')]);
  for (const at of [a, b]) {
    net.listen(at, (m, _from, reply) => {
      const r = agent.handle(m);
      if (r !== undefined) reply(r);
    });
  }
  const factory: TransportFactory = (spec) => {
    specs.push(spec);
    return net.factory(spec);
  };
  for (const connectUdp of [true, false]) {
    specs.length = 0;
    const dispatcher = new Dispatcher({ transportFactory: factory, connectUdp });
    const s1 = new Session({ peer: 'udp:127.0.0.1:161', dispatcher });
    const s2 = new Session({ peer: 'udp:127.0.0.2:161', dispatcher });
    const s3 = new Session({ peer: 'udp:127.0.0.1:161', dispatcher });
    try {
      const [r1, r2, r3] = await Promise.all([s1.get(SYS_DESCR), s2.get(SYS_DESCR), s3.get(SYS_DESCR)]);
      assert.ok(r1.length === 1 && r2.length === 1 && r3.length === 1);
      assert.equal(dispatcher.transports, connectUdp ? 2 : 1);
      assert.deepEqual(
        specs.map((sp) => [sp.remote.host, sp.connect]),
        connectUdp ? [['127.0.0.1', true], ['127.0.0.2', true]] : [['127.0.0.1', false]],
      );
    } finally {
      await Promise.all([s1.close(), s2.close(), s3.close()]);
    }
  }
});
