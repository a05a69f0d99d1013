import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EncodeError } from '../../src/errors.js';
import { encodeCommunityMessage, encodeMessage, encodePdu, encodeScopedPdu, encodeV3Message } from '../../src/message/codec.js';
import type { Pdu } from '../../src/pdu/types.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';

// Inputs of the wrong JavaScript type, as an untyped caller could pass them.
const oid = Oid.parse('1.3.6.1');
const get = { type: 'GetRequest', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: [] as unknown[] };
const header = { version: 3, msgId: 1, msgMaxSize: 484, msgFlags: 0, msgSecurityModel: 3 };
const usm = {
  msgAuthoritativeEngineId: new Uint8Array(0),
  msgAuthoritativeEngineBoots: 0,
  msgAuthoritativeEngineTime: 0,
  msgUserName: new Uint8Array(0),
  msgAuthenticationParameters: new Uint8Array(0),
  msgPrivacyParameters: new Uint8Array(0),
};
const anyEncode = (f: (...a: never[]) => unknown, ...args: unknown[]): unknown => (f as (...a: unknown[]) => unknown)(...args);

const cases: [string, () => unknown][] = [
  ['a community message of version 3', () => anyEncode(encodeCommunityMessage, { version: 3, community: new Uint8Array(0), pdu: get })],
  ['a community message of version 2', () => anyEncode(encodeCommunityMessage, { version: 2, community: new Uint8Array(0), pdu: get })],
  ['a community given as a string', () => anyEncode(encodeCommunityMessage, { version: 1, community: 'public', pdu: get })],
  ['no PDU', () => anyEncode(encodeCommunityMessage, { version: 1, community: new Uint8Array(0) })],
  ['a null PDU', () => anyEncode(encodePdu, null)],
  ['an unknown PDU type', () => anyEncode(encodePdu, { ...get, type: 'Bogus' })],
  ['a bigint request-id', () => anyEncode(encodePdu, { ...get, requestId: 1n })],
  ['a string request-id', () => anyEncode(encodePdu, { ...get, requestId: '1' })],
  ['no varbind list', () => anyEncode(encodePdu, { ...get, varbinds: undefined })],
  ['a null varbind', () => anyEncode(encodePdu, { ...get, varbinds: [null] })],
  ['a varbind name given as a string', () => anyEncode(encodePdu, { ...get, varbinds: [{ oid: '1.3.6', type: 'Null', value: null }] })],
  ['an unknown value type', () => anyEncode(encodePdu, { ...get, varbinds: [{ oid, type: 'Bogus', value: 1 }] })],
  ['a bigint Integer32', () => anyEncode(encodePdu, { ...get, varbinds: [{ oid, type: 'Integer32', value: 1n }] })],
  ['a number Counter64', () => anyEncode(encodePdu, { ...get, varbinds: [{ oid, type: 'Counter64', value: 1 }] })],
  ['a string OctetString', () => anyEncode(encodePdu, { ...get, varbinds: [{ oid, type: 'OctetString', value: 'abc' }] })],
  ['a string ObjectIdentifier value', () => anyEncode(encodePdu, { ...get, varbinds: [{ oid, type: 'ObjectIdentifier', value: '1.3' }] })],
  ['a null BitString', () => anyEncode(encodePdu, { ...get, varbinds: [{ oid, type: 'BitString', value: null }] })],
  ['a Trap enterprise given as a string', () => anyEncode(encodePdu, { type: 'Trap', enterprise: '1.3', agentAddr: '1.2.3.4', genericTrap: 0, specificTrap: 0, timeStamp: 0, varbinds: [] })],
  ['a v3 message without data', () => anyEncode(encodeMessage, { ...header, msgSecurityParameters: new Uint8Array(1) })],
  ['raw security parameters given as a string', () => anyEncode(encodeV3Message, header, { raw: 'x' }, new Uint8Array(0))],
  ['empty USM parameters', () => anyEncode(encodeV3Message, header, { usm: {} }, new Uint8Array(0))],
  ['a USM user name given as a string', () => anyEncode(encodeV3Message, header, { usm: { ...usm, msgUserName: 'me' } }, new Uint8Array(0))],
  ['a scoped PDU without a context name', () => anyEncode(encodeScopedPdu, { contextEngineId: new Uint8Array(0), pdu: get })],
];

test('encoders refuse input of the wrong type with EncodeError, never another error or garbage bytes', () => {
  for (const [what, run] of cases) {
    assert.throws(run, (err: unknown) => err instanceof EncodeError && err.code === 'ERR_SNMP_ENCODE', what);
  }
});

test('a refused encode leaves the shared writer usable', () => {
  const good = { version: 1 as const, community: Uint8Array.of(0x61), pdu: { type: 'GetRequest' as const, requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: [] } };
  const before = encodeCommunityMessage(good);
  for (const [, run] of cases) assert.throws(run);
  assert.deepEqual(encodeCommunityMessage(good), before);
});

test('an SNMPv1 message refuses Counter64 and the exception values (SNMPv2 only); v2c carries them', () => {
  const oid = Oid.parse('1.3.6.1.2.1.31.1.1.1.6.1');
  const community = Uint8Array.of(0x70);
  const cases: VarBind[] = [
    { oid, type: 'Counter64', value: 1n },
    { oid, type: 'NoSuchObject', value: null },
    { oid, type: 'NoSuchInstance', value: null },
    { oid, type: 'EndOfMibView', value: null },
  ];
  for (const vb of cases) {
    const pdu: Pdu = { type: 'Response', requestId: 1, errorStatus: 0, errorIndex: 0, varbinds: [{ oid, type: 'Integer32', value: 1 }, vb] };
    assert.throws(() => encodeCommunityMessage({ version: 0, community, pdu }), (e: unknown) => e instanceof EncodeError && /SNMPv1/.test(e.message) && /varbind 2/.test(e.message), vb.type);
    assert.ok(encodeCommunityMessage({ version: 1, community, pdu }).length > 0, `${vb.type} in v2c`);
  }
});
