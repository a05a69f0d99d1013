/**
 * The dispatcher's per-address in-flight limit on an in-memory network with a fake clock:
 * sessions to one agent address (domain, host, port) share its count and take turns;
 * sessions to other addresses are not held back by it; closing one session rejects only its
 * own requests and gives its slots to the others.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbortError } from '../../src/errors.js';
import { Dispatcher } from '../../src/manager/dispatcher.js';
import { Session } from '../../src/manager/session.js';
import { decodeMessage } from '../../src/message/codec.js';
import type { TransportAddress } from '../../src/transport/types.js';
import { FakeClock, FakeNetwork, settle } from './fake-network.js';
import { MiniAgent, str } from './mini-agent.js';

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';

/** Settles a promise into a record the test can look at without awaiting it. */
function track<T>(p: Promise<T>): { done: boolean; value?: T; error?: unknown } {
  const s: { done: boolean; value?: T; error?: unknown } = { done: false };
  p.then(
    (v) => Object.assign(s, { done: true, value: v }),
    (e: unknown) => Object.assign(s, { done: true, error: e }),
  );
  return s;
}

/**
 * Agents that hold every request until the test releases it: counts what each holds now
 * and at most, and the community of each request in arrival order (to tell sessions apart).
 */
function holdingAgents(net: FakeNetwork, addresses: readonly TransportAddress[]) {
  const agent = new MiniAgent([str(SYS_DESCR, 'box')]);
  const now = addresses.map(() => 0);
  const most = addresses.map(() => 0);
  const held = addresses.map(() => [] as (() => void)[]);
  const communities: string[] = [];
  addresses.forEach((address, i) => {
    net.listen(address, (m, _from, reply) => {
      const msg = decodeMessage(m);
      if (msg.version !== 3) communities.push(new TextDecoder().decode(msg.community));
      now[i]!++;
      most[i] = Math.max(most[i]!, now[i]!);
      held[i]!.push(() => {
        now[i]!--;
        reply(agent.handle(m)!);
      });
    });
  });
  /** Answers the oldest request held at address i, if any. */
  const release = (i: number): void => held[i]!.shift()?.();
  return { now, most, held, communities, release };
}

function setup() {
  const clock = new FakeClock();
  const net = new FakeNetwork(clock);
  const dispatcher = new Dispatcher({ transportFactory: net.factory, clock });
  return { clock, net, dispatcher };
}

test('sessions to one agent address share its in-flight limit and take turns', async () => {
  const { clock, net, dispatcher } = setup();
  const agents = holdingAgents(net, [{ domain: 'udp', host: '127.0.0.1', port: 161 }]);
  const common = { peer: 'udp:127.0.0.1:161', maxInFlight: 2, timeout: 10000, retries: 0, dispatcher } as const;
  const s1 = new Session({ ...common, community: 'public' });
  const s2 = new Session({ ...common, community: 'private' });
  try {
    const results = [s1, s2].flatMap((s) => Array.from({ length: 6 }, () => track(s.get(SYS_DESCR))));
    await clock.advance(1);
    assert.equal(agents.now[0], 2, 'two in flight to the address, not two per session');
    assert.equal(dispatcher.inFlight, 2);
    assert.equal(net.sent.length, 2);
    let rounds = 0;
    while (results.some((r) => !r.done) && rounds++ < 100) {
      agents.release(0);
      await clock.advance(1);
      assert.ok(agents.now[0]! <= 2, `${agents.now[0]} in flight to one address`);
    }
    assert.ok(results.every((r) => r.done && r.error === undefined), 'every request answered');
    assert.equal(agents.most[0], 2);
    assert.equal(net.sent.length, 12, 'nothing lost or sent twice');
    // The second session is served while the first still has requests waiting (turns, not
    // all of the first session's queue first).
    const firstSix = agents.communities.slice(0, 6);
    assert.ok(firstSix.filter((c) => c === 'private').length >= 2, firstSix.join(' '));
  } finally {
    await Promise.all([s1.close(), s2.close()]);
  }
});

test('sessions to different addresses (host or port) have independent limits', async () => {
  const { clock, net, dispatcher } = setup();
  const addresses = [
    { domain: 'udp', host: '127.0.0.1', port: 161 },
    { domain: 'udp', host: '127.0.0.2', port: 161 },
    { domain: 'udp', host: '127.0.0.1', port: 1161 },
  ] as const;
  const agents = holdingAgents(net, addresses);
  const sessions = ['udp:127.0.0.1:161', 'udp:127.0.0.2:161', 'udp:127.0.0.1:1161'].map((peer) => new Session({ peer, maxInFlight: 2, timeout: 10000, retries: 0, dispatcher }));
  try {
    const results = sessions.map((s) => Array.from({ length: 5 }, () => track(s.get(SYS_DESCR))));
    await clock.advance(1);
    assert.deepEqual(agents.now, [2, 2, 2]);
    assert.equal(dispatcher.inFlight, 6);
    // The first address never answers; the others finish all their requests meanwhile.
    let rounds = 0;
    while (results.slice(1).flat().some((r) => !r.done) && rounds++ < 100) {
      agents.release(1);
      agents.release(2);
      await clock.advance(1);
    }
    assert.ok(results.slice(1).flat().every((r) => r.done && r.error === undefined));
    assert.deepEqual(agents.most, [2, 2, 2]);
    assert.equal(agents.now[0], 2);
    assert.equal(results[0]!.filter((r) => r.done).length, 0, 'the stuck address keeps its queue');
    assert.equal(dispatcher.inFlight, 2);
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
  }
});

test('closing one session rejects only its own requests, in flight and queued, and frees its slots for the others', async () => {
  const { clock, net, dispatcher } = setup();
  const agents = holdingAgents(net, [{ domain: 'udp', host: '127.0.0.1', port: 161 }]);
  const common = { peer: 'udp:127.0.0.1:161', maxInFlight: 2, timeout: 10000, retries: 0, dispatcher } as const;
  const s1 = new Session({ ...common, community: 'public' });
  const s2 = new Session({ ...common, community: 'private' });
  try {
    await s1.connect();
    await s2.connect();
    const r1 = Array.from({ length: 4 }, () => track(s1.get(SYS_DESCR)));
    const r2 = Array.from({ length: 4 }, () => track(s2.get(SYS_DESCR)));
    await clock.advance(1);
    assert.deepEqual(agents.communities, ['public', 'public'], 'the first session holds both slots');
    assert.equal(dispatcher.pending, 8);
    await s1.close();
    await clock.advance(1);
    assert.ok(r1.every((r) => r.error instanceof AbortError), 'in-flight and queued requests of the closed session reject');
    assert.ok(r2.every((r) => !r.done), "the other session's requests are untouched");
    assert.deepEqual(agents.communities, ['public', 'public', 'private', 'private'], 'the freed slots go to the other session');
    assert.equal(dispatcher.inFlight, 2);
    assert.equal(dispatcher.pending, 4);
    // The closed session's late answers are dropped; the other session completes.
    let rounds = 0;
    while (r2.some((r) => !r.done) && rounds++ < 100) {
      agents.release(0);
      await clock.advance(1);
    }
    assert.ok(r2.every((r) => r.done && r.error === undefined));
    assert.equal(dispatcher.stats.dropped.unknownRequest, 2);
    assert.equal(dispatcher.pending, 0);
  } finally {
    await Promise.all([s1.close(), s2.close()]);
    await settle();
  }
});

test('sessions with different limits to one address take turns in order: the lower limit is not starved', async () => {
  const { clock, net, dispatcher } = setup();
  const agents = holdingAgents(net, [{ domain: 'udp', host: '127.0.0.1', port: 161 }]);
  const common = { peer: 'udp:127.0.0.1:161', timeout: 10000, retries: 0, dispatcher } as const;
  const wide = new Session({ ...common, maxInFlight: 3, community: 'public' });
  const narrow = new Session({ ...common, maxInFlight: 1, community: 'private' });
  try {
    await wide.connect();
    await narrow.connect();
    const results = [track(wide.get(SYS_DESCR)), track(wide.get(SYS_DESCR)), track(wide.get(SYS_DESCR))];
    results.push(track(narrow.get(SYS_DESCR)));
    results.push(track(wide.get(SYS_DESCR)), track(wide.get(SYS_DESCR)));
    await clock.advance(1);
    assert.equal(agents.now[0], 3);
    agents.release(0);
    await clock.advance(1);
    assert.equal(agents.communities.length, 3, 'the narrow session is next in line, and waits for the count to fall below 1; no one passes it');
    agents.release(0);
    agents.release(0);
    await clock.advance(1);
    let rounds = 0;
    while (results.some((r) => !r.done) && rounds++ < 100) {
      agents.release(0);
      await clock.advance(1);
    }
    assert.ok(results.every((r) => r.done && r.error === undefined));
    assert.deepEqual(agents.communities, ['public', 'public', 'public', 'private', 'public', 'public']);
    assert.equal(agents.most[0], 3);
  } finally {
    await Promise.all([wide.close(), narrow.close()]);
  }
});
