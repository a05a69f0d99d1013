/**
 * The transport contract shared by the manager, the agent and notifications. A transport
 * moves whole SNMP messages: UDP datagrams, or BER messages framed one after another on a
 * TCP stream (RFC 3430). It never decodes a message beyond its outer length.
 */
import type { TransportError } from '../errors.js';

/** Transport domains, as net-snmp writes them in addresses. */
export type TransportDomain = 'udp' | 'udp6' | 'tcp' | 'tcp6';

/** A transport endpoint: domain, host (an IP literal or a name) and port. */
export interface TransportAddress {
  readonly domain: TransportDomain;
  /** IPv4 or IPv6 literal, or a host name (resolved when the transport opens). IPv6 without brackets. */
  readonly host: string;
  readonly port: number;
}

/** Where a received message came from, and on which local endpoint it arrived. */
export interface MessageSource {
  /** The peer's address (for TCP: the remote end of the connection). */
  readonly remote: TransportAddress;
  /** The local address the message arrived on. */
  readonly local: TransportAddress;
}

/**
 * Called once a posted message was handed to the system (`error` undefined) or could not
 * be (the TransportError), with the `context` given to `post` (so that one function can
 * serve every message). Must not throw.
 */
export type SendCallback = (error: TransportError | undefined, context: unknown) => void;

/** Receives whole messages. Must not throw; a thrown error is reported on diagnostics and ignored. */
export type MessageHandler = (message: Uint8Array, source: MessageSource) => void;

/**
 * An open transport endpoint. Clients open one to send requests to many peers (UDP) or one
 * peer (TCP); agents and receivers open one per listening address.
 */
export interface Transport {
  /** The domain of this endpoint. */
  readonly domain: TransportDomain;
  /** The local address bound (the real port when 0 was asked for). */
  readonly local: TransportAddress;
  /**
   * Sends one whole message. For UDP, to any peer; for a TCP client, to its peer; for a TCP
   * listener, to the connection the `to` address names (a reply to a received message).
   * @throws TransportError when the transport is closed or the peer cannot be reached.
   */
  send(message: Uint8Array, to: TransportAddress): Promise<void>;
  /**
   * Optional fast path of {@link send} for callers that send a lot (the manager's
   * dispatcher, agents): no promise is made. `done`, when given, is called once with the
   * outcome and `context` (possibly before `post` returns); without it, failures are
   * reported on the transport's diagnostics channel. `to` must hold an IP address, not a
   * name. A transport without it is used through {@link send}.
   */
  post?(message: Uint8Array, to: TransportAddress, done?: SendCallback, context?: unknown): void;
  /** Sets the handler for received messages (one handler; a later call replaces it). */
  onMessage(handler: MessageHandler): void;
  /** Closes the endpoint and every connection it holds. Idempotent. */
  close(): Promise<void>;
  /** True once closed. */
  readonly closed: boolean;
}

/** Options common to every transport. */
export interface TransportOptions {
  /** Largest message accepted on a stream, in bytes; a larger one closes the connection. Default 1,048,576. */
  maxMessageSize?: number;
}
