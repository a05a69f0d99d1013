import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeMessage, decodeV3Message, encodeMessage, encodeV3Message, peekVersion } from '../../src/message/codec.js';
import type { CommunityMessage, Message, UsmSecurityParameters, V3Header } from '../../src/message/types.js';
import { decodeUsmSecurityParameters } from '../../src/message/usm.js';
import type { Pdu } from '../../src/pdu/types.js';
import { octetsFromHex } from '../../src/smi/octets.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { GOLDEN, type PlainCommunityMessage, type PlainPdu, type PlainV3Message, type PlainVarBind } from '../fixtures/golden/expected.js';
import { type GoldenPacket, hex, loadGolden, plainMessage } from './golden-loader.js';

const packets = loadGolden();
const byFile = new Map(packets.map((p) => [p.file, p]));

/** Builds a varbind from its plain form with the library's own types (not by decoding). */
function varBindFromPlain(p: PlainVarBind): VarBind {
  const oid = Oid.parse(p.oid);
  switch (p.type) {
    case 'OctetString':
    case 'Opaque':
    case 'NsapAddress':
      return { oid, type: p.type, value: octetsFromHex(p.value as string) } as VarBind;
    case 'ObjectIdentifier':
      return { oid, type: p.type, value: Oid.parse(p.value as string) };
    default:
      return { oid, type: p.type, value: p.value } as VarBind;
  }
}

function pduFromPlain(p: PlainPdu): Pdu {
  const varbinds = p.varbinds.map(varBindFromPlain);
  if (p.type === 'Trap' && 'enterprise' in p) return { ...p, type: 'Trap', enterprise: Oid.parse(p.enterprise), varbinds };
  return { ...p, varbinds } as Pdu;
}

function communityFromPlain(p: PlainCommunityMessage): CommunityMessage {
  return { version: p.version, community: octetsFromHex(p.community), pdu: pduFromPlain(p.pdu) };
}

function usmFromPlain(p: PlainV3Message): UsmSecurityParameters {
  return {
    msgAuthoritativeEngineId: octetsFromHex(p.usm.msgAuthoritativeEngineId),
    msgAuthoritativeEngineBoots: p.usm.msgAuthoritativeEngineBoots,
    msgAuthoritativeEngineTime: p.usm.msgAuthoritativeEngineTime,
    msgUserName: octetsFromHex(p.usm.msgUserName),
    msgAuthenticationParameters: octetsFromHex(p.usm.msgAuthenticationParameters),
    msgPrivacyParameters: octetsFromHex(p.usm.msgPrivacyParameters),
  };
}

function header(p: PlainV3Message): V3Header {
  return { version: 3, msgId: p.msgId, msgMaxSize: p.msgMaxSize, msgFlags: p.msgFlags, msgSecurityModel: p.msgSecurityModel };
}

function packet(file: string): GoldenPacket {
  const p = byFile.get(file);
  assert.ok(p, `fixture ${file} is missing`);
  return p;
}

describe('golden packets captured from net-snmp 5.9', () => {
  test('every stored packet has an expectation and every expectation a packet', () => {
    assert.ok(packets.length >= 90, `only ${packets.length} fixtures`);
    assert.deepEqual(new Set(GOLDEN.map((g) => g.file)), new Set(packets.map((p) => p.file)));
    assert.equal(new Set(GOLDEN.map((g) => g.file)).size, GOLDEN.length, 'duplicate expectation');
  });

  test('every fixture says which command produced it, with net-snmp version and date', () => {
    for (const p of packets) {
      const c = p.comments.join('\n');
      assert.match(c, /^# command: snmp(get|getnext|bulkget|set|trap|inform) /m, p.file);
      assert.match(c, /NET-SNMP version: 5\.9/, p.file);
      assert.match(c, /captured \d{4}-\d\d-\d\d/, p.file);
    }
  });

  for (const g of GOLDEN) {
    describe(g.file, () => {
      test('decodes to what net-snmp printed', () => {
        const { bytes } = packet(g.file);
        const msg = decodeMessage(bytes);
        const { message: expected } = g;
        if (expected.version === 3 && expected.encryptedPduLength !== undefined) {
          assert.equal(msg.version, 3);
          assert.ok(msg.version === 3 && msg.encryptedPdu !== undefined, 'expected the encrypted form');
          assert.deepEqual(hex(msg.encryptedPdu), hex(bytes.subarray(bytes.length - expected.encryptedPduLength)));
        }
        assert.deepEqual(plainMessage(msg), expected);
        assert.deepEqual(plainMessage(decodeMessage(bytes, { copyOctets: true })), expected);
        assert.equal(peekVersion(bytes), expected.version);
      });

      test('re-encodes the decoded message to the same bytes', () => {
        const { bytes } = packet(g.file);
        assert.equal(hex(encodeMessage(decodeMessage(bytes))), hex(bytes));
      });

      test('encodes the expectation, built from scratch, to the same bytes', () => {
        const { bytes } = packet(g.file);
        const m = g.message;
        if (m.version !== 3) {
          assert.equal(hex(encodeMessage(communityFromPlain(m))), hex(bytes));
          return;
        }
        const usm = usmFromPlain(m);
        const data =
          m.scopedPdu !== undefined
            ? { contextEngineId: octetsFromHex(m.scopedPdu.contextEngineId), contextName: octetsFromHex(m.scopedPdu.contextName), pdu: pduFromPlain(m.scopedPdu.pdu) }
            : bytes.slice(bytes.length - m.encryptedPduLength!);
        // USM parameters written field by field.
        assert.equal(hex(encodeV3Message(header(m), { usm }, data).bytes), hex(bytes));
        const authLength = usm.msgAuthenticationParameters.length;
        if (authLength === 0) return;
        // With a zero placeholder filled in afterwards, as the security layer will do it.
        const enc = encodeV3Message(header(m), { usm, authLength }, data);
        const at = enc.authParametersOffset;
        assert.equal(hex(enc.bytes.subarray(at, at + authLength)), '00'.repeat(authLength));
        assert.equal(hex(enc.bytes.subarray(0, at)), hex(bytes.subarray(0, at)));
        enc.bytes.set(usm.msgAuthenticationParameters, at);
        assert.equal(hex(enc.bytes), hex(bytes));
      });

      if (g.message.version === 3) {
        test('reports where its security and authentication parameters sit', () => {
          const { bytes } = packet(g.file);
          const d = decodeV3Message(bytes);
          const sp = d.message.msgSecurityParameters;
          assert.equal(hex(bytes.subarray(d.securityParametersOffset, d.securityParametersOffset + sp.length)), hex(sp));
          const usm = decodeUsmSecurityParameters(sp, d.securityParametersOffset);
          const n = usm.msgAuthenticationParameters.length;
          assert.equal(hex(bytes.subarray(usm.authParametersOffset, usm.authParametersOffset + n)), hex(usm.msgAuthenticationParameters));
          assert.equal(bytes[usm.authParametersOffset - 1], n, 'the length octet of msgAuthenticationParameters precedes it');
        });
      }
    });
  }

  test('Counter64 2^64-1 is in 9 content octets (46 09 00 FF..FF) as net-snmp sends it', () => {
    const bytes = packet('v2c-trap-1-sent.hex').bytes;
    assert.ok(hex(bytes).includes('460900ffffffffffffffff'));
    const msg = decodeMessage(bytes) as Message & CommunityMessage;
    const vb = msg.pdu.varbinds.find((v) => v.type === 'Counter64');
    assert.equal(vb?.value, 2n ** 64n - 1n);
  });
});
