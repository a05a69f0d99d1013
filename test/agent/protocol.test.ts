/** RFC 3416 / RFC 3584 semantics of the agent: Get, GetNext, GetBulk, Set, v1 mapping, sizes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentOptions } from '../../src/agent/agent.js';
import type { HandlerItem, SubtreeHandler } from '../../src/agent/handler.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import { Oid } from '../../src/smi/oid.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { ask, lines, testAgent } from './helpers.js';

const B = '1.3.6.1.4.1.32473.9';

function sample(options: AgentOptions = {}) {
  const agent = testAgent(options);
  agent.mib.add({ name: `${B}.1.0`, type: 'Integer32', value: 1, access: 'read-write' });
  agent.mib.add({ name: `${B}.2.0`, type: 'OctetString', value: octetsFromText('two'), access: 'read-write', size: [0, 5] });
  agent.mib.add({ name: `${B}.3.0`, type: 'Counter64', value: 3n });
  agent.mib.add({ name: `${B}.4.0`, type: 'Gauge32', value: 4 });
  agent.mib.add({ name: `${B}.5.0`, type: 'Integer32', value: 5, access: 'not-accessible' });
  agent.mib.add({ name: `${B}.6.0`, type: 'Integer32', value: 6 });
  return agent;
}

test('Get answers values, noSuchObject and noSuchInstance (v2c)', async () => {
  const r = await ask(sample(), { type: 'GetRequest', varbinds: [`${B}.1.0`, `${B}.1.1`, `${B}.99.0`, '1.3.6.1.2.1.1.1.0', `${B}.5.0`] });
  assert.equal(r?.errorStatus, 0);
  assert.deepEqual(lines(r!.varbinds), [
    `${B}.1.0=Integer32:1`,
    `${B}.1.1=NoSuchInstance:`,
    `${B}.99.0=NoSuchObject:`,
    '1.3.6.1.2.1.1.1.0=NoSuchObject:',
    `${B}.5.0=NoSuchInstance:`,
  ]);
});

test('v1 Get of a missing object or a Counter64 is noSuchName with its index (RFC 3584 §4.2.2.1)', async () => {
  const agent = sample();
  const r = await ask(agent, { version: 0, type: 'GetRequest', varbinds: [`${B}.1.0`, `${B}.9.0`] });
  assert.equal(r?.errorStatus, ErrorStatus.noSuchName);
  assert.equal(r?.errorIndex, 2);
  assert.deepEqual(lines(r!.varbinds), [`${B}.1.0=Null:`, `${B}.9.0=Null:`], 'v1 errors echo the request');
  const c = await ask(agent, { version: 0, type: 'GetRequest', varbinds: [`${B}.3.0`] });
  assert.equal(c?.errorStatus, ErrorStatus.noSuchName);
  assert.equal(c?.errorIndex, 1);
});

test('GetNext walks in order, skips not-accessible entries, ends with endOfMibView', async () => {
  const agent = sample();
  const r = await ask(agent, { type: 'GetNextRequest', varbinds: [B, `${B}.4.0`, `${B}.6.0`, '1.3.6.1.2'] });
  assert.deepEqual(lines(r!.varbinds), [`${B}.1.0=Integer32:1`, `${B}.6.0=Integer32:6`, `${B}.6.0=EndOfMibView:`, `${B}.1.0=Integer32:1`]);
  const v1 = await ask(agent, { version: 0, type: 'GetNextRequest', varbinds: [`${B}.2.0`] });
  assert.deepEqual(lines(v1!.varbinds), [`${B}.4.0=Gauge32:4`], 'v1 GetNext skips the Counter64');
  const end = await ask(agent, { version: 0, type: 'GetNextRequest', varbinds: [`${B}.1.0`, `${B}.6.0`] });
  assert.equal(end?.errorStatus, ErrorStatus.noSuchName);
  assert.equal(end?.errorIndex, 2);
});

test('GetNext crosses from one registered subtree to the next, and overlaps go to the longest root then the lowest priority', async () => {
  const agent = sample();
  const calls: string[] = [];
  const fixed = (name: string, oid: string): SubtreeHandler => {
    const o = Oid.parse(oid);
    return {
      get(items) {
        for (const it of items) it.result = it.oid.equals(o) ? { oid: o, type: 'OctetString', value: octetsFromText(name) } : undefined;
      },
      getNext(items) {
        calls.push(name);
        for (const it of items) {
          const c = o.compare(it.oid);
          if ((c > 0 || (c === 0 && it.include)) && (it.end === undefined || o.compare(it.end) < 0)) it.result = { oid: o, type: 'OctetString', value: octetsFromText(name) };
        }
      },
    };
  };
  // The inner registration splits the store's region at B.3.
  agent.registry.register(`${B}.3`, fixed('inner', `${B}.3.7`));
  agent.registry.register(`${B}.3`, fixed('loser', `${B}.3.8`), { priority: 200 });
  const r = await ask(agent, { type: 'GetNextRequest', varbinds: [`${B}.2.0`, `${B}.3.7`] });
  assert.deepEqual(lines(r!.varbinds), [`${B}.3.7=OctetString:inner`, `${B}.4.0=Gauge32:4`]);
  assert.ok(!calls.includes('loser'));
  const g = await ask(agent, { type: 'GetRequest', varbinds: [`${B}.3.0`] });
  assert.equal(g!.varbinds[0]!.type, 'NoSuchObject', 'B.3.0 now belongs to the inner handler');
});

test('GetBulk: non-repeaters once, then max-repetitions rows, endOfMibView at the end (RFC 3416 §4.2.3)', async () => {
  const agent = sample();
  const r = await ask(agent, { type: 'GetBulkRequest', nonRepeaters: 1, maxRepetitions: 3, varbinds: [`${B}.1.0`, B, `${B}.4.0`] });
  assert.deepEqual(lines(r!.varbinds), [
    `${B}.2.0=OctetString:two`,
    `${B}.1.0=Integer32:1`,
    `${B}.6.0=Integer32:6`,
    `${B}.2.0=OctetString:two`,
    `${B}.6.0=EndOfMibView:`,
    `${B}.3.0=Counter64:3`,
    `${B}.6.0=EndOfMibView:`,
  ]);
  // Every repeater past the end: the response stops after that repetition (truncate, the default).
  const end = await ask(agent, { type: 'GetBulkRequest', nonRepeaters: 0, maxRepetitions: 5, varbinds: [`${B}.4.0`] });
  assert.deepEqual(lines(end!.varbinds), [`${B}.6.0=Integer32:6`, `${B}.6.0=EndOfMibView:`]);
  // With bulkEndOfMibView 'fill' (snmpsim's way), endOfMibView repeats up to max-repetitions.
  const filled = await ask(sample({ bulkEndOfMibView: 'fill' }), { type: 'GetBulkRequest', nonRepeaters: 0, maxRepetitions: 5, varbinds: [`${B}.4.0`] });
  assert.deepEqual(lines(filled!.varbinds), [`${B}.6.0=Integer32:6`, ...Array<string>(4).fill(`${B}.6.0=EndOfMibView:`)]);
  const none = await ask(agent, { type: 'GetBulkRequest', nonRepeaters: 5, maxRepetitions: 100, varbinds: [`${B}.1.0`] });
  assert.deepEqual(lines(none!.varbinds), [`${B}.2.0=OctetString:two`], 'non-repeaters above the count are clamped');
});

test('a GetBulk response is cut to fit the size limit; another response too big becomes tooBig', async () => {
  const agent = testAgent({ maxMessageSize: 484 });
  for (let i = 1; i <= 50; i++) agent.mib.add({ name: `${B}.${i}.0`, type: 'OctetString', value: octetsFromText('x'.repeat(20)) });
  const bulk = await ask(agent, { type: 'GetBulkRequest', maxRepetitions: 50, varbinds: [B] });
  assert.equal(bulk?.errorStatus, 0);
  assert.ok(bulk!.varbinds.length > 5 && bulk!.varbinds.length < 50, `got ${bulk!.varbinds.length}`);
  const oids = Array.from({ length: 20 }, (_, i) => `${B}.${i + 1}.0`);
  const big = await ask(agent, { type: 'GetRequest', varbinds: oids });
  assert.equal(big?.errorStatus, ErrorStatus.tooBig);
  assert.equal(big?.varbinds.length, 0, 'v2c tooBig carries no varbinds');
  const big1 = await ask(agent, { version: 0, type: 'GetRequest', varbinds: oids.slice(0, 15) });
  assert.equal(big1?.errorStatus, ErrorStatus.tooBig);
  assert.equal(big1?.varbinds.length, 15, 'v1 tooBig echoes the request');
});

test('Set is all or nothing: one bad varbind leaves every value as it was', async () => {
  const agent = sample();
  const bad = await ask(agent, {
    community: 'private',
    type: 'SetRequest',
    varbinds: [
      { oid: Oid.parse(`${B}.1.0`), type: 'Integer32', value: 100 },
      { oid: Oid.parse(`${B}.2.0`), type: 'OctetString', value: octetsFromText('far too long') },
    ],
  });
  assert.equal(bad?.errorStatus, ErrorStatus.wrongLength);
  assert.equal(bad?.errorIndex, 2);
  assert.equal(agent.mib.entry(`${B}.1.0`)?.value, 1);
  const ok = await ask(agent, {
    community: 'private',
    type: 'SetRequest',
    varbinds: [
      { oid: Oid.parse(`${B}.1.0`), type: 'Integer32', value: 100 },
      { oid: Oid.parse(`${B}.2.0`), type: 'OctetString', value: octetsFromText('ok') },
    ],
  });
  assert.equal(ok?.errorStatus, 0);
  assert.equal(agent.mib.entry(`${B}.1.0`)?.value, 100);
  assert.deepEqual(lines(ok!.varbinds), [`${B}.1.0=Integer32:100`, `${B}.2.0=OctetString:ok`]);
});

test('Set errors: wrongType, notWritable, noCreation, noAccess, and their v1 mapping (RFC 3584 §4.4)', async () => {
  const agent = sample();
  const set = async (version: 0 | 1, community: string, oid: string, type: 'Integer32' | 'OctetString', value: number | string) =>
    ask(agent, { version, community, type: 'SetRequest', varbinds: [{ oid: Oid.parse(oid), type, value: typeof value === 'string' ? octetsFromText(value) : value } as never] });
  assert.equal((await set(1, 'private', `${B}.1.0`, 'OctetString', 'x'))?.errorStatus, ErrorStatus.wrongType);
  assert.equal((await set(0, 'private', `${B}.1.0`, 'OctetString', 'x'))?.errorStatus, ErrorStatus.badValue);
  assert.equal((await set(1, 'private', `${B}.6.0`, 'Integer32', 1))?.errorStatus, ErrorStatus.notWritable);
  assert.equal((await set(0, 'private', `${B}.6.0`, 'Integer32', 1))?.errorStatus, ErrorStatus.noSuchName);
  assert.equal((await set(1, 'private', `${B}.77.0`, 'Integer32', 1))?.errorStatus, ErrorStatus.noCreation);
  const ro = await set(1, 'public', `${B}.1.0`, 'Integer32', 9);
  assert.equal(ro?.errorStatus, ErrorStatus.noAccess);
  assert.equal(ro?.errorIndex, 1);
  assert.equal((await set(0, 'public', `${B}.1.0`, 'Integer32', 9))?.errorStatus, ErrorStatus.noSuchName);
  assert.equal(agent.counters.inBadCommunityUses, 2);
  assert.equal(agent.mib.entry(`${B}.1.0`)?.value, 1);
});

test('a failed commit undoes the committed batches and answers commitFailed', async () => {
  const agent = sample();
  const log: string[] = [];
  const failing: SubtreeHandler = {
    get() {},
    getNext() {},
    testSet: (items) => void log.push(`test ${items.length}`),
    commitSet: (items) => {
      log.push('commit');
      (items[0] as HandlerItem).status = ErrorStatus.commitFailed;
    },
    undoSet: () => void log.push('undo'),
    cleanupSet: () => void log.push('cleanup'),
  };
  agent.registry.register(`${B}.50`, failing);
  const r = await ask(agent, {
    community: 'private',
    type: 'SetRequest',
    varbinds: [
      { oid: Oid.parse(`${B}.1.0`), type: 'Integer32', value: 7 },
      { oid: Oid.parse(`${B}.50.1`), type: 'Integer32', value: 1 },
    ],
  });
  assert.equal(r?.errorStatus, ErrorStatus.commitFailed);
  assert.equal(r?.errorIndex, 2);
  assert.deepEqual(log, ['test 1', 'commit', 'undo', 'cleanup']);
  assert.equal(agent.mib.entry(`${B}.1.0`)?.value, 1, 'the store was undone');
});

test('async handlers: batches of one request arrive together and the answer waits for them', async () => {
  const agent = sample();
  const batches: number[] = [];
  const h: SubtreeHandler = {
    async get(items) {
      batches.push(items.length);
      await new Promise((r) => setTimeout(r, 5));
      for (const it of items) it.result = { oid: it.oid, type: 'Integer32', value: it.oid.at(-1)! };
    },
    async getNext(items) {
      await Promise.resolve();
      for (const it of items) {
        const n = it.include ? it.oid : it.oid.child(0);
        if (n.length === 11 && (it.end === undefined || n.compare(it.end) < 0)) it.result = { oid: n, type: 'Integer32', value: 0 };
      }
    },
  };
  agent.registry.register(`${B}.60`, h);
  const out = agent.handleMessage(
    (await import('./helpers.js')).requestBytes({ type: 'GetRequest', varbinds: [`${B}.60.1`, `${B}.1.0`, `${B}.60.2`] }),
  );
  assert.ok(out instanceof Promise, 'an async handler makes the answer a promise');
  const r = await ask(agent, { type: 'GetRequest', varbinds: [`${B}.60.1`, `${B}.1.0`, `${B}.60.2`] });
  assert.deepEqual(lines(r!.varbinds), [`${B}.60.1=Integer32:1`, `${B}.1.0=Integer32:1`, `${B}.60.2=Integer32:2`]);
  assert.deepEqual(batches, [2, 2]);
  await out;
  const sync = agent.handleMessage((await import('./helpers.js')).requestBytes({ type: 'GetRequest', varbinds: [`${B}.1.0`] }));
  assert.ok(sync instanceof Uint8Array, 'synchronous handlers answer without a promise');
});

test('a handler that throws gives genErr at its first varbind; one answering outside its range too', async () => {
  const agent = sample();
  agent.registry.register(`${B}.70`, {
    get() {
      throw new Error('boom');
    },
    getNext(items) {
      for (const it of items) it.result = { oid: Oid.parse('1.3'), type: 'Integer32', value: 1 };
    },
  });
  const r = await ask(agent, { type: 'GetRequest', varbinds: [`${B}.1.0`, `${B}.70.1`] });
  assert.equal(r?.errorStatus, ErrorStatus.genErr);
  assert.equal(r?.errorIndex, 2);
  const n = await ask(agent, { type: 'GetNextRequest', varbinds: [`${B}.6.0`] });
  assert.equal(n?.errorStatus, ErrorStatus.genErr);
  agent.registry.register(`${B}.71`, {
    get(items) {
      for (const it of items) it.result = { oid: it.oid, type: 'Integer32', value: 2 ** 40 };
    },
    getNext() {},
  });
  const bad = await ask(agent, { type: 'GetRequest', varbinds: [`${B}.1.0`, `${B}.71.1`] });
  assert.equal(bad?.errorStatus, ErrorStatus.genErr, 'a value its type cannot encode');
  assert.equal(bad?.errorIndex, 2);
});
