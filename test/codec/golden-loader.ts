/**
 * Reads the golden packets stored in test/fixtures/golden/ (no network) and turns decoded
 * messages into the plain form of test/fixtures/golden/expected.ts for comparison.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeUsmSecurityParameters } from '../../src/message/usm.js';
import type { Message } from '../../src/message/types.js';
import type { Pdu } from '../../src/pdu/types.js';
import type { VarBind } from '../../src/smi/types.js';
import type { PlainPdu, PlainVarBind } from '../fixtures/golden/expected.js';

/** The source directory of the fixtures (tests run from dist/test/codec/). */
export const GOLDEN_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/golden');

/** One stored packet: its file name, the comment lines, and the bytes. */
export interface GoldenPacket {
  file: string;
  comments: string[];
  bytes: Uint8Array;
}

/** Parses a fixture: `#` comment lines, then hex octets separated by white space. */
export function parseFixture(file: string, content: string): GoldenPacket {
  const comments: string[] = [];
  const hex: string[] = [];
  for (const line of content.split('\n')) {
    if (line.startsWith('#')) comments.push(line);
    else if (line.trim() !== '') hex.push(...line.trim().split(/\s+/));
  }
  const bytes = new Uint8Array(hex.length);
  hex.forEach((h, i) => {
    if (!/^[0-9A-Fa-f]{2}$/.test(h)) throw new Error(`${file}: not a hex octet: ${h}`);
    bytes[i] = parseInt(h, 16);
  });
  return { file, comments, bytes };
}

/** Every fixture in the directory, sorted by name. */
export function loadGolden(): GoldenPacket[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.hex'))
    .sort()
    .map((f) => parseFixture(f, readFileSync(path.join(GOLDEN_DIR, f), 'utf8')));
}

/** Lower-case hex of some octets. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** A decoded varbind in plain form. */
export function plainVarBind(vb: VarBind): PlainVarBind {
  const oid = vb.oid.toString();
  switch (vb.type) {
    case 'OctetString':
    case 'Opaque':
    case 'NsapAddress':
      return { oid, type: vb.type, value: hex(vb.value) };
    case 'ObjectIdentifier':
      return { oid, type: vb.type, value: vb.value.toString() };
    case 'BitString':
      return { oid, type: vb.type, value: { hex: hex(vb.value.bytes), unusedBits: vb.value.unusedBits } };
    default:
      return { oid, type: vb.type, value: vb.value };
  }
}

/** A decoded PDU in plain form. */
export function plainPdu(pdu: Pdu): PlainPdu {
  const varbinds = pdu.varbinds.map(plainVarBind);
  switch (pdu.type) {
    case 'Trap':
      return {
        type: 'Trap',
        enterprise: pdu.enterprise.toString(),
        agentAddr: pdu.agentAddr,
        genericTrap: pdu.genericTrap,
        specificTrap: pdu.specificTrap,
        timeStamp: pdu.timeStamp,
        varbinds,
      };
    case 'GetBulkRequest':
      return { type: pdu.type, requestId: pdu.requestId, nonRepeaters: pdu.nonRepeaters, maxRepetitions: pdu.maxRepetitions, varbinds };
    default:
      return { type: pdu.type, requestId: pdu.requestId, errorStatus: pdu.errorStatus, errorIndex: pdu.errorIndex, varbinds };
  }
}

/** A decoded message in plain form (v3: USM parameters decoded, encrypted PDU by length). */
export function plainMessage(msg: Message): unknown {
  if (msg.version !== 3) return { version: msg.version, community: hex(msg.community), pdu: plainPdu(msg.pdu) };
  const usm = decodeUsmSecurityParameters(msg.msgSecurityParameters);
  const out: Record<string, unknown> = {
    version: 3,
    msgId: msg.msgId,
    msgMaxSize: msg.msgMaxSize,
    msgFlags: msg.msgFlags,
    msgSecurityModel: msg.msgSecurityModel,
    usm: {
      msgAuthoritativeEngineId: hex(usm.msgAuthoritativeEngineId),
      msgAuthoritativeEngineBoots: usm.msgAuthoritativeEngineBoots,
      msgAuthoritativeEngineTime: usm.msgAuthoritativeEngineTime,
      msgUserName: hex(usm.msgUserName),
      msgAuthenticationParameters: hex(usm.msgAuthenticationParameters),
      msgPrivacyParameters: hex(usm.msgPrivacyParameters),
    },
  };
  if (msg.scopedPdu !== undefined) {
    out.scopedPdu = { contextEngineId: hex(msg.scopedPdu.contextEngineId), contextName: hex(msg.scopedPdu.contextName), pdu: plainPdu(msg.scopedPdu.pdu) };
  } else {
    out.encryptedPduLength = msg.encryptedPdu.length;
  }
  return out;
}
