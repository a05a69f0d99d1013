/**
 * The community security model's requests: a Get or GetNext of an encoded list is a copy of
 * a template with the request id written in, and must be byte for byte what the codec
 * encodes for the same message, whatever the id, list, type or version.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeCommunityMessage } from '../../src/message/codec.js';
import { ListCache } from '../../src/manager/list-cache.js';
import { CommunitySecurity, encodeVarbindList, MIN_FOUR_OCTET_ID } from '../../src/manager/security-model.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function nulls(oids: string[]): VarBind[] {
  return oids.map((o) => ({ oid: Oid.parse(o), type: 'Null', value: null }));
}

test('a request built from a list template is what the codec encodes, for every id, type, list and version', () => {
  const lists = [
    nulls(['1.3.6.1.2.1.1.3.0']),
    nulls(Array.from({ length: 10 }, (_, i) => `1.3.6.1.2.1.2.2.1.${10 + i}.${i + 1}`)),
    // Long enough for two-octet lengths in the PDU and the message.
    nulls(Array.from({ length: 40 }, (_, i) => `1.3.6.1.4.1.99999.2.1.${i + 2}.${1000 + i}`)),
  ];
  const ids = [MIN_FOUR_OCTET_ID, MIN_FOUR_OCTET_ID + 1, 0x12345678, 0x7fffffff, 1, 127, 128, 0x7fffff];
  for (const version of [0, 1] as const) {
    for (const community of ['public', 'a-much-longer-community-string-than-usual']) {
      const sec = new CommunitySecurity(version, new TextEncoder().encode(community));
      for (const varbinds of lists) {
        const list = encodeVarbindList(varbinds);
        for (const type of ['GetRequest', 'GetNextRequest'] as const) {
          for (const requestId of ids) {
            const want = encodeCommunityMessage({ version, community: new TextEncoder().encode(community), pdu: { type, requestId, errorStatus: 0, errorIndex: 0, varbinds } });
            const got = sec.encodeWithList(type, requestId, list);
            assert.equal(hex(got), hex(want), `v${version} ${type} id ${requestId} ${varbinds.length} varbinds`);
          }
        }
      }
    }
  }
});

test('each request is a fresh copy: a later request never changes an earlier one', () => {
  const sec = new CommunitySecurity(1, new TextEncoder().encode('public'));
  const list = encodeVarbindList(nulls(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.3.0']));
  const first = sec.encodeWithList('GetRequest', 0x01020304, list);
  const before = hex(first);
  const second = sec.encodeWithList('GetRequest', 0x7f0e0d0c, list);
  assert.equal(hex(first), before);
  assert.notEqual(hex(second), before);
  // Templates of other lists and types do not get mixed up (more of them than are kept).
  for (let i = 0; i < 20; i++) {
    const other = encodeVarbindList(nulls([`1.3.6.1.2.1.1.${i + 1}.0`]));
    const want = encodeCommunityMessage({ version: 1, community: new TextEncoder().encode('public'), pdu: { type: i % 2 ? 'GetRequest' : 'GetNextRequest', requestId: 0x0a0b0c0d, errorStatus: 0, errorIndex: 0, varbinds: nulls([`1.3.6.1.2.1.1.${i + 1}.0`]) } });
    assert.equal(hex(sec.encodeWithList(i % 2 ? 'GetRequest' : 'GetNextRequest', 0x0a0b0c0d, other)), hex(want));
  }
  assert.equal(hex(sec.encodeWithList('GetRequest', 0x01020304, list)), before);
});

test('sessions sharing a list share templates only with their own version and community', () => {
  const varbinds = nulls(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.3.0']);
  const list = encodeVarbindList(varbinds);
  // Communities of one length that differ in one octet, an empty one, and both versions.
  const communities = ['public', 'publid', 'Public', '', 'private'];
  const secs = [0, 1].flatMap((version) => communities.map((c) => ({ version: version as 0 | 1, c, sec: new CommunitySecurity(version as 0 | 1, new TextEncoder().encode(c)) })));
  for (let round = 0; round < 3; round++) {
    for (const { version, c, sec } of round % 2 === 0 ? secs : [...secs].reverse()) {
      for (const type of ['GetRequest', 'GetNextRequest'] as const) {
        const requestId = MIN_FOUR_OCTET_ID + round * 7919 + version;
        const want = encodeCommunityMessage({ version, community: new TextEncoder().encode(c), pdu: { type, requestId, errorStatus: 0, errorIndex: 0, varbinds } });
        assert.equal(hex(sec.encodeWithList(type, requestId, list)), hex(want), `v${version} "${c}" ${type}`);
      }
    }
  }
});

test('sessions given the same OID array share its encoding; a changed array is encoded again', () => {
  const a = new ListCache<unknown>();
  const b = new ListCache<unknown>();
  const oids = ['1.3.6.1.2.1.1.1.0', Oid.parse('1.3.6.1.2.1.1.3.0')];
  const ea = a.lookup(oids);
  const eb = b.lookup(oids);
  assert.equal(ea.shared, eb.shared, 'one encoding for both sessions');
  assert.notEqual(ea, eb, 'each session keeps its own entry (its completion contexts)');
  assert.equal(a.lookup(oids), ea);
  assert.equal(hex(ea.shared.bytes), hex(encodeVarbindList(nulls(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.3.0']))));
  // The caller changes the array: both sessions see the new OIDs, never the old encoding.
  oids[0] = '1.3.6.1.2.1.1.5.0';
  const ea2 = a.lookup(oids);
  const eb2 = b.lookup(oids);
  assert.notEqual(ea2.shared, ea.shared);
  assert.equal(ea2.shared, eb2.shared);
  assert.equal(hex(ea2.shared.bytes), hex(encodeVarbindList(nulls(['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.3.0']))));
  assert.deepEqual(
    ea2.shared.names.oids.map((o) => o.toString()),
    ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.3.0'],
  );
  // Another array with the same OIDs is another list (arrays are the key), encoded alike.
  const copy = [...oids];
  assert.notEqual(a.lookup(copy).shared, ea2.shared);
  assert.equal(hex(a.lookup(copy).shared.bytes), hex(ea2.shared.bytes));
});
