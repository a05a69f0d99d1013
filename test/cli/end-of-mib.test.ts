/**
 * The walk's End-of-MIB tap: the PDU tag, request id and error status read from the first
 * octets of v1/v2c messages (encoded by the library's codec, over the whole range of ids
 * and statuses), anything else refused, and the tap's verdicts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EndOfMibTap, peekCommunityPdu } from '../../src/cli/end-of-mib.js';
import { encodeCommunityMessage } from '../../src/message/codec.js';
import type { BasicPdu, BasicPduType } from '../../src/pdu/types.js';
import { varBind } from '../../src/smi/values.js';

const TAGS: Readonly<Record<string, number>> = { GetRequest: 0xa0, GetNextRequest: 0xa1, Response: 0xa2 };

function message(type: BasicPduType, requestId: number, errorStatus = 0, version: 0 | 1 = 1, community = 'public', varbinds = 1): Uint8Array {
  const pdu: BasicPdu = {
    type,
    requestId,
    errorStatus,
    errorIndex: errorStatus === 0 ? 0 : 1,
    varbinds: Array.from({ length: varbinds }, (_, i) => varBind(`1.3.6.1.2.1.1.${i + 1}.0`, 'OctetString', new Uint8Array(40))),
  };
  return encodeCommunityMessage({ version, community: new TextEncoder().encode(community), pdu });
}

describe('peekCommunityPdu', () => {
  it('reads the tag, request id and error status of any v1/v2c message', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<BasicPduType>('GetRequest', 'GetNextRequest', 'Response'),
        fc.integer({ min: -0x80000000, max: 0x7fffffff }),
        fc.integer({ min: 0, max: 18 }),
        fc.constantFrom<0 | 1>(0, 1),
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 0, max: 10 }),
        (type, id, status, version, community, count) => {
          const bytes = message(type, id, type === 'Response' ? status : 0, version, community, count);
          assert.deepEqual(peekCommunityPdu(bytes), { tag: TAGS[type], requestId: id, errorStatus: type === 'Response' ? status : 0 });
        },
      ),
    );
  });

  it('refuses what is not a v1/v2c message, and every truncation of one', () => {
    const bytes = message('Response', 123456789, 2);
    // Every length of this message takes one octet: the error status ends at octet 24
    // (sequence 2, version 3, community 8, PDU header 2, request id 6, error status 3).
    assert.equal(bytes[1]! < 0x80 && bytes[14]! < 0x80, true);
    for (let n = 0; n < 24; n++) assert.equal(peekCommunityPdu(bytes.subarray(0, n)), undefined, `first ${n} octets`);
    assert.deepEqual(peekCommunityPdu(bytes.subarray(0, 24)), { tag: 0xa2, requestId: 123456789, errorStatus: 2 });
    const v3 = bytes.slice();
    v3[4] = 3;
    assert.equal(peekCommunityPdu(v3), undefined);
    const notSequence = bytes.slice();
    notSequence[0] = 0x31;
    assert.equal(peekCommunityPdu(notSequence), undefined);
    assert.equal(peekCommunityPdu(new Uint8Array([0x30, 0x85, 1, 2, 3, 4, 5])), undefined);
  });
});

describe('EndOfMibTap', () => {
  it('sees the end in noSuchName to a GetNext, not to a GetRequest', () => {
    const tap = new EndOfMibTap();
    tap.sent(message('GetRequest', 10, 0, 0));
    tap.received(message('Response', 10, 2, 0));
    assert.deepEqual(tap.check(), { endOfMib: false, getAfterEnd: false });
    tap.sent(message('GetNextRequest', 11, 0, 0));
    tap.received(message('Response', 11, 5, 0));
    assert.deepEqual(tap.check(), { endOfMib: false, getAfterEnd: false });
    tap.received(message('Response', 11, 2, 0));
    assert.deepEqual(tap.check(), { endOfMib: true, getAfterEnd: false });
    tap.sent(message('GetRequest', 12, 0, 0));
    assert.deepEqual(tap.check(), { endOfMib: true, getAfterEnd: true });
  });

  it('forgets the traffic of the walks before a reset', () => {
    const tap = new EndOfMibTap();
    tap.sent(message('GetNextRequest', 20, 0, 0));
    tap.received(message('Response', 20, 2, 0));
    tap.reset();
    assert.deepEqual(tap.check(), { endOfMib: false, getAfterEnd: false });
    tap.sent(message('GetNextRequest', 21, 0, 0));
    tap.received(message('Response', 21, 0, 0));
    assert.deepEqual(tap.check(), { endOfMib: false, getAfterEnd: false });
  });

  it('knows a GetRequest answered with noSuchName after the retries of later requests', () => {
    const tap = new EndOfMibTap();
    tap.sent(message('GetRequest', 30, 0, 0));
    for (let i = 0; i < 40; i++) tap.sent(message('GetNextRequest', 31, 0, 0));
    tap.received(message('Response', 30, 2, 0));
    assert.deepEqual(tap.check(), { endOfMib: false, getAfterEnd: false });
  });

  it('keeps the last eight messages received, oldest first (a parallel walk has several answers on the way)', () => {
    const tap = new EndOfMibTap();
    const all = Array.from({ length: 19 }, (_, i) => message('Response', i + 1));
    for (const [i, m] of all.entries()) {
      tap.received(m);
      assert.deepEqual(tap.recent, all.slice(Math.max(0, i - 7), i + 1));
    }
  });
});
