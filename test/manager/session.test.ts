/**
 * Session operations against the in-memory agent: get, getNext, getBulk and set with typed
 * values, error statuses, tooBig handling (split gets, shrinking bulks, sizes learned per
 * target) and option validation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { InvalidArgumentError, RequestError, ResponseStatusError } from '../../src/errors.js';
import { Dispatcher } from '../../src/manager/dispatcher.js';
import { resolveSessionOptions } from '../../src/manager/options.js';
import { Session } from '../../src/manager/session.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import type { GetBulkPdu } from '../../src/pdu/types.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { FakeNetwork } from './fake-network.js';
import { MiniAgent, type MiniAgentOptions, str, vb } from './mini-agent.js';

const AGENT = { domain: 'udp', host: '127.0.0.1', port: 161 } as const;
const text = (v: VarBind): string => new TextDecoder().decode(v.value as Uint8Array);

function mib(): VarBind[] {
  const out: VarBind[] = [];
  for (let i = 1; i <= 20; i++) out.push(str(`1.3.6.1.2.1.1.${i}.0`, `value ${i}`));
  return out;
}

function setup(version: 'v1' | 'v2c', options: MiniAgentOptions = {}, varbinds: VarBind[] = mib()) {
  const net = new FakeNetwork();
  const agent = new MiniAgent(varbinds, options);
  net.listen(AGENT, (m, _from, reply) => {
    const r = agent.handle(m);
    if (r !== undefined) reply(r);
  });
  const dispatcher = new Dispatcher({ transportFactory: net.factory });
  const session = (community = 'public'): Session => new Session({ peer: 'udp:127.0.0.1:161', version, community, timeout: 200, retries: 0, dispatcher });
  return { net, agent, session };
}

test('get of several varbinds returns them in order, with v2c exception values', async () => {
  const { session } = setup('v2c');
  const s = session();
  try {
    const r = await s.get(['1.3.6.1.2.1.1.3.0', Oid.parse('1.3.6.1.2.1.1.1.0'), '1.3.6.1.2.1.1.1.5', '1.3.6.1.2.1.9.0']);
    assert.deepEqual(r.map((v) => v.oid.toString()), ['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.1.5', '1.3.6.1.2.1.9.0']);
    assert.equal(text(r[0]!), 'value 3');
    assert.equal(text(r[1]!), 'value 1');
    assert.equal(r[2]!.type, 'NoSuchInstance');
    assert.equal(r[3]!.type, 'NoSuchObject');
  } finally {
    await s.close();
  }
});

test('v1 get of a missing object rejects with ResponseStatusError(noSuchName) naming the index and the OID', async () => {
  const { session } = setup('v1');
  const s = session();
  try {
    await assert.rejects(s.get(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.77.0']), (e: unknown) => {
      assert.ok(e instanceof ResponseStatusError);
      assert.equal(e.status, 'noSuchName');
      assert.equal(e.statusCode, 2);
      assert.equal(e.errorIndex, 2);
      assert.equal(e.oid, '1.3.6.1.2.1.1.77.0');
      return true;
    });
  } finally {
    await s.close();
  }
});

test('getNext and getBulk (non-repeaters and max-repetitions)', async () => {
  const { session, agent } = setup('v2c');
  const s = session();
  try {
    const n = await s.getNext(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.5']);
    assert.deepEqual(n.map((v) => v.oid.toString()), ['1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.5.0']);
    const b = await s.getBulk(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.10.0'], { nonRepeaters: 1, maxRepetitions: 3 });
    assert.deepEqual(b.map((v) => v.oid.toString()), ['1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.11.0', '1.3.6.1.2.1.1.12.0', '1.3.6.1.2.1.1.13.0']);
    const last = agent.requests.at(-1) as GetBulkPdu;
    assert.equal(last.type, 'GetBulkRequest');
    assert.equal(last.nonRepeaters, 1);
    assert.equal(last.maxRepetitions, 3);
  } finally {
    await s.close();
  }
});

test('set sends typed values through the read-write community and they read back', async () => {
  const { session } = setup('v2c');
  const s = session('private');
  try {
    const values: VarBind[] = [
      vb('1.3.6.1.4.1.1.1.0', 'Integer32', -5),
      str('1.3.6.1.4.1.1.2.0', 'hello'),
      vb('1.3.6.1.4.1.1.3.0', 'ObjectIdentifier', Oid.parse('1.3.6.1.4.1.99')),
      vb('1.3.6.1.4.1.1.4.0', 'IpAddress', '192.0.2.7'),
      vb('1.3.6.1.4.1.1.5.0', 'Counter32', 4294967295),
      vb('1.3.6.1.4.1.1.6.0', 'Gauge32', 7),
      vb('1.3.6.1.4.1.1.7.0', 'TimeTicks', 12345),
      vb('1.3.6.1.4.1.1.8.0', 'Counter64', 18446744073709551615n),
      vb('1.3.6.1.4.1.1.9.0', 'Opaque', Uint8Array.of(1, 2)),
    ];
    const echoed = await s.set(values);
    assert.equal(echoed.length, values.length);
    const back = await s.get(values.map((v) => v.oid));
    assert.deepEqual(
      back.map((v) => [v.type, v.value instanceof Oid ? v.value.toString() : v.value]),
      values.map((v) => [v.type, v.value instanceof Oid ? v.value.toString() : v.value]),
    );
    await assert.rejects(s.set([vb('1.3.6.1.4.1.1.1.0', 'Integer32', 2 ** 31)]), InvalidArgumentError);
  } finally {
    await s.close();
  }
});

test('a set through the read-only community is refused: noAccess in v2c, noSuchName in v1', async () => {
  for (const [version, status] of [
    ['v2c', 'noAccess'],
    ['v1', 'noSuchName'],
  ] as const) {
    const { session } = setup(version);
    const s = session('public');
    try {
      await assert.rejects(s.set([str('1.3.6.1.2.1.1.5.0', 'x')]), (e: unknown) => e instanceof ResponseStatusError && e.status === status && e.errorIndex === 1 && e.oid === '1.3.6.1.2.1.1.5.0');
    } finally {
      await s.close();
    }
  }
});

test('tooBig: a get is split, the results stay in order, and the working size is learned for the target', async () => {
  const { session, agent } = setup('v2c', { maxResponseVarbinds: 3 });
  const s = session();
  try {
    const oids = Array.from({ length: 10 }, (_, i) => `1.3.6.1.2.1.1.${i + 1}.0`);
    const r = await s.get(oids);
    assert.deepEqual(r.map((v) => v.oid.toString()), oids);
    assert.deepEqual(r.map(text), oids.map((_, i) => `value ${i + 1}`));
    const first = agent.requests.length;
    assert.ok(first > 2);
    const r2 = await s.get(oids);
    assert.deepEqual(r2.map((v) => v.oid.toString()), oids);
    const sizes = agent.requests.slice(first).map((p) => p.varbinds.length);
    assert.ok(sizes.every((n) => n <= 3), `learned size used: ${sizes}`);
    assert.equal(sizes.reduce((a, b) => a + b, 0), 10, 'no tooBig round trips the second time');
  } finally {
    await s.close();
  }
});

test('tooBig on a single varbind, and on a set, is an error', async () => {
  const { session } = setup('v2c', { maxResponseVarbinds: 0 });
  const s = session('private');
  try {
    await assert.rejects(s.get('1.3.6.1.2.1.1.1.0'), (e: unknown) => e instanceof ResponseStatusError && e.status === 'tooBig');
    await assert.rejects(s.set([str('1.3.6.1.2.1.1.5.0', 'x'), str('1.3.6.1.2.1.1.6.0', 'y')]), (e: unknown) => e instanceof ResponseStatusError && e.status === 'tooBig');
  } finally {
    await s.close();
  }
});

test('an error inside a split get names the index in the whole request', async () => {
  const { session } = setup('v1', { maxResponseVarbinds: 2 });
  const s = session();
  try {
    const oids = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.4.0', '1.3.6.1.2.1.1.99.0'];
    await assert.rejects(s.get(oids), (e: unknown) => e instanceof ResponseStatusError && e.status === 'noSuchName' && e.errorIndex === 5 && e.oid === '1.3.6.1.2.1.1.99.0');
  } finally {
    await s.close();
  }
});

test('tooBig on getBulk halves max-repetitions until it fits', async () => {
  const { session, agent } = setup('v2c', { maxResponseVarbinds: 4 });
  const s = session();
  try {
    const r = await s.getBulk('1.3.6.1.2.1.1', { maxRepetitions: 10 });
    assert.deepEqual(r.map((v) => v.oid.toString()), ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0']);
    assert.deepEqual(agent.requests.map((p) => (p as GetBulkPdu).maxRepetitions), [10, 5, 2]);
    await s.getBulk('1.3.6.1.2.1.1', { maxRepetitions: 10 });
    assert.equal((agent.requests.at(-1) as GetBulkPdu).maxRepetitions, 2, 'learned');
  } finally {
    await s.close();
  }
});

test('getBulk over SNMPv1 is refused; a response with the wrong number of varbinds is an error', async () => {
  const { session } = setup('v1');
  const s = session();
  await assert.rejects(s.getBulk('1.3.6.1'), RequestError);
  await s.close();
  const short = setup('v2c', { rewrite: (r) => ({ ...r, varbinds: r.varbinds.slice(1) }) });
  const s2 = short.session();
  await assert.rejects(s2.get(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0']), RequestError);
  await s2.close();
});

test('an error status other than tooBig on get is thrown as is (genErr)', async () => {
  const { session } = setup('v2c', { rewrite: (r) => ({ ...r, errorStatus: ErrorStatus.genErr, errorIndex: 1 }) });
  const s = session();
  try {
    await assert.rejects(s.get('1.3.6.1.2.1.1.1.0'), (e: unknown) => e instanceof ResponseStatusError && e.status === 'genErr' && e.statusCode === 5);
  } finally {
    await s.close();
  }
});

test('session options: defaults, validation, and secrets kept out of inspection', async () => {
  const o = resolveSessionOptions({ peer: 'x' });
  assert.equal(o.version, 'v2c');
  assert.equal(o.retries, 5);
  assert.equal(o.timeout, 1000);
  assert.equal(o.backoff, 2);
  assert.equal(o.localPort, 0);
  assert.equal(o.localAddress, undefined);
  assert.deepEqual([...o.community], [...new TextEncoder().encode('public')]);
  assert.equal(resolveSessionOptions({ peer: 'x', retries: 0 }).retries, 0, 'a retry count of 0 is kept');
  for (const bad of [{ retries: -1 }, { timeout: 0 }, { localPort: 70000 }, { version: 'v4' }, { backoff: 0.5 }, { community: 5 }, { maxInFlight: 0 }]) {
    assert.throws(() => resolveSessionOptions({ peer: 'x', ...(bad as object) }), InvalidArgumentError, JSON.stringify(bad));
  }
  assert.throws(() => resolveSessionOptions({ peer: 'x', version: 'v3' }), /user/);
  assert.throws(() => resolveSessionOptions({ peer: 'x', version: 'v3', user: 'u', securityLevel: 'authNoPriv' }), /authPassword/);
  assert.throws(() => resolveSessionOptions({ peer: 'x', version: 'v3', user: 'u', securityLevel: 'authNoPriv', authPassword: 'short' }), /8 characters/);
  assert.throws(() => resolveSessionOptions({ peer: 'x', version: 'v3', user: 'u', securityLevel: 'authPriv', authPassword: 'password1' }), /privPassword/);
  const v3 = resolveSessionOptions({ peer: 'x', version: 'v3', user: 'u', securityLevel: 'authPriv', authPassword: 'password1', privPassword: 'password2' });
  assert.equal(v3.v3?.authProtocol, 'MD5');
  assert.equal(v3.v3?.privProtocol, 'DES');
  assert.throws(() => new Session({ peer: 'udp6:[::1' }), InvalidArgumentError);
  assert.throws(() => new Session({ peer: 'udp:host:99999' }), InvalidArgumentError);
  const s = new Session({ peer: 'tcp6:[::1]:1161', community: 'sup3rsecret', dispatcher: new Dispatcher({ transportFactory: new FakeNetwork().factory }) });
  assert.deepEqual(s.peer, { domain: 'tcp6', host: '::1', port: 1161 });
  assert.equal(s.target, 'tcp6:[::1]:1161');
  assert.ok(!inspect(s, { depth: 5, showHidden: true }).includes('sup3rsecret'));
  assert.ok(!JSON.stringify(s).includes('sup3rsecret'));
  await s.close();
  const bad = new Session({ peer: '127.0.0.1', version: 'v2c' });
  assert.equal(bad.peer.port, 161, 'port 161 by default');
  await bad.close();
});

test('a poller reusing one OID array gets the right objects, also after it changes the array', async () => {
  const { session, agent } = setup('v2c');
  const s = session();
  try {
    const oids: (Oid | string)[] = [Oid.parse('1.3.6.1.2.1.1.1.0'), '1.3.6.1.2.1.1.2.0'];
    for (let i = 0; i < 3; i++) assert.deepEqual((await s.get(oids)).map(text), ['value 1', 'value 2']);
    oids[1] = '1.3.6.1.2.1.1.7.0';
    assert.deepEqual((await s.get(oids)).map(text), ['value 1', 'value 7']);
    oids.push(Oid.parse('1.3.6.1.2.1.1.9.0'));
    assert.deepEqual((await s.getNext(oids)).map(text), ['value 2', 'value 8', 'value 10']);
    // several lists in turn
    const lists = Array.from({ length: 6 }, (_, i) => [`1.3.6.1.2.1.1.${i + 1}.0`]);
    for (let round = 0; round < 2; round++) for (const [i, l] of lists.entries()) assert.equal(text((await s.get(l))[0]!), `value ${i + 1}`);
    assert.ok(agent.requests.every((p) => p.type !== 'GetRequest' || p.varbinds.every((v) => v.type === 'Null')));
    await assert.rejects(s.get(['not an oid']), InvalidArgumentError);
  } finally {
    await s.close();
  }
});

test('a get answered with the names asked for hands back the caller\'s own Oids; other names are decoded as sent', async () => {
  // The agent answers the second name with another OID (a misbehaving agent): that one must come back as sent.
  const swapped = Oid.parse('1.3.6.1.2.1.1.8.0');
  const { session } = setup('v2c', {
    rewrite: (r, req) => (req.type === 'GetRequest' && r.varbinds.length === 3 ? { ...r, varbinds: [r.varbinds[0]!, { ...r.varbinds[1]!, oid: swapped }, r.varbinds[2]!] } : r),
  });
  const s = session();
  try {
    await s.connect(); // (a request before the connection takes the general path)
    const oids = [Oid.parse('1.3.6.1.2.1.1.1.0'), Oid.parse('1.3.6.1.2.1.1.2.0')];
    for (let i = 0; i < 2; i++) {
      const r = await s.get(oids);
      assert.equal(r[0]!.oid, oids[0], 'the same Oid object');
      assert.equal(r[1]!.oid, oids[1]);
      assert.deepEqual(r.map(text), ['value 1', 'value 2']);
    }
    const strings = ['1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.4.0'];
    const r2 = await s.get(strings);
    assert.deepEqual(r2.map((v) => v.oid.toString()), strings);
    assert.equal((await s.get(strings))[0]!.oid, r2[0]!.oid, 'parsed once for the list, then shared');
    const three = [Oid.parse('1.3.6.1.2.1.1.5.0'), Oid.parse('1.3.6.1.2.1.1.6.0'), Oid.parse('1.3.6.1.2.1.1.7.0')];
    const r3 = await s.get(three);
    assert.equal(r3[0]!.oid, three[0]);
    assert.notEqual(r3[1]!.oid, three[1]);
    assert.equal(r3[1]!.oid.toString(), '1.3.6.1.2.1.1.8.0');
    assert.equal(r3[2]!.oid, three[2]);
    // getNext answers with successors: new Oids.
    const next = await s.getNext(oids);
    assert.deepEqual(next.map((v) => v.oid.toString()), ['1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0']);
  } finally {
    await s.close();
  }
});
