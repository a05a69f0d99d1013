/** fast-check arbitraries for every codec value: varbinds, PDUs, messages, USM parameters. */
import fc from 'fast-check';
import type { CommunityMessage, ScopedPdu, UsmSecurityParameters, V3Header } from '../../src/message/types.js';
import type { BasicPduType, Pdu } from '../../src/pdu/types.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';

const INT32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const UINT32 = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 0x7fffffff, 0x80000000, 0xffffffff));
const NON_NEGATIVE_INT32 = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 0x7fffffff }));
const ARC = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 200 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 0xffffffff }), weight: 1 });

/** Any OID the codec can carry: first arc 0..2, second below 40 under 0 and 1, 2..128 arcs. */
export const oidArb: fc.Arbitrary<Oid> = fc
  .tuple(
    fc.integer({ min: 0, max: 2 }),
    fc.oneof(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 0xffffffff })),
    fc.oneof({ arbitrary: fc.array(ARC, { maxLength: 12 }), weight: 5 }, { arbitrary: fc.array(ARC, { maxLength: 126 }), weight: 1 }),
  )
  .map(([first, second, rest]) => Oid.from([first, first < 2 ? second % 40 : second, ...rest]));

/** Octets, mostly short. */
export const octetsArb: fc.Arbitrary<Uint8Array> = fc.oneof({ arbitrary: fc.uint8Array({ maxLength: 40 }), weight: 5 }, { arbitrary: fc.uint8Array({ maxLength: 2000 }), weight: 1 });

/** A varbind of any SMI type with any valid value. */
export const varBindArb: fc.Arbitrary<VarBind> = fc.tuple(oidArb, fc.nat()).chain(([oid]) =>
  fc.oneof(
    INT32.map((value): VarBind => ({ oid, type: 'Integer32', value })),
    octetsArb.map((value): VarBind => ({ oid, type: 'OctetString', value })),
    fc.constant<VarBind>({ oid, type: 'Null', value: null }),
    oidArb.map((value): VarBind => ({ oid, type: 'ObjectIdentifier', value })),
    fc.ipV4().map((value): VarBind => ({ oid, type: 'IpAddress', value })),
    UINT32.map((value): VarBind => ({ oid, type: 'Counter32', value })),
    UINT32.map((value): VarBind => ({ oid, type: 'Gauge32', value })),
    UINT32.map((value): VarBind => ({ oid, type: 'TimeTicks', value })),
    octetsArb.map((value): VarBind => ({ oid, type: 'Opaque', value })),
    octetsArb.map((value): VarBind => ({ oid, type: 'NsapAddress', value })),
    fc.oneof(fc.bigInt({ min: 0n, max: 0xffffffffffffffffn }), fc.constantFrom(0n, 2n ** 63n, 2n ** 64n - 1n)).map((value): VarBind => ({ oid, type: 'Counter64', value })),
    UINT32.map((value): VarBind => ({ oid, type: 'UInteger32', value })),
    fc
      .tuple(fc.uint8Array({ maxLength: 16 }), fc.integer({ min: 0, max: 7 }))
      .map(([bytes, unused]): VarBind => ({ oid, type: 'BitString', value: { bytes, unusedBits: bytes.length === 0 ? 0 : unused } })),
    fc.constant<VarBind>({ oid, type: 'NoSuchObject', value: null }),
    fc.constant<VarBind>({ oid, type: 'NoSuchInstance', value: null }),
    fc.constant<VarBind>({ oid, type: 'EndOfMibView', value: null }),
  ),
);

const varBindsArb = fc.array(varBindArb, { maxLength: 12 });

const BASIC_TYPES: BasicPduType[] = ['GetRequest', 'GetNextRequest', 'Response', 'SetRequest', 'InformRequest', 'SNMPv2Trap', 'Report'];

/** Any PDU but the v1 Trap. */
export const v2PduArb: fc.Arbitrary<Pdu> = fc.oneof(
  fc.record({ type: fc.constantFrom(...BASIC_TYPES), requestId: INT32, errorStatus: INT32, errorIndex: INT32, varbinds: varBindsArb }),
  fc.record({ type: fc.constant('GetBulkRequest' as const), requestId: INT32, nonRepeaters: NON_NEGATIVE_INT32, maxRepetitions: NON_NEGATIVE_INT32, varbinds: varBindsArb }),
);

/** The SNMPv1 Trap-PDU. */
export const trapPduArb: fc.Arbitrary<Pdu> = fc.record({
  type: fc.constant('Trap' as const),
  enterprise: oidArb,
  agentAddr: fc.ipV4(),
  genericTrap: INT32,
  specificTrap: INT32,
  timeStamp: UINT32,
  varbinds: varBindsArb,
});

/** A PDU of any kind. */
export const pduArb: fc.Arbitrary<Pdu> = fc.oneof(v2PduArb, trapPduArb);

const V1_TYPES = new Set(['GetRequest', 'GetNextRequest', 'Response', 'SetRequest', 'Trap']);

/** Value types SNMPv1 has not (RFC 1155 §3.2; the exceptions are SNMPv2's, RFC 3416 §3). */
const NOT_V1 = new Set(['Counter64', 'NoSuchObject', 'NoSuchInstance', 'EndOfMibView']);

/** A v1 or v2c message with a PDU and values its version allows. */
export const communityMessageArb: fc.Arbitrary<CommunityMessage> = fc.oneof(
  fc.record({ version: fc.constant(0 as const), community: octetsArb, pdu: pduArb.filter((p) => V1_TYPES.has(p.type) && p.varbinds.every((vb) => !NOT_V1.has(vb.type))) }),
  fc.record({ version: fc.constant(1 as const), community: octetsArb, pdu: v2PduArb }),
);

/** USM security parameters within RFC 3414 §2.4's ranges. */
export const usmArb: fc.Arbitrary<UsmSecurityParameters> = fc.record({
  msgAuthoritativeEngineId: fc.uint8Array({ maxLength: 32 }),
  msgAuthoritativeEngineBoots: NON_NEGATIVE_INT32,
  msgAuthoritativeEngineTime: NON_NEGATIVE_INT32,
  msgUserName: fc.uint8Array({ maxLength: 32 }),
  msgAuthenticationParameters: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 12, maxLength: 48 })),
  msgPrivacyParameters: fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ minLength: 8, maxLength: 8 })),
});

/** A v3 header whose flags are a valid combination (no priv without auth). */
export const v3HeaderArb: fc.Arbitrary<V3Header> = fc.record({
  version: fc.constant(3 as const),
  msgId: NON_NEGATIVE_INT32,
  msgMaxSize: fc.oneof(fc.constant(484), fc.constant(65507), fc.integer({ min: 484, max: 0x7fffffff })),
  msgFlags: fc.integer({ min: 0, max: 255 }).filter((f) => (f & 3) !== 2),
  msgSecurityModel: fc.oneof(fc.constant(3), fc.integer({ min: 1, max: 0x7fffffff })),
});

/** A plain scoped PDU. */
export const scopedPduArb: fc.Arbitrary<ScopedPdu> = fc.record({ contextEngineId: fc.uint8Array({ maxLength: 32 }), contextName: fc.uint8Array({ maxLength: 32 }), pdu: v2PduArb });

/** What a v3 message carries: a plain scoped PDU or encrypted octets. */
export const v3DataArb: fc.Arbitrary<ScopedPdu | Uint8Array> = fc.oneof(scopedPduArb, fc.uint8Array({ maxLength: 300 }));
