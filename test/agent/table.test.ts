/** Table index encoding (RFC 2578 §7.7) and the table handler. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TableHandler } from '../../src/agent/table.js';
import { decodeIndex, encodeIndex, type IndexSyntax } from '../../src/agent/table-index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { Oid } from '../../src/smi/oid.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { ask, lines, testAgent } from './helpers.js';

test('index encoding: INTEGER, OCTET STRING (sized, fixed, IMPLIED), OBJECT IDENTIFIER (and IMPLIED), IpAddress', () => {
  const syntax: IndexSyntax[] = [{ type: 'Integer' }, { type: 'OctetString' }, { type: 'OctetString', fixedLength: 2 }, { type: 'IpAddress' }, { type: 'ObjectIdentifier' }, { type: 'OctetString', implied: true }];
  const values = [7, octetsFromText('ab'), Uint8Array.of(1, 2), '10.0.0.9', Oid.parse('1.3.6'), octetsFromText('xy')];
  const arcs = encodeIndex(syntax, values);
  assert.deepEqual(arcs, [7, 2, 97, 98, 1, 2, 10, 0, 0, 9, 3, 1, 3, 6, 120, 121]);
  const back = decodeIndex(syntax, arcs)!;
  assert.equal(back[0], 7);
  assert.deepEqual(back[1], octetsFromText('ab'));
  assert.equal(back[3], '10.0.0.9');
  assert.equal((back[4] as Oid).toString(), '1.3.6');
  assert.deepEqual(back[5], octetsFromText('xy'));
  assert.deepEqual(encodeIndex([{ type: 'ObjectIdentifier', implied: true }], [Oid.parse('1.3.6')]), [1, 3, 6]);
  assert.equal(decodeIndex(syntax, arcs.slice(0, -3)), undefined, 'too short');
  assert.equal(decodeIndex([{ type: 'OctetString' }], [2, 300, 1]), undefined, 'octet above 255');
  assert.equal(decodeIndex([{ type: 'Integer' }], [1, 2]), undefined, 'arcs left over');
  assert.throws(() => encodeIndex([{ type: 'OctetString', implied: true }, { type: 'Integer' }], [Uint8Array.of(), 1]), InvalidArgumentError);
  assert.throws(() => encodeIndex([{ type: 'Integer' }], [-1]), InvalidArgumentError);
  assert.throws(() => encodeIndex([{ type: 'IpAddress' }], ['10.0.0.256']), InvalidArgumentError);
});

function table() {
  const t = new TableHandler('1.3.6.1.4.1.32473.5.1', {
    index: [{ type: 'OctetString' }],
    rowCreation: true,
    columns: [
      { id: 1, type: 'OctetString', access: 'not-accessible' },
      { id: 2, type: 'Integer32', access: 'read-write' },
      { id: 3, type: 'Gauge32' },
      { id: 4, type: 'Integer32', access: 'read-create', validate: (v) => (v === 1 ? 0 : 10) },
    ],
  });
  t.setRow([octetsFromText('b')], { 2: 20, 3: 200, 4: 1 });
  t.setRow([octetsFromText('a')], { 2: 10, 4: 1 });
  return t;
}

test('a table walks column by column in index order, skipping missing cells and not-accessible columns', async () => {
  const agent = testAgent();
  const t = table();
  agent.registry.register(t.entry, t);
  const walk: string[] = [];
  let oid = '1.3.6.1.4.1.32473.5';
  for (let i = 0; i < 20; i++) {
    const r = await ask(agent, { type: 'GetNextRequest', varbinds: [oid] });
    const vb = r!.varbinds[0]!;
    if (vb.type === 'EndOfMibView') break;
    walk.push(lines([vb])[0]!);
    oid = vb.oid.toString();
  }
  const E = '1.3.6.1.4.1.32473.5.1';
  assert.deepEqual(walk, [`${E}.2.1.97=Integer32:10`, `${E}.2.1.98=Integer32:20`, `${E}.3.1.98=Gauge32:200`, `${E}.4.1.97=Integer32:1`, `${E}.4.1.98=Integer32:1`]);
  const g = await ask(agent, { type: 'GetRequest', varbinds: [`${E}.3.1.97`, `${E}.1.1.97`, `${E}.9.1.97`, `${E}.2.1.99`] });
  assert.deepEqual(
    g!.varbinds.map((v) => v.type),
    ['NoSuchInstance', 'NoSuchObject', 'NoSuchObject', 'NoSuchInstance'],
  );
});

test('Set changes a cell, creates a row through a read-create column, and undoes both on failure', async () => {
  const agent = testAgent();
  const t = table();
  agent.registry.register(t.entry, t);
  const E = '1.3.6.1.4.1.32473.5.1';
  const set = (vbs: [string, number][]) =>
    ask(agent, { community: 'private', type: 'SetRequest', varbinds: vbs.map(([o, v]) => ({ oid: Oid.parse(o), type: 'Integer32' as const, value: v })) });
  assert.equal((await set([[`${E}.2.1.97`, 11]]))?.errorStatus, 0);
  assert.equal(t.row([octetsFromText('a')])!.values.get(2), 11);
  assert.equal((await set([[`${E}.2.1.99`, 1]]))?.errorStatus, 11, 'noCreation through a read-write column');
  assert.equal((await set([[`${E}.3.1.97`, 1]]))?.errorStatus, 17, 'notWritable');
  const bad = await set([
    [`${E}.4.1.99`, 1],
    [`${E}.2.1.97`, 12],
    [`${E}.4.1.98`, 5],
  ]);
  assert.equal(bad?.errorStatus, 10);
  assert.equal(bad?.errorIndex, 3);
  assert.equal(t.rows.length, 2, 'no row was created');
  assert.equal(t.row([octetsFromText('a')])!.values.get(2), 11);
  assert.equal((await set([[`${E}.4.1.99`, 1], [`${E}.2.1.99`, 5]]))?.errorStatus, 0);
  assert.equal(t.rows.length, 3);
  assert.equal(t.row([octetsFromText('c')])!.values.get(2), 5);
  assert.equal(t.deleteRow([octetsFromText('c')]), true);
  assert.throws(() => t.setRow([1], {}), InvalidArgumentError);
  assert.throws(() => t.setRow([octetsFromText('z')], { 9: 1 }), InvalidArgumentError);
});
