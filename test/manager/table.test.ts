/**
 * Tables against the in-memory agent: rows in index order with holes for sparse columns,
 * all columns in one GetBulk, v1 over GetNext, discovered columns, tooBig.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WalkAbortedError } from '../../src/errors.js';
import { Dispatcher } from '../../src/manager/dispatcher.js';
import { Session } from '../../src/manager/session.js';
import type { TableRow } from '../../src/manager/table.js';
import type { GetBulkPdu } from '../../src/pdu/types.js';
import type { VarBind } from '../../src/smi/types.js';
import { FakeNetwork } from './fake-network.js';
import { int, MiniAgent, type MiniAgentOptions, str } from './mini-agent.js';

const AGENT = { domain: 'udp', host: '127.0.0.1', port: 161 } as const;
const ENTRY = '1.3.6.1.2.1.2.2.1';

/** An ifTable-like table: rows 1, 2, 3, 10.5 (two-arc index); column 3 has no row 2; column 4 only row 1. Then an object after it. */
function mib(): VarBind[] {
  const rows = ['1', '2', '3', '10.5'];
  const out: VarBind[] = [int('1.3.6.1.2.1.2.1.0', 4)];
  for (const r of rows) out.push(int(`${ENTRY}.1.${r}`, Number(r.split('.')[0])));
  for (const r of rows) out.push(str(`${ENTRY}.2.${r}`, `if${r}`));
  for (const r of rows) if (r !== '2') out.push(int(`${ENTRY}.3.${r}`, 6));
  out.push(int(`${ENTRY}.4.1`, 1500));
  out.push(int('1.3.6.1.2.1.3.1.0', 99));
  return out;
}

function setup(version: 'v1' | 'v2c', options: MiniAgentOptions = {}) {
  const net = new FakeNetwork();
  const agent = new MiniAgent(mib(), options);
  net.listen(AGENT, (m, _from, reply) => {
    const r = agent.handle(m);
    if (r !== undefined) reply(r);
  });
  const session = new Session({ peer: 'udp:127.0.0.1:161', version, timeout: 200, retries: 0, dispatcher: new Dispatcher({ transportFactory: net.factory }) });
  return { agent, session };
}

async function rows(it: AsyncIterable<TableRow>): Promise<string[]> {
  const out: string[] = [];
  for await (const r of it) out.push(`${r.index.toString()}: ${[...r.columns.keys()].join(',')}`);
  return out;
}

const expected = ['1: 1,2,3,4', '2: 1,2', '3: 1,2,3', '10.5: 1,2,3'];

test('rows come in index order with holes for missing columns, whatever the max-repetitions', async () => {
  for (const version of ['v1', 'v2c'] as const) {
    const { session } = setup(version);
    try {
      for (const maxRepetitions of [1, 2, 3, 10]) {
        assert.deepEqual(await rows(session.table(ENTRY, { columns: [1, 2, 3, 4], maxRepetitions })), expected, `${version} r${maxRepetitions}`);
      }
      assert.deepEqual(await rows(session.table(ENTRY, { columns: [3, 2] })), ['1: 2,3', '2: 2', '3: 2,3', '10.5: 2,3']);
      assert.deepEqual(await rows(session.table(ENTRY)), expected, 'columns discovered');
    } finally {
      await session.close();
    }
  }
});

test('the columns travel together in one GetBulk per round', async () => {
  const { session, agent } = setup('v2c');
  try {
    const got: TableRow[] = [];
    for await (const r of session.table(ENTRY, { columns: [1, 2, 3], maxRepetitions: 10 })) got.push(r);
    assert.equal(agent.requests.length, 1);
    const req = agent.requests[0] as GetBulkPdu;
    assert.equal(req.type, 'GetBulkRequest');
    assert.deepEqual(req.varbinds.map((v) => v.oid.toString()), [`${ENTRY}.1`, `${ENTRY}.2`, `${ENTRY}.3`]);
    const if3 = got.find((r) => r.index.toString() === '3')!;
    assert.equal(new TextDecoder().decode(if3.columns.get(2)!.value as Uint8Array), 'if3');
    assert.equal(if3.columns.get(3)!.value, 6);
  } finally {
    await session.close();
  }
});

test('a missing table gives no rows; tooBig shrinks the repetitions', async () => {
  const { session, agent } = setup('v2c', { maxResponseVarbinds: 4 });
  try {
    assert.deepEqual(await rows(session.table('1.3.6.1.2.1.99.1', { columns: [1, 2] })), []);
    const n = agent.requests.length;
    assert.deepEqual(await rows(session.table(ENTRY, { columns: [1, 2, 3, 4], maxRepetitions: 8 })), expected);
    assert.deepEqual(agent.requests.slice(n, n + 3).map((p) => (p as GetBulkPdu).maxRepetitions), [8, 4, 2]);
  } finally {
    await session.close();
  }
});

test('a column that goes backwards aborts the table read', async () => {
  const { session } = setup('v2c', { rewrite: (r, req) => (req.type === 'GetBulkRequest' ? { ...r, varbinds: r.varbinds.map((v) => ({ ...v, oid: req.varbinds[0]!.oid })) } : r) });
  try {
    await assert.rejects(rows(session.table(ENTRY, { columns: [1] })), (e: unknown) => e instanceof WalkAbortedError && e.reason === 'nonIncreasing');
  } finally {
    await session.close();
  }
});
