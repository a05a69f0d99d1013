/**
 * What goes wrong in transports, reported without throwing: `node:diagnostics_channel`
 * channels for programs and `util.debuglog('tsnmp')` (NODE_DEBUG=tsnmp) for people.
 */
import { channel } from 'node:diagnostics_channel';
import { debuglog } from 'node:util';
import { formatAddress } from './address.js';
import type { TransportAddress, TransportDomain } from './types.js';

/** Channel names published by transports. */
export const TransportChannels = {
  /** A socket error, a failed send noticed after the fact, a message handler that threw. Message: {@link TransportErrorEvent}. */
  error: 'tsnmp:transport:error',
  /** Received bytes thrown away: framing errors, oversized messages, no handler, connection limit. Message: {@link TransportDropEvent}. */
  drop: 'tsnmp:transport:drop',
  /** A stream connection opened or closed. Message: {@link TransportConnectionEvent}. */
  connection: 'tsnmp:transport:connection',
} as const;

/** Why received bytes were dropped. */
export type TransportDropReason = 'badFrame' | 'tooLarge' | 'noHandler' | 'connectionLimit';

/** Published on `tsnmp:transport:error`. */
export interface TransportErrorEvent {
  readonly domain: TransportDomain;
  readonly local: TransportAddress;
  /** The peer concerned, when there is one. */
  readonly remote: TransportAddress | undefined;
  /** The error (a socket error, or what a handler threw). */
  readonly error: unknown;
  /** Where it happened: `socket`, `handler`, `send`, `accept`. */
  readonly where: 'socket' | 'handler' | 'send' | 'accept';
}

/** Published on `tsnmp:transport:drop`. */
export interface TransportDropEvent {
  readonly domain: TransportDomain;
  readonly local: TransportAddress;
  readonly remote: TransportAddress | undefined;
  readonly reason: TransportDropReason;
  /** Bytes dropped (for a framing error: bytes buffered on the connection when it closed). */
  readonly bytes: number;
  /** The decode error, for framing errors. */
  readonly error: unknown;
}

/** Published on `tsnmp:transport:connection`. */
export interface TransportConnectionEvent {
  readonly domain: TransportDomain;
  readonly local: TransportAddress;
  readonly remote: TransportAddress;
  readonly event: 'open' | 'close';
  /** Why it closed: `peer`, `idle`, `badFrame`, `tooLarge`, `error`, `close` (ours). */
  readonly reason: string | undefined;
}

const errorChannel = channel(TransportChannels.error);
const dropChannel = channel(TransportChannels.drop);
const connectionChannel = channel(TransportChannels.connection);

/** `util.debuglog('tsnmp')`: prints when NODE_DEBUG includes tsnmp. */
export const debug = debuglog('tsnmp');

function where(remote: TransportAddress | undefined): string {
  return remote === undefined ? '' : ` peer ${formatAddress(remote)}`;
}

/** Reports an error that was handled (the transport goes on). */
export function reportError(event: TransportErrorEvent): void {
  if (errorChannel.hasSubscribers) errorChannel.publish(event);
  if (debug.enabled) debug('transport %s %s error%s: %s', formatAddress(event.local), event.where, where(event.remote), event.error);
}

/** Reports received bytes that were thrown away. */
export function reportDrop(event: TransportDropEvent): void {
  if (dropChannel.hasSubscribers) dropChannel.publish(event);
  if (debug.enabled) debug('transport %s dropped %d bytes%s: %s', formatAddress(event.local), event.bytes, where(event.remote), event.reason);
}

/** Reports a stream connection opening or closing. */
export function reportConnection(event: TransportConnectionEvent): void {
  if (connectionChannel.hasSubscribers) connectionChannel.publish(event);
  if (debug.enabled) debug('transport %s connection %s%s%s', formatAddress(event.local), event.event, where(event.remote), event.reason === undefined ? '' : ` (${event.reason})`);
}
