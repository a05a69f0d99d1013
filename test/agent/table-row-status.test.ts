/** The table handler's RowStatus column (RFC 2579) and index ranges (RFC 3416 §4.2.5 noCreation). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RowStatus } from '../../src/agent/row-status.js';
import { TableHandler } from '../../src/agent/table.js';
import { encodeIndex, indexInRange } from '../../src/agent/table-index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { ask, testAgent } from './helpers.js';

const E = '1.3.6.1.4.1.32473.7.1';
/** Columns: 2 name (required), 3 size (DEFVAL 10), 4 note (optional), 5 read-only, 6 status. */
function setup(options: { rowCreation?: boolean } = {}) {
  const t = new TableHandler(E, {
    index: [{ type: 'Integer', range: [[1, 100]] }],
    rowCreation: options.rowCreation ?? true,
    rowStatus: 6,
    columns: [
      { id: 2, type: 'OctetString', access: 'read-create', required: true },
      { id: 3, type: 'Integer32', access: 'read-create', defaultValue: 10, validate: (v) => ((v as number) > 0 ? 0 : ErrorStatus.wrongValue) },
      { id: 4, type: 'OctetString', access: 'read-create' },
      { id: 5, type: 'Integer32' },
      { id: 6, type: 'Integer32', access: 'read-create' },
    ],
  });
  t.setRow([1], { 2: octetsFromText('one'), 3: 1, 6: RowStatus.active });
  const agent = testAgent();
  agent.registry.register(t.entry, t);
  const int = (oid: string, value: number): VarBind => ({ oid: Oid.parse(`${E}.${oid}`), type: 'Integer32', value });
  const str = (oid: string, value: string): VarBind => ({ oid: Oid.parse(`${E}.${oid}`), type: 'OctetString', value: octetsFromText(value) });
  const set = async (...varbinds: VarBind[]) => {
    const r = await ask(agent, { community: 'private', type: 'SetRequest', varbinds });
    return [r!.errorStatus, r!.errorIndex];
  };
  const get = async (...oids: string[]) => (await ask(agent, { type: 'GetRequest', varbinds: oids.map((o) => `${E}.${o}`) }))!.varbinds.map((v) => (v.type === 'NoSuchInstance' ? null : v.value instanceof Uint8Array ? new TextDecoder().decode(v.value) : v.value));
  return { t, int, str, set, get };
}

test('createAndGo makes a complete row active, with its defaults; an incomplete one is refused and nothing is created', async () => {
  const { t, int, str, set, get } = setup();
  assert.deepEqual(await set(int('6.2', RowStatus.createAndGo), str('4.2', 'x')), [ErrorStatus.inconsistentValue, 1], 'column 2 is required');
  assert.equal(t.row([2]), undefined);
  assert.deepEqual(await set(str('2.2', 'two'), int('6.2', RowStatus.createAndGo)), [0, 0]);
  assert.deepEqual(await get('6.2', '3.2', '4.2'), [RowStatus.active, 10, null]);
  assert.deepEqual(await set(int('6.2', RowStatus.createAndGo)), [ErrorStatus.inconsistentValue, 1], 'the row exists');
  assert.deepEqual(await set(int('6.1', RowStatus.createAndWait)), [ErrorStatus.inconsistentValue, 1], 'the row exists');
});

test('createAndWait gives notReady until the required columns have values, then notInService; active only when complete', async () => {
  const { int, str, set, get } = setup();
  assert.deepEqual(await set(int('6.3', RowStatus.createAndWait)), [0, 0]);
  assert.deepEqual(await get('6.3', '3.3'), [RowStatus.notReady, 10]);
  assert.deepEqual(await set(int('6.3', RowStatus.active)), [ErrorStatus.inconsistentValue, 1], 'active on a notReady row');
  assert.deepEqual(await set(int('6.3', RowStatus.notInService)), [ErrorStatus.inconsistentValue, 1]);
  assert.deepEqual(await set(str('4.3', 'note')), [0, 0]);
  assert.deepEqual(await get('6.3'), [RowStatus.notReady]);
  assert.deepEqual(await set(str('2.3', 'three')), [0, 0]);
  assert.deepEqual(await get('6.3'), [RowStatus.notInService], 'complete: notReady becomes notInService');
  assert.deepEqual(await set(int('6.3', RowStatus.active)), [0, 0]);
  assert.deepEqual(await set(int('6.3', RowStatus.notInService)), [0, 0]);
  assert.deepEqual(await get('6.3'), [RowStatus.notInService]);
  // RFC 2579 note (2): active on a notReady row succeeds when the same PDU supplies the missing columns.
  assert.deepEqual(await set(int('6.4', RowStatus.createAndWait)), [0, 0]);
  assert.deepEqual(await set(int('6.4', RowStatus.active), str('2.4', 'four')), [0, 0]);
  assert.deepEqual(await get('6.4', '2.4'), [RowStatus.active, 'four']);
  // A complete createAndWait is notInService at once.
  assert.deepEqual(await set(str('2.5', 'five'), int('6.5', RowStatus.createAndWait)), [0, 0]);
  assert.deepEqual(await get('6.5'), [RowStatus.notInService]);
});

test('destroy deletes a row (noError when it does not exist); notReady, createAndGo... values outside 1..6 are wrongValue; reads give only 1..3', async () => {
  const { t, int, set, get } = setup();
  assert.deepEqual(await set(int('6.1', RowStatus.destroy)), [0, 0]);
  assert.equal(t.row([1]), undefined);
  assert.deepEqual(await get('2.1', '6.1'), [null, null]);
  assert.deepEqual(await set(int('6.9', RowStatus.destroy)), [0, 0]);
  assert.equal(t.rows.length, 0);
  for (const v of [RowStatus.notReady, 0, 7, -1]) assert.deepEqual(await set(int('6.9', v)), [ErrorStatus.wrongValue, 1], String(v));
  assert.deepEqual(await set(int('6.9', RowStatus.active)), [ErrorStatus.inconsistentValue, 1], 'active on a nonexistent row');
  assert.deepEqual(await set(int('6.9', RowStatus.notInService)), [ErrorStatus.inconsistentValue, 1]);
  assert.equal(t.rows.length, 0);
  assert.throws(() => t.setRow([2], { 6: RowStatus.createAndGo }), InvalidArgumentError);
  assert.throws(() => t.setRow([2], { 6: RowStatus.destroy }), InvalidArgumentError);
});

test('another column of a nonexistent row, without the status column: inconsistentName (RFC 2579 note 4), noCreation when rows are never created', async () => {
  const { t, str, int, set } = setup();
  assert.deepEqual(await set(str('2.7', 'seven')), [ErrorStatus.inconsistentName, 1]);
  assert.deepEqual(await set(str('2.7', 'seven'), str('4.7', 'n')), [ErrorStatus.inconsistentName, 1]);
  assert.equal(t.row([7]), undefined);
  const fixed = setup({ rowCreation: false });
  assert.deepEqual(await fixed.set(str('2.7', 'seven')), [ErrorStatus.noCreation, 1]);
  assert.deepEqual(await fixed.set(str('2.7', 'seven'), int('6.7', RowStatus.createAndGo)), [ErrorStatus.noCreation, 2]);
  assert.deepEqual(await fixed.set(int('6.1', RowStatus.notInService)), [0, 0], 'existing rows still change state');
  assert.deepEqual(await fixed.get('6.1'), [RowStatus.notInService]);
});

test('a row created or destroyed stands or falls with the other varbinds of its Set', async () => {
  const { t, int, str, set, get } = setup();
  // Creation of row 2 with a refused value of row 1 (checked in test).
  assert.deepEqual(await set(str('2.2', 'two'), int('6.2', RowStatus.createAndGo), int('3.1', 0)), [ErrorStatus.wrongValue, 3]);
  assert.equal(t.row([2]), undefined);
  // A failing commit elsewhere in the same request undoes creation, destruction and cell writes.
  const agent = testAgent();
  agent.registry.register(t.entry, t);
  agent.registry.register('1.3.6.1.4.1.32473.8', {
    get() {},
    getNext() {},
    testSet() {},
    commitSet(items) {
      for (const it of items) it.status = ErrorStatus.commitFailed;
    },
  });
  t.setRow([2], { 2: octetsFromText('two'), 6: RowStatus.notInService });
  const r = await ask(agent, {
    community: 'private',
    type: 'SetRequest',
    varbinds: [int('6.1', RowStatus.destroy), str('2.3', 'three'), int('6.3', RowStatus.createAndGo), int('6.2', RowStatus.active), int('3.2', 5), { oid: Oid.parse('1.3.6.1.4.1.32473.8.0'), type: 'Integer32', value: 1 }],
  });
  assert.equal(r!.errorStatus, ErrorStatus.commitFailed);
  assert.deepEqual(
    t.rows.map((row) => [row.index[0], row.values.get(6), row.values.get(3)]),
    [
      [1, RowStatus.active, 1],
      [2, RowStatus.notInService, undefined],
    ],
  );
  assert.deepEqual(await get('6.1', '2.1', '6.3'), [RowStatus.active, 'one', null]);
});

test('index ranges and sizes: encodeIndex refuses values outside them; a Set creating such a row is noCreation, a Get noSuchInstance', async () => {
  assert.throws(() => encodeIndex([{ type: 'Integer', range: [[1, 65535]] }], [0]), InvalidArgumentError);
  assert.throws(() => encodeIndex([{ type: 'OctetString', size: [[1, 4]] }], [new Uint8Array(5)]), InvalidArgumentError);
  assert.deepEqual(encodeIndex([{ type: 'Integer', range: [[1, 2], [7, 9]] }, { type: 'OctetString', size: [[1, 4]] }], [8, Uint8Array.of(65)]), [8, 1, 65]);
  assert.equal(indexInRange([{ type: 'Integer', range: [[1, 2], [7, 9]] }], [5]), false);
  assert.equal(indexInRange([{ type: 'OctetString', size: [[0, 2]] }], [Uint8Array.of(1, 2)]), true);
  assert.throws(() => new TableHandler(E, { index: [{ type: 'Integer', range: [[5, 1]] }], columns: [] }), InvalidArgumentError);
  const { t, int, str, set, get } = setup();
  for (const i of ['0', '101', '4294967295']) {
    assert.deepEqual(await set(str(`2.${i}`, 'x'), int(`6.${i}`, RowStatus.createAndGo)), [ErrorStatus.noCreation, 1], i);
    assert.deepEqual(await get(`6.${i}`), [null]);
  }
  assert.throws(() => t.setRow([0], { 6: 1 }), InvalidArgumentError);
  // Without a status column: creation through a read-create column, within the ranges only.
  const plain = new TableHandler(E, { index: [{ type: 'OctetString', size: [[1, 3]] }], rowCreation: true, columns: [{ id: 2, type: 'Integer32', access: 'read-create', defaultValue: 4 }, { id: 3, type: 'Integer32', access: 'read-create' }] });
  const agent = testAgent();
  agent.registry.register(plain.entry, plain);
  const s = (oid: string) => ask(agent, { community: 'private', type: 'SetRequest', varbinds: [{ oid: Oid.parse(`${E}.${oid}`), type: 'Integer32', value: 1 }] });
  assert.equal((await s('3.4.97.98.99.100'))!.errorStatus, ErrorStatus.noCreation, 'four octets');
  assert.equal((await s('3.0'))!.errorStatus, ErrorStatus.noCreation, 'empty');
  assert.equal((await s('3.3.97.98.99'))!.errorStatus, 0);
  assert.deepEqual([...plain.rows[0]!.values], [[2, 4], [3, 1]], 'the default value fills the column not set');
});
