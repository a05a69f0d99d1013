/**
 * The manager's diagnostics channels (`node:diagnostics_channel`). Nothing is published
 * unless someone subscribes.
 *
 * ```ts
 * import diagnostics_channel from 'node:diagnostics_channel';
 * diagnostics_channel.subscribe('tsnmp:manager:drop', (m) => console.log(m));
 * ```
 */
import diagnostics_channel from 'node:diagnostics_channel';
import type { TransportAddress } from '../transport/types.js';

/** Why a received message was dropped. */
export type DropReason =
  /** It does not decode as an SNMP message. */
  | 'malformed'
  /** No pending request has its request id: a late answer after the last retry, a duplicate, or a stray. */
  | 'unknownRequest'
  /** It came from another address (or transport) than the one the request went to. */
  | 'wrongSource'
  /** Its SNMP version differs from the request's. */
  | 'wrongVersion'
  /** It is not a Response (or, for v3, a Report). */
  | 'notResponse';

/** Published on {@link DROP_CHANNEL} for every dropped message. */
export interface DropMessage {
  readonly reason: DropReason;
  /** Where it came from. */
  readonly remote: TransportAddress;
  /** Its size in bytes. */
  readonly length: number;
  /** The request id it carried, when it could be decoded. */
  readonly requestId: number | undefined;
  /** The decode error, for `malformed`. */
  readonly error: Error | undefined;
}

/** Published on {@link SEND_CHANNEL} for every message sent, retries included. */
export interface SendMessage {
  readonly requestId: number;
  /** The target, as `udp:127.0.0.1:161`. */
  readonly target: string;
  /** 0 for the first attempt, 1 for the first retry, … */
  readonly attempt: number;
  /** Milliseconds this attempt waits before it times out. */
  readonly timeout: number;
  /** Size of the message in bytes. */
  readonly length: number;
}

/** Published on {@link TIMEOUT_CHANNEL} when a request fails after its last retry. */
export interface TimeoutMessage {
  readonly requestId: number;
  readonly target: string;
  /** Attempts made (1 + retries). */
  readonly attempts: number;
}

/** Channel name for dropped messages. */
export const DROP_CHANNEL = 'tsnmp:manager:drop';
/** Channel name for sent messages. */
export const SEND_CHANNEL = 'tsnmp:manager:send';
/** Channel name for requests that timed out. */
export const TIMEOUT_CHANNEL = 'tsnmp:manager:timeout';

/** @internal */
export const dropChannel = diagnostics_channel.channel(DROP_CHANNEL);
/** @internal */
export const sendChannel = diagnostics_channel.channel(SEND_CHANNEL);
/** @internal */
export const timeoutChannel = diagnostics_channel.channel(TIMEOUT_CHANNEL);
