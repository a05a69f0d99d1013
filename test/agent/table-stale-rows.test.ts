/** Rows left in notReady or notInService are removed after a while (RFC 2579, RowStatus DESCRIPTION), on a fake clock. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RowStatus } from '../../src/agent/row-status.js';
import { DEFAULT_STALE_ROW_TIMEOUT } from '../../src/agent/stale-rows.js';
import { TableHandler, type TableOptions } from '../../src/agent/table.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { ask, testAgent } from './helpers.js';

const E = '1.3.6.1.4.1.32473.9.1';
const MIN = 60_000;

/** Columns: 2 name (required), 6 status; a fake clock that the test moves. */
function setup(options: Partial<TableOptions> = {}) {
  const clock = { t: 1_000 };
  const t = new TableHandler(E, {
    index: [{ type: 'Integer', range: [[1, 100]] }],
    rowCreation: true,
    rowStatus: 6,
    columns: [
      { id: 2, type: 'OctetString', access: 'read-create', required: true },
      { id: 6, type: 'Integer32', access: 'read-create' },
    ],
    now: () => clock.t,
    ...options,
  });
  t.setRow([1], { 2: octetsFromText('one'), 6: RowStatus.active });
  const agent = testAgent();
  agent.registry.register(t.entry, t);
  const int = (oid: string, value: number): VarBind => ({ oid: Oid.parse(`${E}.${oid}`), type: 'Integer32', value });
  const str = (oid: string, value: string): VarBind => ({ oid: Oid.parse(`${E}.${oid}`), type: 'OctetString', value: octetsFromText(value) });
  const set = async (...varbinds: VarBind[]) => {
    const r = await ask(agent, { community: 'private', type: 'SetRequest', varbinds });
    return [r!.errorStatus, r!.errorIndex];
  };
  const get = async (...oids: string[]) => (await ask(agent, { type: 'GetRequest', varbinds: oids.map((o) => `${E}.${o}`) }))!.varbinds.map((v) => (v.type === 'NoSuchInstance' ? null : v.value));
  /** The row indexes a walk of the status column finds. */
  const walk = async () => {
    const r = await ask(agent, { type: 'GetBulkRequest', varbinds: [`${E}.6`], maxRepetitions: 20 });
    return r!.varbinds.filter((v) => v.type !== 'EndOfMibView' && v.oid.startsWith(Oid.parse(`${E}.6`))).map((v) => v.oid.at(-1));
  };
  return { clock, t, agent, int, str, set, get, walk };
}

test('the default period is RFC 2579’s suggested 5 minutes', async () => {
  assert.equal(DEFAULT_STALE_ROW_TIMEOUT, 5 * MIN);
  const { clock, int, set, get } = setup();
  assert.deepEqual(await set(int('6.2', RowStatus.createAndWait)), [0, 0]);
  clock.t += 5 * MIN;
  assert.deepEqual(await get('6.2'), [RowStatus.notReady], 'exactly 5 minutes: still there');
  clock.t += 1;
  assert.deepEqual(await get('6.2', '6.1'), [null, RowStatus.active], 'past 5 minutes: removed; the active row stays');
});

test('a row created by createAndWait and left notReady or notInService is removed; one made active in time is kept', async () => {
  const { clock, t, int, str, set, get, walk } = setup({ staleRowTimeout: 2 * MIN });
  assert.deepEqual(await set(int('6.2', RowStatus.createAndWait)), [0, 0]);
  assert.deepEqual(await set(str('2.3', 'three'), int('6.3', RowStatus.createAndWait)), [0, 0]);
  assert.deepEqual(await set(str('2.4', 'four'), int('6.4', RowStatus.createAndWait)), [0, 0]);
  assert.deepEqual(await get('6.2', '6.3', '6.4'), [RowStatus.notReady, RowStatus.notInService, RowStatus.notInService]);
  clock.t += MIN;
  // Completing a notReady row (it becomes notInService) does not restart its clock.
  assert.deepEqual(await set(str('2.2', 'two')), [0, 0]);
  assert.deepEqual(await get('6.2'), [RowStatus.notInService]);
  assert.deepEqual(await set(int('6.4', RowStatus.active)), [0, 0]);
  clock.t += MIN + 1;
  assert.deepEqual(await walk(), [1, 4], 'a walk no longer sees rows 2 and 3');
  assert.deepEqual(await get('6.2', '2.3', '6.4'), [null, null, RowStatus.active]);
  assert.deepEqual(
    t.rows.map((r) => r.index[0]),
    [1, 4],
  );
  clock.t += 60 * MIN;
  assert.deepEqual(await get('6.1', '6.4'), [RowStatus.active, RowStatus.active], 'active rows are never removed');
  // The removed row is gone for a Set too: activating it is refused, creating it again works.
  assert.deepEqual(await set(int('6.3', RowStatus.active)), [ErrorStatus.inconsistentValue, 1]);
  assert.deepEqual(await set(str('2.3', 'again'), int('6.3', RowStatus.createAndGo)), [0, 0]);
});

test('an active row set to notInService and left there is removed; active again in time keeps it, and a later notInService restarts the clock', async () => {
  const { clock, t, int, set, get } = setup({ staleRowTimeout: 2 * MIN });
  assert.deepEqual(await set(int('6.1', RowStatus.notInService)), [0, 0]);
  clock.t += MIN;
  assert.deepEqual(await set(int('6.1', RowStatus.notInService)), [0, 0], 'notInService again: the clock keeps running');
  clock.t += MIN - 1;
  assert.deepEqual(await set(int('6.1', RowStatus.active)), [0, 0]);
  clock.t += 10 * MIN;
  assert.deepEqual(await set(int('6.1', RowStatus.notInService)), [0, 0]);
  clock.t += 2 * MIN;
  assert.deepEqual(await get('6.1'), [RowStatus.notInService]);
  clock.t += 1;
  // The application's accessors sweep too.
  assert.equal(t.row([1]), undefined);
  assert.equal(t.rows.length, 0);
});

test('the Set phases: a sweep happens before testSet; an undone activation leaves the row on its first clock', async () => {
  const { clock, t, agent, int, set } = setup({ staleRowTimeout: 2 * MIN });
  agent.registry.register('1.3.6.1.4.1.32473.10', {
    get() {},
    getNext() {},
    testSet() {},
    commitSet(items) {
      for (const it of items) it.status = ErrorStatus.commitFailed;
    },
  });
  const fail: VarBind = { oid: Oid.parse('1.3.6.1.4.1.32473.10.1.0'), type: 'Integer32', value: 1 };
  assert.deepEqual(await set(int('6.1', RowStatus.notInService)), [0, 0]);
  clock.t += MIN;
  const r = await ask(agent, { community: 'private', type: 'SetRequest', varbinds: [int('6.1', RowStatus.active), fail] });
  assert.equal(r!.errorStatus, ErrorStatus.commitFailed);
  assert.equal(t.row([1])!.values.get(6), RowStatus.notInService, 'undone');
  clock.t += MIN + 1;
  assert.deepEqual(await set(int('6.1', RowStatus.active)), [ErrorStatus.inconsistentValue, 1], 'removed at the first deadline, before the Set is tested');
  assert.equal(t.row([1]), undefined);
});

test('rows whose status the application sets are not timed; 0 and Infinity disable removal; a bad period is refused', async () => {
  const app = setup({ staleRowTimeout: MIN });
  app.t.setRow([5], { 2: octetsFromText('five'), 6: RowStatus.notInService });
  assert.deepEqual(await app.set(app.int('6.2', RowStatus.createAndWait)), [0, 0]);
  // The application takes over row 2: its own status stops the clock.
  app.t.setRow([2], { 2: octetsFromText('two'), 6: RowStatus.notInService });
  app.clock.t += 10 * MIN;
  assert.deepEqual(await app.get('6.2', '6.5'), [RowStatus.notInService, RowStatus.notInService]);
  for (const staleRowTimeout of [0, Infinity]) {
    const s = setup({ staleRowTimeout });
    assert.deepEqual(await s.set(s.int('6.2', RowStatus.createAndWait)), [0, 0]);
    s.clock.t += 1e9;
    assert.deepEqual(await s.get('6.2'), [RowStatus.notReady], String(staleRowTimeout));
  }
  for (const staleRowTimeout of [-1, Number.NaN]) assert.throws(() => setup({ staleRowTimeout }), InvalidArgumentError);
});

