/**
 * The parallel bulk walk (`bulkWalk(oid, { parallel })`) against the in-memory agent: it
 * returns exactly what the plain walk returns, in order, for random trees, roots and
 * sizes; it really has several requests in flight on a table; objects sitting exactly on a
 * range's first OID, sparse columns, tooBig, errors in a later range, bounds, breaking out
 * and an empty walk all behave as in the plain walk.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ResponseStatusError, WalkAbortedError } from '../../src/errors.js';
import { Dispatcher } from '../../src/manager/dispatcher.js';
import { Session } from '../../src/manager/session.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import type { BasicPdu, GetBulkPdu, Pdu } from '../../src/pdu/types.js';
import type { VarBind } from '../../src/smi/types.js';
import { FakeNetwork } from './fake-network.js';
import { int, MiniAgent, type MiniAgentOptions } from './mini-agent.js';

const AGENT = { domain: 'udp', host: '127.0.0.1', port: 161 } as const;
const seedText = process.env.TSNMP_PROPERTY_SEED;
const params = (numRuns: number): fc.Parameters<unknown> => (seedText === undefined ? { numRuns } : { numRuns, seed: Number(seedText) });

/** A session on the in-memory network; `inFlight` tracks the most requests the agent had outstanding. */
function setup(varbinds: VarBind[], options: MiniAgentOptions = {}) {
  const net = new FakeNetwork();
  const agent = new MiniAgent(varbinds, options);
  const stats = { outstanding: 0, most: 0 };
  net.listen(AGENT, (m, _from, reply) => {
    stats.outstanding++;
    stats.most = Math.max(stats.most, stats.outstanding);
    const r = agent.handle(m);
    // Answered on a later turn, so that requests sent meanwhile pile up.
    setImmediate(() => {
      stats.outstanding--;
      if (r !== undefined) reply(r);
    });
  });
  const dispatcher = new Dispatcher({ transportFactory: net.factory });
  const session = new Session({ peer: 'udp:127.0.0.1:161', version: 'v2c', timeout: 1000, retries: 0, maxInFlight: 64, dispatcher });
  return { agent, session, stats };
}

async function pages(it: AsyncIterable<readonly VarBind[]>): Promise<string[]> {
  const out: string[] = [];
  for await (const page of it) for (const v of page) out.push(`${v.oid.toString()} ${v.type} ${String(v.value)}`);
  return out;
}

/** A table under 1.3.6.1.4.1.9.2: `rows` rows of columns 2..cols+1 (Integer32 row*1000+column). */
function table(rows: number, cols: number, skipColumns: readonly number[] = []): VarBind[] {
  const out: VarBind[] = [];
  for (let c = 2; c <= cols + 1; c++) {
    if (skipColumns.includes(c)) continue;
    for (let r = 1; r <= rows; r++) out.push(int(`1.3.6.1.4.1.9.2.1.${c}.${r}`, r * 1000 + c));
  }
  return out;
}

test('the same varbinds as the plain walk, for random trees, roots, max-repetitions and parallelism', async () => {
  // OIDs from a small alphabet of arcs so that trees have shared prefixes, siblings and gaps.
  const arc = fc.integer({ min: 0, max: 4 });
  const oidText = fc.array(arc, { minLength: 1, maxLength: 5 }).map((a) => `1.3.6.${a.join('.')}`);
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(oidText, { minLength: 0, maxLength: 60 }),
      fc.array(arc, { minLength: 0, maxLength: 3 }),
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 2, max: 6 }),
      async (oids, rootArcs, maxRepetitions, parallel) => {
        const { session } = setup(oids.map((o, i) => int(o, i)));
        try {
          const root = `1.3.6${rootArcs.map((a) => `.${a}`).join('')}`;
          const plain = await pages(session.bulkWalk(root, { maxRepetitions, includeExceptions: true }).pages());
          const par = await pages(session.bulkWalk(root, { maxRepetitions, parallel, includeExceptions: true }).pages());
          assert.deepEqual(par, plain, `root ${root}`);
        } finally {
          await session.close();
        }
      },
    ),
    params(300),
  );
});

test('a table is walked column by column, several requests at once, and handed out in order', async () => {
  const { session, stats, agent } = setup(table(40, 12));
  try {
    const plain = await pages(session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 5 }).pages());
    assert.equal(plain.length, 480);
    assert.equal(stats.most, 1, 'the plain walk: one request at a time');
    stats.most = 0;
    const par = await pages(session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 5, parallel: 4 }).pages());
    assert.deepEqual(par, plain);
    assert.equal(stats.most, 4, 'four requests in flight');
    // Varbind by varbind, and breaking out early.
    const some: string[] = [];
    for await (const v of session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 5, parallel: 3 })) {
      some.push(`${v.oid.toString()} ${v.type} ${String(v.value)}`);
      if (some.length === 100) break;
    }
    assert.deepEqual(some, plain.slice(0, 100));
    // Nothing is sent before the walk is read; next() called many times at once hands out in order.
    await new Promise((resolve) => setTimeout(resolve, 20)); // the broken walk's last requests
    const sent = agent.requests.length;
    const w = session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 5, parallel: 3 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(agent.requests.length, sent, 'no request before the first next()');
    const at = await Promise.all(Array.from({ length: 130 }, () => w.next()));
    assert.deepEqual(
      at.map((r) => (r.done === true ? 'done' : `${r.value.oid.toString()} ${r.value.type} ${String(r.value.value)}`)),
      plain.slice(0, 130),
    );
    await w.return?.();
  } finally {
    await session.close();
  }
});

test('sparse columns, an object exactly on a column OID, and the end of the MIB view', async () => {
  const mib = table(10, 8, [4, 5, 6]);
  // Non-conformant but possible: instances at a column's own OID, where a range starts.
  mib.push(int('1.3.6.1.4.1.9.2.1.3', 7), int('1.3.6.1.4.1.9.2.1.7', 8), int('1.3.6.1.4.1.9.2.1.20', 9));
  for (const extra of [[], [int('1.3.6.1.4.1.9.3.0', 1), int('1.3.6.1.4.1.10.1.0', 2)]]) {
    const { session } = setup([...mib, ...extra]);
    try {
      for (const root of ['1.3.6.1.4.1.9.2', '1.3.6.1.4.1.9', '1.3.6.1.4.1', '1.3.6.1.4.1.9.2.1.3']) {
        for (const parallel of [2, 3, 8]) {
          const plain = await pages(session.bulkWalk(root, { maxRepetitions: 4, includeExceptions: true }).pages());
          const par = await pages(session.bulkWalk(root, { maxRepetitions: 4, parallel, includeExceptions: true }).pages());
          assert.deepEqual(par, plain, `root ${root}, parallel ${parallel}`);
        }
      }
      // With an end OID (-CE), as the plain walk.
      const o = { maxRepetitions: 3, endOid: '1.3.6.1.4.1.9.2.1.7.5' };
      assert.deepEqual(await pages(session.bulkWalk('1.3.6.1.4.1.9.2', { ...o, parallel: 4 }).pages()), await pages(session.bulkWalk('1.3.6.1.4.1.9.2', o).pages()));
    } finally {
      await session.close();
    }
  }
});

test('an empty walk GETs its root as the plain walk does; tooBig shrinks the requests; an error in a later range comes after the ranges before it', async () => {
  {
    const { session } = setup(table(3, 2));
    try {
      assert.deepEqual(await pages(session.bulkWalk('1.3.6.1.4.1.9.2.1.2.3', { parallel: 4 }).pages()), ['1.3.6.1.4.1.9.2.1.2.3 Integer32 3002']);
      assert.deepEqual(await pages(session.bulkWalk('1.3.6.1.4.1.77', { parallel: 4, includeExceptions: true }).pages()), await pages(session.bulkWalk('1.3.6.1.4.1.77', { includeExceptions: true }).pages()));
    } finally {
      await session.close();
    }
  }
  {
    const { session, agent } = setup(table(30, 6), { maxResponseVarbinds: 4 });
    try {
      const par = await pages(session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 16, parallel: 3 }).pages());
      assert.deepEqual(par, await pages(session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 16 }).pages()));
      const reps = agent.requests.map((p) => (p as GetBulkPdu).maxRepetitions);
      assert.ok(reps.includes(16) && reps.at(-1)! <= 4, `shrunk: ${reps.slice(0, 6).join(',')}`);
    } finally {
      await session.close();
    }
  }
  {
    // Column 5's requests fail: the columns before it are handed out whole, then the error.
    const failing = (req: Pdu): boolean => req.type === 'GetBulkRequest' && req.varbinds[0]!.oid.toString().startsWith('1.3.6.1.4.1.9.2.1.5');
    const { session } = setup(table(20, 6), { rewrite: (r, req) => (failing(req) ? { ...r, errorStatus: ErrorStatus.genErr, errorIndex: 1 } : r) });
    try {
      const got: string[] = [];
      await assert.rejects(
        (async () => {
          for await (const page of session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 5, parallel: 4 }).pages()) for (const v of page) got.push(v.oid.toString());
        })(),
        (e: unknown) => e instanceof ResponseStatusError && e.status === 'genErr',
      );
      assert.equal(got.length, 60, 'columns 2, 3 and 4, then the error');
      assert.equal(got.at(-1), '1.3.6.1.4.1.9.2.1.4.20');
    } finally {
      await session.close();
    }
  }
  {
    // An agent that answers column 3's row 7 again after row 8: the walk stops there, as the
    // plain walk does, after handing out the varbinds before the repeat.
    const rewrite = (r: BasicPdu): BasicPdu => {
      const at = r.varbinds.findIndex((v) => v.oid.toString() === '1.3.6.1.4.1.9.2.1.3.8');
      return at < 1 ? r : { ...r, varbinds: [...r.varbinds.slice(0, at + 1), r.varbinds[at - 1]!, ...r.varbinds.slice(at + 1)] };
    };
    const { session } = setup(table(20, 6), { rewrite });
    try {
      const handedOut: number[] = [];
      for (const parallel of [1, 4]) {
        const got: string[] = [];
        await assert.rejects(
          (async () => {
            for await (const page of session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 5, parallel }).pages()) for (const v of page) got.push(v.oid.toString());
          })(),
          (e: unknown) => e instanceof WalkAbortedError && e.reason === 'nonIncreasing',
        );
        handedOut.push(got.length);
      }
      assert.equal(handedOut[1], handedOut[0], 'the same varbinds before the error');
      assert.equal(handedOut[0], 28, 'column 2, then column 3 up to row 8');
    } finally {
      await session.close();
    }
  }
});

test('noSuchName at the end of the view ends the walk quietly; next() after break is done; parallel is 1 to 64', async () => {
  // An agent that answers noSuchName where it should return endOfMibView (old agents do).
  const { session } = setup(table(6, 5), {
    rewrite: (r) => (r.varbinds.some((v) => v.type === 'EndOfMibView') ? { ...r, errorStatus: ErrorStatus.noSuchName, errorIndex: 1 } : r),
  });
  try {
    for (const root of ['1.3.6.1.4.1.9.2', '1.3.6.1.4.1.9.2.1.6', '1.3.6.1.4.1.9']) {
      const plain = await pages(session.bulkWalk(root, { maxRepetitions: 4 }).pages());
      assert.ok(plain.length > 0);
      assert.deepEqual(await pages(session.bulkWalk(root, { maxRepetitions: 4, parallel: 3 }).pages()), plain, root);
    }
    const w = session.bulkWalk('1.3.6.1.4.1.9.2', { maxRepetitions: 4, parallel: 3 });
    for await (const v of w) {
      assert.equal(v.oid.toString(), '1.3.6.1.4.1.9.2.1.2.1');
      break;
    }
    assert.equal((await w.next()).done, true, 'nothing after break');
    assert.throws(() => session.bulkWalk('1.3.6.1.4.1.9.2', { parallel: 65 }), /at most 64/);
    assert.throws(() => session.bulkWalk('1.3.6.1.4.1.9.2', { parallel: 0 }), /parallel/);
  } finally {
    await session.close();
  }
});
