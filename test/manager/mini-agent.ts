/**
 * A tiny SNMP v1/v2c agent for tests: a sorted list of varbinds answered with Get, GetNext,
 * GetBulk (RFC 3416 §4.2.3) and Set, with switches for the ways real agents misbehave.
 * It works on bytes (decode request, encode response), so it serves both the in-memory
 * network and a real UDP socket.
 */
import { decodeMessage, encodeCommunityMessage } from '../../src/message/codec.js';
import type { CommunityMessage } from '../../src/message/types.js';
import { ErrorStatus } from '../../src/pdu/error-status.js';
import type { BasicPdu, Pdu } from '../../src/pdu/types.js';
import { octetsToText } from '../../src/smi/octets.js';
import { Oid } from '../../src/smi/oid.js';
import type { VarBind } from '../../src/smi/types.js';

/** Options of {@link MiniAgent}. */
export interface MiniAgentOptions {
  /** Read community. Default 'public'. */
  readCommunity?: string;
  /** Read-write community. Default 'private'. */
  writeCommunity?: string;
  /** Answer tooBig when a response would carry more varbinds than this. Default unlimited. */
  maxResponseVarbinds?: number;
  /** Rewrites each response PDU before it is encoded (misbehaviour). */
  rewrite?: (response: BasicPdu, request: Pdu) => BasicPdu;
}

/** A varbind made from text for tests. */
export function vb(oid: string, type: VarBind['type'], value: unknown): VarBind {
  return { oid: Oid.parse(oid), type, value } as VarBind;
}

/** An OctetString varbind from text. */
export function str(oid: string, text: string): VarBind {
  return vb(oid, 'OctetString', new TextEncoder().encode(text));
}

/** An Integer32 varbind. */
export function int(oid: string, n: number): VarBind {
  return vb(oid, 'Integer32', n);
}

/** A small MIB agent. */
export class MiniAgent {
  mib: VarBind[];
  readonly options: MiniAgentOptions;
  /** Every request PDU received, in order. */
  readonly requests: Pdu[] = [];

  constructor(mib: VarBind[], options: MiniAgentOptions = {}) {
    this.mib = [...mib].sort((a, b) => a.oid.compare(b.oid));
    this.options = options;
  }

  /** Answers a request message; undefined when it is not one to answer. */
  handle(bytes: Uint8Array): Uint8Array | undefined {
    let msg;
    try {
      msg = decodeMessage(bytes);
    } catch {
      return undefined;
    }
    if (msg.version === 3) return undefined;
    const community = octetsToText(msg.community);
    const write = community === (this.options.writeCommunity ?? 'private');
    if (!write && community !== (this.options.readCommunity ?? 'public')) return undefined;
    this.requests.push(msg.pdu);
    const response = this.respond(msg.pdu, msg.version, write);
    if (response === undefined) return undefined;
    const out: CommunityMessage = { version: msg.version, community: msg.community, pdu: this.options.rewrite?.(response, msg.pdu) ?? response };
    return encodeCommunityMessage(out);
  }

  /** The response PDU for a request. */
  respond(pdu: Pdu, version: 0 | 1, write: boolean): BasicPdu | undefined {
    if (pdu.type === 'Trap' || pdu.type === 'Response' || pdu.type === 'Report' || pdu.type === 'SNMPv2Trap') return undefined;
    const requestId = pdu.requestId;
    const ok = (varbinds: VarBind[]): BasicPdu => {
      const max = this.options.maxResponseVarbinds ?? Infinity;
      if (varbinds.length > max) return { type: 'Response', requestId, errorStatus: ErrorStatus.tooBig, errorIndex: 0, varbinds: pdu.varbinds };
      return { type: 'Response', requestId, errorStatus: 0, errorIndex: 0, varbinds };
    };
    const fail = (status: number, index: number): BasicPdu => ({ type: 'Response', requestId, errorStatus: status, errorIndex: index, varbinds: pdu.varbinds });
    switch (pdu.type) {
      case 'GetRequest': {
        const out: VarBind[] = [];
        for (let i = 0; i < pdu.varbinds.length; i++) {
          const name = pdu.varbinds[i]!.oid;
          const found = this.mib.find((v) => v.oid.equals(name));
          if (found !== undefined) out.push(found);
          else if (version === 0) return fail(ErrorStatus.noSuchName, i + 1);
          else out.push({ oid: name, type: this.mib.some((v) => name.startsWith(v.oid.parent())) ? 'NoSuchInstance' : 'NoSuchObject', value: null });
        }
        return ok(out);
      }
      case 'GetNextRequest': {
        const out: VarBind[] = [];
        for (let i = 0; i < pdu.varbinds.length; i++) {
          const next = this.next(pdu.varbinds[i]!.oid);
          if (next !== undefined) out.push(next);
          else if (version === 0) return fail(ErrorStatus.noSuchName, i + 1);
          else out.push({ oid: pdu.varbinds[i]!.oid, type: 'EndOfMibView', value: null });
        }
        return ok(out);
      }
      case 'GetBulkRequest': {
        // RFC 3416 §4.2.3
        const n = Math.min(Math.max(pdu.nonRepeaters, 0), pdu.varbinds.length);
        const out: VarBind[] = [];
        for (let i = 0; i < n; i++) out.push(this.next(pdu.varbinds[i]!.oid) ?? { oid: pdu.varbinds[i]!.oid, type: 'EndOfMibView', value: null });
        let cursors = pdu.varbinds.slice(n).map((v) => v.oid);
        for (let r = 0; r < pdu.maxRepetitions && cursors.length > 0; r++) {
          let allEnd = true;
          const nextCursors: Oid[] = [];
          for (const c of cursors) {
            const next = this.next(c);
            if (next === undefined) out.push({ oid: c, type: 'EndOfMibView', value: null });
            else {
              out.push(next);
              allEnd = false;
            }
            nextCursors.push(next?.oid ?? c);
          }
          cursors = nextCursors;
          if (allEnd) break;
        }
        return ok(out);
      }
      case 'SetRequest': {
        if (!write) return fail(version === 0 ? ErrorStatus.noSuchName : ErrorStatus.noAccess, 1);
        for (const v of pdu.varbinds) {
          this.mib = this.mib.filter((m) => !m.oid.equals(v.oid));
          this.mib.push(v);
        }
        this.mib.sort((a, b) => a.oid.compare(b.oid));
        return ok(pdu.varbinds);
      }
      default:
        return undefined;
    }
  }

  /** The first varbind after `oid`. */
  next(oid: Oid): VarBind | undefined {
    return this.mib.find((v) => v.oid.compare(oid) > 0);
  }
}
