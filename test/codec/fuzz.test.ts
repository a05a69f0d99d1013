/**
 * Mutation fuzzing of every decoder, seeded from the golden packets. Only DecodeError may
 * escape, its offset must lie inside the input, every decoded OID must expand, and a
 * known-good packet must still decode after each failure.
 *
 * Reproduce a failure with the printed seed: TSNMP_FUZZ_SEED=<seed> (and optionally
 * TSNMP_FUZZ_COUNT=<n> for a longer run).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBerTree } from '../../src/ber/tree.js';
import { DecodeError, EncodeError } from '../../src/errors.js';
import {
  decodeMessage,
  decodePdu,
  decodeScopedPdu,
  decodeV3Message,
  encodeMessage,
  encodePdu,
  encodeScopedPdu,
  encodeV3Message,
  peekVersion,
} from '../../src/message/codec.js';
import type { Message } from '../../src/message/types.js';
import { decodeUsmSecurityParameters } from '../../src/message/usm.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';
import { loadGolden } from './golden-loader.js';
import { plain, toHex } from './helpers.js';
import { type Mutation, mutant, Prng } from './mutator.js';

const COUNT = Number(process.env.TSNMP_FUZZ_COUNT ?? 200_000);
const SEED = Number(process.env.TSNMP_FUZZ_SEED ?? 0x2025_0b3c);
const TIME_BOX_MS = 60_000;

/** Every Oid in a decoded value is expanded (its arcs decoded), as a user would. */
function touch(x: unknown, depth = 0): number {
  if (x instanceof Oid) return x.toString().length + x.length;
  if (x instanceof Uint8Array || x === null || typeof x !== 'object' || depth > 8) return 0;
  let n = 0;
  for (const v of Array.isArray(x) ? x : Object.values(x)) n += touch(v, depth + 1);
  return n;
}

/** Seeds: the golden packets, their PDUs, scoped PDUs and USM parameters, and hand-made extras. */
function buildSeeds(): { messages: Uint8Array[]; all: Uint8Array[] } {
  const messages = loadGolden().map((p) => p.bytes);
  const parts: Uint8Array[] = [];
  for (const bytes of messages) {
    const m = decodeMessage(bytes);
    if (m.version !== 3) {
      parts.push(encodePdu(m.pdu));
    } else {
      parts.push(m.msgSecurityParameters);
      if (m.scopedPdu !== undefined) parts.push(encodeScopedPdu(m.scopedPdu), encodePdu(m.scopedPdu.pdu));
    }
  }
  // Types net-snmp's tools never send: BIT STRING, NsapAddress, UInteger32 and friends.
  const oid = Oid.parse('1.3.6.1.4.1.8072.9999.4');
  const every: VarBind[] = [
    { oid, type: 'BitString', value: { bytes: Uint8Array.of(0xa0, 0x80), unusedBits: 7 } },
    { oid, type: 'NsapAddress', value: Uint8Array.of(0x47, 0, 5) },
    { oid, type: 'UInteger32', value: 0xffffffff },
    { oid, type: 'Counter64', value: 2n ** 64n - 1n },
    { oid, type: 'ObjectIdentifier', value: Oid.parse('2.4294967295.4294967295') },
    { oid, type: 'NoSuchInstance', value: null },
  ];
  const extra = encodeMessage({ version: 1, community: Uint8Array.of(0x61), pdu: { type: 'Response', requestId: -1, errorStatus: 0, errorIndex: 0, varbinds: every } });
  const encrypted = encodeV3Message(
    { version: 3, msgId: 1, msgMaxSize: 484, msgFlags: 7, msgSecurityModel: 3 },
    {
      usm: {
        msgAuthoritativeEngineId: Uint8Array.of(0x80, 0, 0x1f, 0x88, 4),
        msgAuthoritativeEngineBoots: 2,
        msgAuthoritativeEngineTime: 3,
        msgUserName: Uint8Array.of(0x75),
        msgAuthenticationParameters: new Uint8Array(0),
        msgPrivacyParameters: new Uint8Array(8),
      },
      authLength: 48,
    },
    new Uint8Array(64).fill(0x33),
  ).bytes;
  messages.push(extra, encrypted);
  return { messages, all: [...messages, ...parts] };
}

type Decoder = (b: Uint8Array) => unknown;
const DECODERS: [string, Decoder][] = [
  ['decodeMessage', (b) => decodeMessage(b)],
  ['decodeMessage copyOctets', (b) => decodeMessage(b, { copyOctets: true, maxVarBinds: 50 })],
  ['decodeV3Message', (b) => decodeV3Message(b)],
  ['decodePdu', (b) => decodePdu(b)],
  ['decodeScopedPdu', (b) => decodeScopedPdu(b, { allowTrailing: true })],
  ['decodeUsmSecurityParameters', (b) => decodeUsmSecurityParameters(b, 7)],
  ['peekVersion', (b) => peekVersion(b)],
  ['decodeBerTree', (b) => decodeBerTree(b, { maxDepth: 12 })],
];

test(`mutation fuzzing: ${COUNT} inputs, only DecodeError escapes the decoders`, (t) => {
  const { messages, all } = buildSeeds();
  const rng = new Prng(SEED);
  const stats = new Map<Mutation, number>();
  const good = messages.map((b) => ({ bytes: b, plain: JSON.stringify(plain(decodeMessage(b)), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) }));
  let failure: string | undefined;
  let failed: { decode: Decoder; input: Uint8Array } | undefined;
  let decoded = 0;
  let rejected = 0;
  let reEncoded = 0;
  let encodeRefused = 0;
  let goodChecks = 0;
  // Stack traces are most of the cost of a thrown error; a failure is re-run with them below.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const start = Date.now();
  const deadline = start + TIME_BOX_MS;
  let i = 0;
  for (; i < COUNT && failure === undefined; i++) {
    if ((i & 1023) === 0 && Date.now() > deadline) break;
    const input = mutant(rng, all, stats);
    let anyFailed = false;
    for (const [name, decode] of DECODERS) {
      try {
        const value = decode(input);
        touch(value);
        decoded++;
        if (name === 'decodeMessage') {
          // What decodes re-encodes, or is refused with EncodeError; and it decodes back the same.
          let again: Uint8Array | undefined;
          try {
            again = encodeMessage(value as Message);
          } catch (err) {
            // The known asymmetries: RFC 3416 §4.2.3 lets a receiver take negative
            // non-repeaters/max-repetitions (as 0), and the decoder reads a Counter64 or an
            // exception value in an SNMPv1 message; the encoder sends neither.
            if (!(err instanceof EncodeError) || !/nonRepeaters|maxRepetitions|cannot be sent in an SNMPv1 message/.test(err.message)) throw err;
            encodeRefused++;
          }
          if (again !== undefined) {
            reEncoded++;
            assert.deepEqual(plain(decodeMessage(again)), plain(value), 'decode(encode(decode(x))) differs from decode(x)');
          }
        }
      } catch (err) {
        // The decoders wrap an unexpected internal error in a DecodeError (with the error as
        // its cause) so that callers only see DecodeError; here that still counts as a bug.
        if (!(err instanceof DecodeError) || (err.cause !== undefined && !(err.cause instanceof DecodeError))) {
          const cause = err instanceof DecodeError ? ` caused by ${String(err.cause)}` : '';
          failure = `${name} threw ${String(err)}${cause}\n  on input ${i} (seed ${SEED}): ${toHex(input)}`;
          failed = { decode, input };
          break;
        }
        const limit = input.length + (name === 'decodeUsmSecurityParameters' ? 7 : 0);
        if (!Number.isInteger(err.offset) || err.offset < 0 || err.offset > limit) {
          failure = `${name}: DecodeError offset ${err.offset} outside 0..${limit} (${err.message})\n  on input ${i} (seed ${SEED}): ${toHex(input)}`;
          break;
        }
        rejected++;
        anyFailed = true;
      }
    }
    if (anyFailed && failure === undefined) {
      // The decoder keeps working: a known-good packet still decodes to the same value.
      const g = good[i % good.length]!;
      const m = decodeMessage(g.bytes);
      touch(m);
      if ((i & 255) === 0) {
        const now = JSON.stringify(plain(m), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
        if (now !== g.plain) failure = `a good packet decoded differently after input ${i} (seed ${SEED})`;
      }
      goodChecks++;
    }
  }
  const elapsed = Date.now() - start;
  Error.stackTraceLimit = stackTraceLimit;
  if (failed !== undefined) {
    // Again, with a stack trace this time.
    try {
      failed.decode(failed.input);
    } catch (err) {
      const inner = err instanceof DecodeError && err.cause instanceof Error ? err.cause : err;
      failure += `\n${inner instanceof Error ? inner.stack : ''}`;
    }
  }
  if (failure !== undefined) failure += `\n  (re-run: TSNMP_FUZZ_SEED=${SEED} TSNMP_FUZZ_COUNT=${i})`;
  t.diagnostic(`seed ${SEED}: ${i} mutated inputs in ${elapsed} ms, ${DECODERS.length} decoders each; ${decoded} decoded, ${rejected} DecodeErrors`);
  t.diagnostic(`re-encoded ${reEncoded} decoded messages, ${encodeRefused} refused by the encoder; ${goodChecks} good-packet checks`);
  t.diagnostic(`mutations: ${[...stats].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (failure !== undefined) assert.fail(failure);
  assert.ok(i >= COUNT, `only ${i} of ${COUNT} inputs ran within ${TIME_BOX_MS / 1000} s`);
  assert.ok(decoded > 0 && rejected > 0, 'the mutants exercised both outcomes');
});
