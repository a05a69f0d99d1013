/**
 * A tiny scripted SNMP v1/v2c agent for command-line tests: it serves a fixed, sorted list
 * of varbinds whose values are given as raw BER (so any tag, even a malformed one, can be
 * served), answers get/getnext/getbulk/set, and can be told to drop requests or answer
 * with an error status. It exists so that net-snmp's tools and tsnmp's commands can be
 * pointed at exactly the same bytes and their printed lines compared.
 */
import { createSocket, type Socket } from 'node:dgram';
import { BerWriter } from '../../../src/ber/writer.js';
import { decodeMessage } from '../../../src/message/codec.js';
import type { CommunityMessage } from '../../../src/message/types.js';
import type { BasicPdu } from '../../../src/pdu/types.js';
import { writeValue } from '../../../src/pdu/varbinds.js';
import { Oid } from '../../../src/smi/oid.js';

/** One served object: its OID and its value as a whole BER element (tag, length, contents). */
export interface FakeEntry {
  oid: string;
  /** The value TLV in hex, e.g. `0201 05` for INTEGER 5 (spaces ignored). */
  tlv: string;
}

/** What the agent does with a request. */
export interface FakeAgentOptions {
  entries: FakeEntry[];
  /** Communities accepted (others are silently dropped, as net-snmp's snmpd does). Default public and private. */
  communities?: string[];
  /** Never answer. Default false. */
  drop?: boolean;
  /** Answer every request with this error status and index. Default: answer normally. */
  error?: { status: number; index: number };
  /** Answer get-next with the request OID itself (a non-increasing agent). Default false. */
  nonIncreasing?: boolean;
  /** Drop this many requests before answering any. Default 0. */
  dropFirst?: number;
  /** Before each real answer, send this many replies with a wrong request id. Default 0. */
  invalidBefore?: number;
  /** Answer with a response of this SNMP version instead of the request's. Default the request's. */
  answerVersion?: number;
}

/** A running fake agent. */
export interface FakeAgent {
  port: number;
  /** Every request received, raw. */
  requests: Uint8Array[];
  stop(): Promise<void>;
}

interface Served {
  oid: Oid;
  tlv: Uint8Array;
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
}

/** Starts the agent on 127.0.0.1 at a free port. */
export async function startFakeAgent(options: FakeAgentOptions): Promise<FakeAgent> {
  const served: Served[] = options.entries
    .map((e) => ({ oid: Oid.parse(e.oid), tlv: hexBytes(e.tlv) }))
    .sort((a, b) => a.oid.compare(b.oid));
  const communities = options.communities ?? ['public', 'private'];
  const requests: Uint8Array[] = [];
  const sock: Socket = createSocket('udp4');
  let dropped = 0;
  sock.on('message', (msg, rinfo) => {
    requests.push(Uint8Array.from(msg));
    if (options.drop === true) return;
    if (dropped < (options.dropFirst ?? 0)) {
      dropped++;
      return;
    }
    let req: CommunityMessage;
    try {
      const m = decodeMessage(Uint8Array.from(msg));
      if (m.version === 3) return;
      req = m;
    } catch {
      return;
    }
    if (!communities.includes(Buffer.from(req.community).toString('latin1'))) return;
    const reply = answer(req, served, options);
    if (reply === undefined) return;
    if (options.answerVersion !== undefined) {
      // The version INTEGER follows the outer SEQUENCE header: 02 01 VV.
      const at = (reply[1]! < 0x80 ? 2 : 2 + (reply[1]! & 0x7f)) + 2;
      reply[at] = options.answerVersion;
    }
    for (let i = 0; i < (options.invalidBefore ?? 0); i++) {
      const bad = answer({ ...req, pdu: { ...req.pdu, requestId: (requestIdOf(req) + 1 + i) & 0x7fffffff } as CommunityMessage['pdu'] }, served, options);
      if (bad !== undefined) sock.send(bad, rinfo.port, rinfo.address);
    }
    sock.send(reply, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', () => resolve()));
  return {
    port: sock.address().port,
    requests,
    stop: () => new Promise<void>((resolve) => sock.close(() => resolve())),
  };
}

const NULL_TLV = hexBytes('0500');
const NO_SUCH_OBJECT = hexBytes('8000');
const END_OF_MIB_VIEW = hexBytes('8200');

function answer(req: CommunityMessage, served: Served[], options: FakeAgentOptions): Uint8Array | undefined {
  const pdu = req.pdu;
  if (pdu.type === 'Trap' || pdu.type === 'Response' || pdu.type === 'Report' || pdu.type === 'SNMPv2Trap') return undefined;
  if (options.error !== undefined) {
    // RFC 3416 §4.2.1: on an error the response carries the request's varbinds.
    return encode(req, options.error.status, options.error.index, pdu.varbinds.map((vb) => [vb.oid, NULL_TLV] as [Oid, Uint8Array]), pdu.requestId);
  }
  const v1 = req.version === 0;
  const out: Array<[Oid, Uint8Array]> = [];
  let errorStatus = 0;
  let errorIndex = 0;
  const next = (oid: Oid): Served | undefined => {
    if (options.nonIncreasing === true) {
      const same = served.find((s) => s.oid.compare(oid) >= 0);
      return same === undefined ? undefined : { oid, tlv: same.tlv };
    }
    return served.find((s) => s.oid.compare(oid) > 0);
  };
  const fail = (status: number, index: number): void => {
    if (errorStatus === 0) {
      errorStatus = status;
      errorIndex = index;
    }
  };
  if (pdu.type === 'GetBulkRequest') {
    const n = Math.min(pdu.nonRepeaters, pdu.varbinds.length);
    for (let i = 0; i < n; i++) {
      const s = next(pdu.varbinds[i]!.oid);
      out.push(s === undefined ? [pdu.varbinds[i]!.oid, END_OF_MIB_VIEW] : [s.oid, s.tlv]);
    }
    const cursors = pdu.varbinds.slice(n).map((vb) => vb.oid);
    for (let r = 0; r < pdu.maxRepetitions && cursors.length > 0; r++) {
      for (let j = 0; j < cursors.length; j++) {
        const s = next(cursors[j]!);
        if (s === undefined) out.push([cursors[j]!, END_OF_MIB_VIEW]);
        else {
          out.push([s.oid, s.tlv]);
          cursors[j] = s.oid;
        }
      }
    }
  } else {
    pdu.varbinds.forEach((vb, i) => {
      if (pdu.type === 'GetRequest') {
        const s = served.find((e) => e.oid.equals(vb.oid));
        if (s === undefined && v1) fail(2, i + 1);
        out.push([vb.oid, s?.tlv ?? NO_SUCH_OBJECT]);
      } else if (pdu.type === 'GetNextRequest') {
        const s = next(vb.oid);
        if (s === undefined && v1) fail(2, i + 1);
        out.push(s === undefined ? [vb.oid, v1 ? NULL_TLV : END_OF_MIB_VIEW] : [s.oid, s.tlv]);
      } else {
        out.push([vb.oid, NULL_TLV]);
      }
    });
  }
  if (pdu.type === 'SetRequest' && errorStatus === 0) {
    return echoSet(req);
  }
  if (errorStatus !== 0) {
    // RFC 3416 §4.2.1: on an error the response carries the request's varbinds.
    return encode(req, errorStatus, errorIndex, pdu.varbinds.map((vb) => [vb.oid, NULL_TLV] as [Oid, Uint8Array]), requestIdOf(req));
  }
  return encode(req, 0, 0, out, requestIdOf(req));
}

function requestIdOf(req: CommunityMessage): number {
  return req.pdu.type === 'Trap' ? 0 : req.pdu.requestId;
}

/** A set succeeds: the response is the request with the PDU tag changed to Response. */
function echoSet(req: CommunityMessage): Uint8Array {
  const w = new BerWriter();
  const top = w.mark();
  const pduMark = w.mark();
  const listMark = w.mark();
  const pdu = req.pdu as BasicPdu;
  for (let i = pdu.varbinds.length - 1; i >= 0; i--) {
    const vb = pdu.varbinds[i]!;
    const m = w.mark();
    writeValue(w, vb);
    w.writeOid(vb.oid);
    w.writeSequence(0x30, m);
  }
  w.writeSequence(0x30, listMark);
  w.writeInteger32(0x02, 0);
  w.writeInteger32(0x02, 0);
  w.writeInteger32(0x02, pdu.requestId);
  w.writeSequence(0xa2, pduMark);
  w.writeOctets(0x04, req.community);
  w.writeInteger32(0x02, req.version);
  w.writeSequence(0x30, top);
  return w.toBytes();
}

function encode(req: CommunityMessage, errorStatus: number, errorIndex: number, vbs: Array<[Oid, Uint8Array]>, requestId: number): Uint8Array {
  const w = new BerWriter();
  const top = w.mark();
  const pduMark = w.mark();
  const listMark = w.mark();
  for (let i = vbs.length - 1; i >= 0; i--) {
    const [oid, tlv] = vbs[i]!;
    const m = w.mark();
    w.writeRaw(tlv);
    w.writeOid(oid);
    w.writeSequence(0x30, m);
  }
  w.writeSequence(0x30, listMark);
  w.writeInteger32(0x02, errorIndex);
  w.writeInteger32(0x02, errorStatus);
  w.writeInteger32(0x02, requestId);
  w.writeSequence(0xa2, pduMark);
  w.writeOctets(0x04, req.community);
  w.writeInteger32(0x02, req.version);
  w.writeSequence(0x30, top);
  return w.toBytes();
}
