/**
 * The command responder (RFC 3413 §3.2) for community messages: received bytes in, response
 * bytes out (or nothing). It decodes, counts (RFC 3418 snmp group), authenticates the
 * community, processes the PDU against the context's registry, and encodes the Response
 * straight into a reused BER writer. SNMPv3 messages go to a pluggable message handler
 * (USM comes later); without one they count as bad versions.
 */
import type { DecodeOptions } from '../ber/limits.js';
import { BerWriter } from '../ber/writer.js';
import { DecodeError } from '../errors.js';
import { decodeMessage } from '../message/codec.js';
import type { CommunityMessage, V3Message } from '../message/types.js';
import { ErrorStatus } from '../pdu/error-status.js';
import { writeValue } from '../pdu/varbinds.js';
import type { VarBind } from '../smi/types.js';
import type { MessageSource } from '../transport/types.js';
import type { AccessProfile, CommunityTable } from './community.js';
import { reportAgentDrop } from './diagnostics.js';
import { type AgentRequestPdu, type BulkEndOfMibView, type ProcessOutcome, processPdu } from './processor.js';
import type { Registry } from './registry.js';

/** RFC 3418 snmp group counters, and the agent's own drop counter. Counters wrap at 2^32. */
export class AgentCounters {
  /** snmpInPkts: messages received. */
  inPkts = 0;
  /** snmpInBadVersions: messages of a version the agent does not speak. */
  inBadVersions = 0;
  /** snmpInBadCommunityNames: messages with an unknown community (or refused by the authenticity hook). */
  inBadCommunityNames = 0;
  /** snmpInBadCommunityUses: operations the community may not perform (a Set through a read-only community). */
  inBadCommunityUses = 0;
  /** snmpInASNParseErrs: messages that did not decode. */
  inASNParseErrs = 0;
  /** snmpSilentDrops: requests dropped because even a tooBig response would not fit. */
  silentDrops = 0;
  /** snmpProxyDrops: always 0 (no proxy). */
  proxyDrops = 0;
  /** Requests dropped because too many were waiting for asynchronous handlers (not an RFC counter). */
  overloadDrops = 0;
  /** Messages that were not requests (responses, traps) and were ignored (not an RFC counter). */
  ignoredPdus = 0;
  /** Requests abandoned because asynchronous handlers did not answer in time (not an RFC counter). */
  timeouts = 0;
}

/** What the authenticity hook sees (seed 003's CheckAuthenticity). */
export interface AuthenticityRequest {
  readonly version: number;
  /** The community received. A secret: do not log it. */
  readonly community: Uint8Array;
  /** The profile the community names. */
  readonly access: AccessProfile;
  readonly source: MessageSource | undefined;
}

/** Why a message failed authentication. */
export type AuthenticationFailureReason = 'unknownCommunity' | 'rejectedByHook';

/** The `authenticationFailure` event (the notifications layer turns it into a trap when snmpEnableAuthenTraps is enabled). */
export interface AuthenticationFailureEvent {
  readonly version: number;
  readonly reason: AuthenticationFailureReason;
  readonly source: MessageSource | undefined;
}

/**
 * What the responder lends an SNMPv3 handler: after USM has checked and decrypted a
 * message and VACM has made an {@link AccessProfile} for its user, the scoped PDU is
 * processed exactly as a community request is, with `processPdu` and these.
 */
export interface ResponderServices {
  /** The registry of a context (undefined: unknownContext). */
  readonly registryFor: (contextName: string) => Registry | undefined;
  /** The snmp group counters. */
  readonly counters: AgentCounters;
  /** The agent's largest response in bytes (the manager's msgMaxSize may lower it). */
  readonly maxMessageSize: number;
  /** The agent's cap on GetBulk varbinds. */
  readonly maxBulkVarBinds: number;
  /** What a GetBulk response holds after the end of the MIB view. */
  readonly bulkEndOfMibView: BulkEndOfMibView;
}

/** Handles SNMPv3 messages for the responder (USM and VACM plug in here). */
export interface V3MessageHandler {
  /** Answers a decoded v3 message: response bytes (a Response or a Report), nothing, or a promise of either. */
  handle(message: V3Message, bytes: Uint8Array, source: MessageSource | undefined, services: ResponderServices): Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

/** Options of a {@link CommandResponder}. */
export interface ResponderOptions {
  /** The communities. */
  readonly communities: CommunityTable;
  /** The registry of a context name; undefined for an unknown context (the request is dropped). */
  readonly registryFor: (contextName: string) => Registry | undefined;
  /** Counters to update. */
  readonly counters: AgentCounters;
  /** Largest response in bytes (UDP payload limit). Default 65,507. */
  readonly maxMessageSize?: number;
  /** Requests that may wait for asynchronous handlers at once; more are dropped. Default 1,024. */
  readonly maxPendingRequests?: number;
  /** Most varbinds in a GetBulk response. Default 1,024. */
  readonly maxBulkVarBinds?: number;
  /** After the end of the MIB view, stop a GetBulk response (`truncate`, like snmpd) or repeat endOfMibView (`fill`, like snmpsim). Default `truncate`. */
  readonly bulkEndOfMibView?: BulkEndOfMibView;
  /** Milliseconds a request may wait for asynchronous handlers before it is dropped. Default 5,000. */
  readonly requestTimeout?: number;
  /** Seed 003's CheckAuthenticity: false refuses an otherwise known community. Default accepts all. */
  readonly checkAuthenticity?: (request: AuthenticityRequest) => boolean;
  /** Called on every authentication failure. */
  readonly onAuthenticationFailure?: (event: AuthenticationFailureEvent) => void;
  /** SNMPv3 processing; without it v3 messages count as snmpInBadVersions. */
  readonly v3?: V3MessageHandler;
  /**
   * Decoder limits. Default: `maxMessageSize` 65,535 and no varbind limit below the
   * decoder's own 65,535 (a 64 KiB message holds at most about 9,000 varbinds, and a
   * request the decoder refuses gets no answer at all, where snmpd answers it).
   */
  readonly decodeOptions?: DecodeOptions;
}

/** The outcome of handling one message: response bytes, nothing (dropped), or a promise of either. */
export type ResponderResult = Uint8Array | undefined | Promise<Uint8Array | undefined>;

const RESPONSE_OVERHEAD = 32;

/** Turns received messages into responses. */
export class CommandResponder {
  readonly #o: ResponderOptions;
  readonly #counters: AgentCounters;
  readonly #writer = new BerWriter(70000);
  readonly #maxSize: number;
  readonly #maxPending: number;
  readonly #timeout: number;
  readonly #maxBulk: number;
  readonly #services: ResponderServices;
  readonly #decode: DecodeOptions;
  #pending = 0;

  constructor(options: ResponderOptions) {
    this.#o = options;
    this.#counters = options.counters;
    this.#maxSize = options.maxMessageSize ?? 65507;
    this.#maxPending = options.maxPendingRequests ?? 1024;
    this.#timeout = options.requestTimeout ?? 5000;
    this.#maxBulk = options.maxBulkVarBinds ?? 1024;
    this.#services = {
      registryFor: options.registryFor,
      counters: options.counters,
      maxMessageSize: this.#maxSize,
      maxBulkVarBinds: this.#maxBulk,
      bulkEndOfMibView: options.bulkEndOfMibView ?? 'truncate',
    };
    this.#decode = options.decodeOptions ?? { maxMessageSize: 65535 };
  }

  /** Requests waiting for asynchronous handlers now. */
  get pending(): number {
    return this.#pending;
  }

  /** Handles one received message. Never throws. */
  handle(bytes: Uint8Array, source: MessageSource | undefined): ResponderResult {
    const c = this.#counters;
    c.inPkts = (c.inPkts + 1) >>> 0;
    let msg;
    try {
      msg = decodeMessage(bytes, this.#decode);
    } catch (err) {
      if (err instanceof DecodeError && err.kind === 'badVersion') {
        c.inBadVersions = (c.inBadVersions + 1) >>> 0;
        reportAgentDrop('badVersion', source, err);
      } else {
        c.inASNParseErrs = (c.inASNParseErrs + 1) >>> 0;
        reportAgentDrop('parseError', source, err);
      }
      return undefined;
    }
    if (msg.version === 3) {
      const v3 = this.#o.v3;
      if (v3 === undefined) {
        c.inBadVersions = (c.inBadVersions + 1) >>> 0;
        reportAgentDrop('badVersion', source);
        return undefined;
      }
      try {
        return v3.handle(msg, bytes, source, this.#services);
      } catch {
        return undefined;
      }
    }
    return this.#community(msg, source);
  }

  #community(msg: CommunityMessage, source: MessageSource | undefined): ResponderResult {
    const c = this.#counters;
    const pdu = msg.pdu;
    const t = pdu.type;
    if (t !== 'GetRequest' && t !== 'GetNextRequest' && t !== 'GetBulkRequest' && t !== 'SetRequest') {
      c.ignoredPdus++;
      reportAgentDrop('notARequest', source);
      return undefined;
    }
    const access = this.#o.communities.lookup(msg.community);
    let reason: AuthenticationFailureReason | undefined;
    if (access === undefined) reason = 'unknownCommunity';
    else if (this.#o.checkAuthenticity !== undefined) {
      let ok = false;
      try {
        ok = this.#o.checkAuthenticity({ version: msg.version, community: msg.community, access, source }) === true;
      } catch {
        ok = false;
      }
      if (!ok) reason = 'rejectedByHook';
    }
    if (reason !== undefined || access === undefined) {
      // RFC 3584 §5.2.1 / RFC 1157 §4.1: an unauthentic message is counted and dropped.
      c.inBadCommunityNames = (c.inBadCommunityNames + 1) >>> 0;
      reportAgentDrop('badCommunity', source);
      try {
        this.#o.onAuthenticationFailure?.({ version: msg.version, reason: reason ?? 'unknownCommunity', source });
      } catch {
        // A listener's failure must not stop the agent.
      }
      return undefined;
    }
    if (t === 'SetRequest' && access.writeView === undefined) c.inBadCommunityUses = (c.inBadCommunityUses + 1) >>> 0;
    const registry = this.#o.registryFor(access.contextName);
    if (registry === undefined) {
      reportAgentDrop('unknownContext', source);
      return undefined;
    }
    if (this.#pending >= this.#maxPending) {
      c.overloadDrops++;
      reportAgentDrop('overload', source);
      return undefined;
    }
    const out = processPdu({
      version: msg.version,
      pdu: pdu as AgentRequestPdu,
      access,
      registry,
      source,
      maxVarBindBytes: this.#maxSize - RESPONSE_OVERHEAD - msg.community.length,
      maxBulkVarBinds: this.#maxBulk,
      bulkEndOfMibView: this.#services.bulkEndOfMibView,
    });
    if (!(out instanceof Promise)) return this.#encode(msg, out, source);
    this.#pending++;
    return new Promise<Uint8Array | undefined>((resolve) => {
      let settled = false;
      const finish = (bytes: Uint8Array | undefined): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.#pending--;
        resolve(bytes);
      };
      // A handler that never answers must not hold the request (and its memory) forever.
      const timer = setTimeout(() => {
        c.timeouts++;
        reportAgentDrop('timeout', source);
        finish(undefined);
      }, this.#timeout);
      out.then(
        (o) => finish(this.#encode(msg, o, source)),
        () => finish(undefined),
      );
    });
  }

  /** Encodes the Response; a response too big becomes tooBig (RFC 3416 §4.2.1), and if even that is too big it is dropped. */
  #encode(msg: CommunityMessage, out: ProcessOutcome, source: MessageSource | undefined): Uint8Array | undefined {
    const bytes = this.#write(msg, out.errorStatus, out.errorIndex, out.varbinds);
    if (bytes !== undefined && bytes !== null && bytes.length <= this.#maxSize) return bytes;
    if (bytes === undefined) {
      // A handler gave a value its type cannot encode.
      const index = this.#badIndex;
      const again = this.#write(msg, ErrorStatus.genErr, index, msg.pdu.varbinds);
      return again !== undefined && again !== null && again.length <= this.#maxSize ? again : this.#drop(source);
    }
    // v2c: tooBig with no varbinds; v1 (RFC 1157 §4.1.2): the request's varbinds.
    const tooBig = this.#write(msg, ErrorStatus.tooBig, 0, msg.version === 0 ? msg.pdu.varbinds : []);
    return tooBig !== undefined && tooBig !== null && tooBig.length <= this.#maxSize ? tooBig : this.#drop(source);
  }

  #drop(source: MessageSource | undefined): undefined {
    this.#counters.silentDrops = (this.#counters.silentDrops + 1) >>> 0;
    reportAgentDrop('tooBig', source);
    return undefined;
  }

  #badIndex = 0;

  /** The Response's bytes; undefined when a value cannot be encoded (its index in #badIndex); null when too big. */
  #write(msg: CommunityMessage, errorStatus: number, errorIndex: number, varbinds: readonly VarBind[]): Uint8Array | undefined | null {
    const w = this.#writer;
    w.reset();
    const pduMark = w.mark();
    const listMark = w.mark();
    for (let i = varbinds.length - 1; i >= 0; i--) {
      const vb = varbinds[i]!;
      const m = w.mark();
      try {
        writeValue(w, vb);
        w.writeOid(vb.oid);
      } catch {
        this.#badIndex = i + 1;
        return undefined;
      }
      w.writeSequence(0x30, m);
      if (w.length > this.#maxSize) return null;
    }
    w.writeSequence(0x30, listMark);
    w.writeInteger32(0x02, errorIndex);
    w.writeInteger32(0x02, errorStatus);
    w.writeInteger32(0x02, msg.pdu.type === 'Trap' ? 0 : msg.pdu.requestId);
    w.writeSequence(0xa2, pduMark);
    w.writeOctets(0x04, msg.community);
    w.writeInteger32(0x02, msg.version);
    w.writeHeader(0x30, w.length);
    // A copy from Node's buffer pool: cheaper than slicing the writer's large buffer.
    const v = w.view();
    const out = Buffer.allocUnsafe(v.length);
    out.set(v);
    return out;
  }
}

