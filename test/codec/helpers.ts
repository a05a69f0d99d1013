/** Small helpers shared by the codec tests. */
import assert from 'node:assert/strict';
import { DecodeError, type DecodeErrorKind } from '../../src/errors.js';

/** Asserts that `fn` throws a DecodeError of the given kind (and, when given, at the given offset). */
export function assertDecodeError(fn: () => unknown, kind: DecodeErrorKind, offset?: number): DecodeError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof DecodeError, `expected DecodeError(${kind}), got ${caught === undefined ? 'no error' : String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  assert.equal(caught.code, 'ERR_SNMP_DECODE');
  if (offset !== undefined) assert.equal(caught.offset, offset, caught.message);
  return caught;
}

export { assertSame, h, plain, toHex } from '../support/plain.js';
