/** The scalar and per-varbind provider conveniences, sync and async. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerHandler, scalarHandler } from '../../src/agent/provider.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { ask, lines, testAgent } from './helpers.js';

const S = '1.3.6.1.4.1.32473.20';

test('a scalar answers its instance, walks, and sets through its functions (sync and async)', async () => {
  const agent = testAgent();
  let level = 3;
  agent.registry.register(`${S}.1`, scalarHandler(`${S}.1`, { type: 'Gauge32', get: () => level, set: (v) => void (level = v), validate: (v) => (v <= 10 ? 0 : ErrorStatus.wrongValue) }));
  agent.registry.register(`${S}.2`, scalarHandler(`${S}.2`, { type: 'Integer32', get: async () => 42 }));
  const g = await ask(agent, { type: 'GetRequest', varbinds: [`${S}.1.0`, `${S}.2.0`, `${S}.1.1`] });
  assert.deepEqual(lines(g!.varbinds), [`${S}.1.0=Gauge32:3`, `${S}.2.0=Integer32:42`, `${S}.1.1=NoSuchInstance:`]);
  const n = await ask(agent, { type: 'GetNextRequest', varbinds: [S, `${S}.1.0`, `${S}.2.0`] });
  assert.deepEqual(lines(n!.varbinds), [`${S}.1.0=Gauge32:3`, `${S}.2.0=Integer32:42`, `${S}.2.0=EndOfMibView:`]);
  const set = (v: number, oid = `${S}.1.0`) => ask(agent, { community: 'private', type: 'SetRequest', varbinds: [{ oid: Oid.parse(oid), type: 'Gauge32', value: v }] });
  assert.equal((await set(7))?.errorStatus, 0);
  assert.equal(level, 7);
  assert.equal((await set(11))?.errorStatus, ErrorStatus.wrongValue);
  assert.equal((await set(1, `${S}.2.0`))?.errorStatus, ErrorStatus.notWritable, 'no set function: read-only');
  assert.equal(level, 7);
});

test('a per-varbind provider serves get, getNext and the set phases, undoing on a failed commit', async () => {
  const agent = testAgent();
  const data = new Map<number, number>([
    [1, 10],
    [2, 20],
  ]);
  const log: string[] = [];
  const at = (oid: Oid) => (oid.length === 10 && oid.toString().startsWith(`${S}.3.`) ? oid.at(-1)! : -1);
  agent.registry.register(
    `${S}.3`,
    providerHandler({
      get: (oid) => (data.has(at(oid)) ? { oid, type: 'Integer32', value: data.get(at(oid))! } : undefined),
      getNext: async (oid, include, end) => {
        const keys = [...data.keys()].sort((a, b) => a - b);
        for (const k of keys) {
          const o = Oid.parse(`${S}.3.${k}`);
          const c = o.compare(oid);
          if ((c > 0 || (c === 0 && include)) && (end === undefined || o.compare(end) < 0)) return { oid: o, type: 'Integer32', value: data.get(k)! } as VarBind;
        }
        return undefined;
      },
      test: (vb) => (vb.type !== 'Integer32' ? ErrorStatus.wrongType : data.has(at(vb.oid)) ? 0 : ErrorStatus.noCreation),
      commit: (vb) => {
        log.push(`commit ${at(vb.oid)}`);
        if (vb.value === 666) return ErrorStatus.commitFailed;
        data.set(at(vb.oid), vb.value as number);
        return 0;
      },
      undo: (vb) => void log.push(`undo ${at(vb.oid)}`),
      cleanup: async (vb) => void log.push(`cleanup ${at(vb.oid)}`),
    }),
  );
  const walk = await ask(agent, { type: 'GetBulkRequest', maxRepetitions: 3, varbinds: [`${S}.3`] });
  assert.deepEqual(lines(walk!.varbinds), [`${S}.3.1=Integer32:10`, `${S}.3.2=Integer32:20`, `${S}.3.2=EndOfMibView:`]);
  const bad = await ask(agent, {
    community: 'private',
    type: 'SetRequest',
    varbinds: [
      { oid: Oid.parse(`${S}.3.1`), type: 'Integer32', value: 11 },
      { oid: Oid.parse(`${S}.3.2`), type: 'Integer32', value: 666 },
    ],
  });
  assert.equal(bad?.errorStatus, ErrorStatus.commitFailed);
  assert.equal(bad?.errorIndex, 2);
  assert.deepEqual(log, ['commit 1', 'commit 2', 'undo 1', 'undo 2', 'cleanup 1', 'cleanup 2']);
  const missing = await ask(agent, { community: 'private', type: 'SetRequest', varbinds: [{ oid: Oid.parse(`${S}.3.9`), type: 'Integer32', value: 1 }] });
  assert.equal(missing?.errorStatus, ErrorStatus.noCreation);
});
