/**
 * A pending request, once settled, holds nothing of its exchange: not its message, not its
 * completion context or expected names, not its promise's resolving functions (so a request
 * object that outlives its request in an older generation keeps no response alive), and
 * it settles its promise once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SubmitParams, Target } from '../../src/manager/target.js';
import { PendingRequest } from '../../src/manager/target.js';
import { expectedNames } from '../../src/pdu/varbinds.js';
import { Oid } from '../../src/smi/oid.js';

const params = { security: undefined, timeout: 100, retries: 0, backoff: 1, signal: undefined } as unknown as SubmitParams;

function make(): { req: PendingRequest; promise: Promise<unknown> } {
  let req!: PendingRequest;
  const promise = new Promise<unknown>((resolve, reject) => {
    req = new PendingRequest(0x800001, Uint8Array.of(0x30, 0x00), undefined as unknown as Target, params, resolve, reject, (pdu) => pdu, { some: 'context' }, expectedNames([Oid.parse('1.3.6.1.2.1.1.3.0')]));
  });
  return { req, promise };
}

test('a resolved request lets go of its message, context, names and resolving functions, and resolves once', async () => {
  const { req, promise } = make();
  assert.equal(req.bytes.length, 2);
  req.resolve('first');
  req.resolve('second');
  req.reject(new Error('late'));
  assert.equal(await promise, 'first');
  assert.equal(req.bytes.length, 0);
  assert.equal(req.context, undefined);
  assert.equal(req.complete, undefined);
  assert.equal(req.names, undefined);
});

test('a rejected request lets go the same way and rejects once', async () => {
  const { req, promise } = make();
  const err = new Error('timeout');
  req.reject(err);
  req.resolve('late');
  await assert.rejects(promise, (e) => e === err);
  assert.equal(req.bytes.length, 0);
  assert.equal(req.context, undefined);
  assert.equal(req.names, undefined);
});
