import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeMessage, decodeV3Message } from '../../src/message/codec.js';
import { decodeUsmSecurityParameters } from '../../src/message/usm.js';
import { GOLDEN } from '../fixtures/golden/expected.js';
import { loadGolden, plainMessage } from './golden-loader.js';
import { toHex } from './helpers.js';

/** The packet as a socket delivers it: a Node Buffer inside a larger pooled ArrayBuffer. */
function asPooledBuffer(bytes: Uint8Array): Buffer {
  const pool = Buffer.alloc(bytes.length + 64, 0xee);
  pool.set(bytes, 13);
  return pool.subarray(13, 13 + bytes.length);
}

const packets = loadGolden();
const expected = new Map(GOLDEN.map((g) => [g.file, g.message]));

test('golden packets decode the same from a pooled Node Buffer', () => {
  for (const p of packets) {
    const buf = asPooledBuffer(p.bytes);
    assert.ok(buf.byteOffset !== 0);
    assert.deepEqual(plainMessage(decodeMessage(buf)), expected.get(p.file), p.file);
  }
});

test('with copyOctets, nothing decoded from a Buffer changes when the Buffer is reused', () => {
  for (const p of packets) {
    const buf = asPooledBuffer(p.bytes);
    const msg = decodeMessage(buf, { copyOctets: true });
    buf.fill(0x7f);
    assert.deepEqual(plainMessage(msg), expected.get(p.file), p.file);
  }
});

test('v3 offsets are relative to the Buffer, not to its pool', () => {
  for (const p of packets.filter((x) => x.file.startsWith('v3-'))) {
    const buf = asPooledBuffer(p.bytes);
    const d = decodeV3Message(buf);
    const sp = d.message.msgSecurityParameters;
    assert.equal(toHex(buf.subarray(d.securityParametersOffset, d.securityParametersOffset + sp.length)), toHex(sp), p.file);
    const usm = decodeUsmSecurityParameters(sp, d.securityParametersOffset);
    const n = usm.msgAuthenticationParameters.length;
    assert.equal(toHex(buf.subarray(usm.authParametersOffset, usm.authParametersOffset + n)), toHex(usm.msgAuthenticationParameters), p.file);
    assert.equal(buf[usm.authParametersOffset - 1], n, p.file);
  }
});
