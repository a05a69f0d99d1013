/**
 * Walk semantics (net-snmp 5.9's snmpwalk and snmpbulkwalk) against the in-memory agent:
 * subtree bounds, leaf instances, missing subtrees, the end of the MIB view, -Ci, -CI,
 * -CE, non-increasing OIDs, -Cc with cycles, limits, break, aborts and tooBig.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbortError, ResponseStatusError, WalkAbortedError } from '../../src/errors.js';
import { Dispatcher } from '../../src/manager/dispatcher.js';
import { Session } from '../../src/manager/session.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import type { GetBulkPdu } from '../../src/pdu/types.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { FakeNetwork, settle } from './fake-network.js';
import { int, MiniAgent, type MiniAgentOptions, str } from './mini-agent.js';

const AGENT = { domain: 'udp', host: '127.0.0.1', port: 161 } as const;

/** system (1.3.6.1.2.1.1.1-9.0), interfaces (1.3.6.1.2.1.2.1.0), and a last subtree 1.3.6.1.6.3.1.1.0-3.0. */
function mib(): VarBind[] {
  const out: VarBind[] = [];
  for (let i = 1; i <= 9; i++) out.push(str(`1.3.6.1.2.1.1.${i}.0`, `sys ${i}`));
  out.push(int('1.3.6.1.2.1.2.1.0', 2));
  for (let i = 1; i <= 3; i++) out.push(int(`1.3.6.1.6.3.1.${i}.0`, i));
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
  const session = new Session({ peer: 'udp:127.0.0.1:161', version, timeout: 200, retries: 0, dispatcher });
  return { agent, session };
}

async function collect(it: AsyncIterable<VarBind>): Promise<string[]> {
  const out: string[] = [];
  for await (const v of it) out.push(`${v.oid.toString()} ${v.type}`);
  return out;
}

const system = Array.from({ length: 9 }, (_, i) => `1.3.6.1.2.1.1.${i + 1}.0 OctetString`);

test('walk and bulkWalk return the subtree, for every max-repetitions, v1 and v2c', async () => {
  for (const version of ['v1', 'v2c'] as const) {
    const { session } = setup(version);
    try {
      assert.deepEqual(await collect(session.walk('1.3.6.1.2.1.1')), system, `${version} walk`);
      for (const maxRepetitions of [1, 2, 4, 9, 10, 50]) {
        assert.deepEqual(await collect(session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions })), system, `${version} bulkWalk -Cr${maxRepetitions}`);
      }
    } finally {
      await session.close();
    }
  }
});

test('a walk of a leaf instance returns that instance (GET after an empty walk), as snmpwalk does', async () => {
  const { session, agent } = setup('v2c');
  try {
    assert.deepEqual(await collect(session.walk('1.3.6.1.2.1.1.1.0')), ['1.3.6.1.2.1.1.1.0 OctetString']);
    assert.deepEqual(agent.requests.map((p) => p.type), ['GetNextRequest', 'GetRequest']);
    assert.deepEqual(await collect(session.bulkWalk('1.3.6.1.2.1.1.1.0')), ['1.3.6.1.2.1.1.1.0 OctetString']);
    assert.deepEqual(await collect(session.walk('1.3.6.1.2.1.1.1.0', { getRequestedIfEmpty: false })), [], '-CI');
  } finally {
    await session.close();
  }
});

test('a walk of a missing subtree returns nothing; with includeExceptions, noSuchObject in v2c and nothing in v1', async () => {
  const v2 = setup('v2c');
  const x = { includeExceptions: true };
  assert.deepEqual(await collect(v2.session.walk('1.3.6.1.2.1.99')), []);
  assert.deepEqual(await collect(v2.session.bulkWalk('1.3.6.1.2.1.99')), []);
  assert.deepEqual(await collect(v2.session.walk('1.3.6.1.2.1.99', x)), ['1.3.6.1.2.1.99 NoSuchObject']);
  assert.deepEqual(await collect(v2.session.bulkWalk('1.3.6.1.2.1.99', x)), ['1.3.6.1.2.1.99 NoSuchObject']);
  await v2.session.close();
  const v1 = setup('v1');
  assert.deepEqual(await collect(v1.session.walk('1.3.6.1.2.1.99')), []);
  await v1.session.close();
});

test('at the end of the MIB view: endOfMibView ends the walk (returned with includeExceptions, v2c); noSuchName ends it (v1)', async () => {
  const v2 = setup('v2c');
  const x = { includeExceptions: true };
  assert.deepEqual(await collect(v2.session.walk('1.3.6.1.6.3.99', x)), ['1.3.6.1.6.3.99 EndOfMibView']);
  assert.deepEqual(await collect(v2.session.bulkWalk('1.3.6.1.6.3.99', x)), ['1.3.6.1.6.3.99 EndOfMibView']);
  assert.deepEqual(await collect(v2.session.walk('1.3.6.1.6.3.99')), []);
  const before = v2.agent.requests.length;
  assert.deepEqual(await collect(v2.session.bulkWalk('1.3.6.1.6.3.99')), []);
  assert.deepEqual(v2.agent.requests.slice(before).map((p) => p.type), ['GetBulkRequest'], 'an exception ends the walk: no GET of the root follows');
  const tail = ['1.3.6.1.6.3.1.1.0 Integer32', '1.3.6.1.6.3.1.2.0 Integer32', '1.3.6.1.6.3.1.3.0 Integer32', '1.3.6.1.6.3.1.3.0 EndOfMibView'];
  assert.deepEqual(await collect(v2.session.walk('1.3.6.1.6.3', x)), tail);
  assert.deepEqual(await collect(v2.session.bulkWalk('1.3.6.1.6.3', { maxRepetitions: 2, ...x })), tail);
  assert.deepEqual(await collect(v2.session.walk('1.3.6.1.6.3')), tail.slice(0, 3));
  assert.deepEqual(await collect(v2.session.bulkWalk('1.3.6.1.6.3', { maxRepetitions: 2 })), tail.slice(0, 3));
  await v2.session.close();
  const v1 = setup('v1');
  assert.deepEqual(await collect(v1.session.walk('1.3.6.1.6.3')), tail.slice(0, 3));
  assert.deepEqual(await collect(v1.session.walk('1.3.6.1.6.3.99')), []);
  await v1.session.close();
});

test('-Ci includes the requested OID first; -CE stops before an end OID, past the subtree if asked', async () => {
  const { session } = setup('v2c');
  try {
    assert.deepEqual(await collect(session.walk('1.3.6.1.2.1.1', { includeRequested: true, includeExceptions: true })), ['1.3.6.1.2.1.1 NoSuchObject', ...system]);
    assert.deepEqual(await collect(session.walk('1.3.6.1.2.1.1', { includeRequested: true })), system);
    assert.deepEqual(await collect(session.bulkWalk('1.3.6.1.2.1.1.1.0', { includeRequested: true })), ['1.3.6.1.2.1.1.1.0 OctetString'], 'no second GET');
    assert.deepEqual(await collect(session.walk('1.3.6.1.2.1.1', { endOid: '1.3.6.1.2.1.1.3' })), system.slice(0, 2));
    assert.deepEqual(await collect(session.walk('1.3.6.1.2.1.1', { endOid: '1.3.6.1.2.1.3' })), [...system, '1.3.6.1.2.1.2.1.0 Integer32']);
    // the default root is mib-2
    assert.deepEqual(await collect(session.walk()), [...system, '1.3.6.1.2.1.2.1.0 Integer32']);
  } finally {
    await session.close();
  }
});

test('non-increasing OIDs abort the walk with WalkAbortedError; with the check off a loop is caught as a cycle', async () => {
  // The agent answers every GetNext below 1.3.6.1.2.1.1.5.0 with 1.3.6.1.2.1.1.3.0.
  const loop: MiniAgentOptions = {
    rewrite: (r, req) =>
      req.type === 'GetNextRequest' && req.varbinds[0]!.oid.compare(Oid.parse('1.3.6.1.2.1.1.3.0')) >= 0 ? { ...r, varbinds: [str('1.3.6.1.2.1.1.3.0', 'again')] } : r,
  };
  const { session, agent } = setup('v2c', loop);
  try {
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const v of session.walk('1.3.6.1.2.1.1')) seen.push(v.oid.toString());
      })(),
      (e: unknown) => e instanceof WalkAbortedError && e.reason === 'nonIncreasing' && /1\.3\.6\.1\.2\.1\.1\.3\.0 >= 1\.3\.6\.1\.2\.1\.1\.3\.0/.test(e.message),
    );
    assert.deepEqual(seen, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0']);
    const before = agent.requests.length;
    await assert.rejects(collect(session.walk('1.3.6.1.2.1.1', { checkIncreasing: false })), (e: unknown) => e instanceof WalkAbortedError && e.reason === 'cycle');
    assert.ok(agent.requests.length - before < 10, 'stopped at once');
  } finally {
    await session.close();
  }
  // GetBulk answers that go backwards inside one response
  const back = setup('v2c', { rewrite: (r, req) => (req.type === 'GetBulkRequest' ? { ...r, varbinds: [...r.varbinds].reverse() } : r) });
  await assert.rejects(collect(back.session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 3 })), (e: unknown) => e instanceof WalkAbortedError && e.reason === 'nonIncreasing');
  await back.session.close();
});

test('maxVarbinds and maxRequests bound a walk', async () => {
  const { session } = setup('v2c');
  try {
    await assert.rejects(collect(session.walk('1.3.6.1.2.1.1', { maxVarbinds: 4 })), (e: unknown) => e instanceof WalkAbortedError && e.reason === 'limit');
    await assert.rejects(collect(session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 2, maxRequests: 3 })), (e: unknown) => e instanceof WalkAbortedError && e.reason === 'limit');
    assert.equal((await collect(session.walk('1.3.6.1.2.1.1', { maxVarbinds: 9 }))).length, 9, 'exactly at the limit is fine');
  } finally {
    await session.close();
  }
});

test('breaking out of a walk stops the requests (the one sent ahead at most)', async () => {
  const { session, agent } = setup('v2c');
  try {
    for await (const v of session.walk('1.3.6.1.2.1.1')) {
      assert.equal(v.oid.toString(), '1.3.6.1.2.1.1.1.0');
      break;
    }
    await settle();
    const afterWalk = agent.requests.length;
    assert.ok(afterWalk <= 2, `${afterWalk} requests for one varbind`);
    for await (const _ of session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 2 })) break;
    await settle();
    const afterBulk = agent.requests.length;
    assert.ok(afterBulk - afterWalk <= 2, `${afterBulk - afterWalk} requests for one page`);
    await settle();
    await settle();
    assert.equal(agent.requests.length, afterBulk, 'nothing more after the break');
  } finally {
    await session.close();
  }
});

test('next() called again before the last one settles hands out the varbinds in order; return() during a request ends the walk', async () => {
  const { session, agent } = setup('v2c');
  try {
    const it = session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 2 })[Symbol.asyncIterator]();
    const first = await Promise.all(Array.from({ length: 5 }, () => it.next()));
    assert.deepEqual(
      first.map((r) => (r.done === true ? 'done' : r.value.oid.toString())),
      system.slice(0, 5).map((s) => s.split(' ')[0]),
    );
    const rest: string[] = [];
    for (let r = await it.next(); r.done !== true; r = await it.next()) rest.push(r.value.oid.toString());
    assert.deepEqual(rest, system.slice(5).map((s) => s.split(' ')[0]));
    assert.equal((await it.next()).done, true, 'stays done');

    const it2 = session.walk('1.3.6.1.2.1.1')[Symbol.asyncIterator]();
    const pending = it2.next();
    assert.equal((await it2.return!()).done, true);
    const got = await pending;
    assert.ok(got.done === true || got.value.oid.toString() === '1.3.6.1.2.1.1.1.0');
    assert.equal((await it2.next()).done, true, 'nothing after return()');
    await settle();
    const after = agent.requests.length;
    await settle();
    assert.equal(agent.requests.length, after, 'no request after return()');
  } finally {
    await session.close();
  }
});

test('pages() hands out the same varbinds a response at a time, the rest of a started page first', async () => {
  const { session, agent } = setup('v2c');
  try {
    for (const reps of [1, 2, 4, 25]) {
      const pages: string[][] = [];
      for await (const page of session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: reps }).pages()) pages.push(page.map((v) => `${v.oid.toString()} ${v.type}`));
      assert.deepEqual(pages.flat(), system, `max-repetitions ${reps}`);
      assert.ok(pages.every((p) => p.length > 0 && p.length <= reps));
    }
    const walkPages: string[][] = [];
    for await (const page of session.walk('1.3.6.1.2.1.1').pages()) walkPages.push(page.map((v) => v.oid.toString()));
    assert.deepEqual(walkPages, system.map((s) => [s.split(' ')[0]]));

    const w = session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 4 });
    const first = await w.next();
    assert.equal(first.done !== true && first.value.oid.toString(), '1.3.6.1.2.1.1.1.0');
    const rest: string[][] = [];
    for await (const page of w.pages()) rest.push(page.map((v) => v.oid.toString()));
    assert.deepEqual(rest.map((p) => p.length), [3, 4, 1]);
    assert.deepEqual(rest.flat(), system.slice(1).map((s) => s.split(' ')[0]));

    const before = agent.requests.length;
    for await (const _ of session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 2 }).pages()) break;
    await settle();
    await settle();
    assert.ok(agent.requests.length - before <= 2, 'break stops the requests');
  } finally {
    await session.close();
  }
  // Pages before a non-increasing OID come out; then the error.
  const back = setup('v2c', { rewrite: (r, req) => (req.type === 'GetBulkRequest' && req.varbinds[0]!.oid.compare(Oid.parse('1.3.6.1.2.1.1.4.0')) >= 0 ? { ...r, varbinds: [...r.varbinds].reverse() } : r) });
  const seen: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const page of back.session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 2 }).pages()) for (const v of page) seen.push(v.oid.toString());
    })(),
    (e: unknown) => e instanceof WalkAbortedError && e.reason === 'nonIncreasing',
  );
  // The response to 4.0 comes reversed: 6.0 is still increasing, 5.0 is not.
  assert.deepEqual(seen, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.4.0', '1.3.6.1.2.1.1.6.0']);
  await back.session.close();
});

test('an aborted walk rejects with AbortError', async () => {
  const { session } = setup('v2c');
  const ac = new AbortController();
  try {
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const v of session.walk('1.3.6.1.2.1.1', { signal: ac.signal })) {
          seen.push(v.oid.toString());
          if (seen.length === 2) ac.abort();
        }
      })(),
      AbortError,
    );
    assert.equal(seen.length, 2);
  } finally {
    await session.close();
  }
});

test('tooBig during a bulk walk shrinks max-repetitions and the session keeps the size that worked', async () => {
  const { session, agent } = setup('v2c', { maxResponseVarbinds: 3 });
  try {
    assert.deepEqual(await collect(session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 10 })), system);
    const reps = agent.requests.map((p) => (p as GetBulkPdu).maxRepetitions);
    assert.deepEqual(reps.slice(0, 3), [10, 5, 2]);
    assert.ok(reps.slice(2).every((r) => r === 2));
    const n = agent.requests.length;
    await collect(session.bulkWalk('1.3.6.1.2.1.1', { maxRepetitions: 10 }));
    assert.ok(agent.requests.slice(n).every((p) => (p as GetBulkPdu).maxRepetitions === 2), 'learned');
  } finally {
    await session.close();
  }
});

test('an error status other than noSuchName ends the walk with ResponseStatusError; an empty GetBulk answer is caught', async () => {
  const gen = setup('v2c', { rewrite: (r) => ({ ...r, errorStatus: ErrorStatus.genErr, errorIndex: 1 }) });
  await assert.rejects(collect(gen.session.walk('1.3.6.1.2.1.1')), (e: unknown) => e instanceof ResponseStatusError && e.status === 'genErr');
  await gen.session.close();
  const empty = setup('v2c', { rewrite: (r, req) => (req.type === 'GetBulkRequest' ? { ...r, varbinds: [] } : r) });
  await assert.rejects(collect(empty.session.bulkWalk('1.3.6.1.2.1.1')), WalkAbortedError);
  await empty.session.close();
});
