/**
 * A listening SNMP-over-TCP endpoint (RFC 3430) for agents and notification receivers: it
 * accepts connections, frames each one into messages, and replies on the connection a
 * message came from.
 */
import { type Server, type Socket, createServer } from 'node:net';
import { AbortError, InvalidArgumentError, TransportError } from '../errors.js';
import { formatAddress, isIpv6Domain, resolveAddress } from './address.js';
import { reportDrop, reportError } from './diagnostics.js';
import { StreamConnection } from './tcp-connection.js';
import { DEFAULT_MAX_MESSAGE_SIZE } from './tcp-framing.js';
import type { MessageHandler, MessageSource, Transport, TransportAddress, TransportOptions } from './types.js';

/** Connections idle this long are closed by default: 5 minutes. */
export const DEFAULT_IDLE_TIMEOUT = 5 * 60 * 1000;
/** Simultaneous connections accepted by default. */
export const DEFAULT_MAX_CONNECTIONS = 1000;

/** Options of {@link TcpListenerTransport.listen}. */
export interface TcpListenerOptions extends TransportOptions {
  /** Closes a connection after this many milliseconds without traffic either way; 0 = never. Default 300,000 (5 minutes). */
  idleTimeout?: number;
  /** Connections accepted at once; further ones are closed as they arrive (reported as drops). Default 1000. */
  maxConnections?: number;
  /** Pending-connection queue length given to listen(2). Default 511. */
  backlog?: number;
  /** Cancels the opening (name resolution and listen). */
  signal?: AbortSignal;
}

/**
 * Accepts TCP connections on one address. A received message's `source.remote` names its
 * connection; `send(message, source.remote)` writes to that connection.
 */
export class TcpListenerTransport implements Transport {
  /** `tcp` or `tcp6`. */
  readonly domain: 'tcp' | 'tcp6';
  /** The listening address, with the real port. */
  readonly local: TransportAddress;
  readonly #server: Server;
  readonly #connections = new Map<string, StreamConnection>();
  readonly #maxMessageSize: number;
  readonly #idleTimeout: number;
  #handler: MessageHandler | undefined;
  #closing: Promise<void> | undefined;

  private constructor(domain: 'tcp' | 'tcp6', server: Server, local: TransportAddress, maxMessageSize: number, idleTimeout: number) {
    this.domain = domain;
    this.#server = server;
    this.local = local;
    this.#maxMessageSize = maxMessageSize;
    this.#idleTimeout = idleTimeout;
    server.on('connection', (socket: Socket) => this.#accept(socket));
    server.on('error', (error: Error) => reportError({ domain, local, remote: undefined, error, where: 'accept' }));
    server.on('drop', (data?: { remoteAddress?: string; remotePort?: number }) => {
      const remote = data?.remoteAddress === undefined ? undefined : { domain, host: data.remoteAddress, port: data.remotePort ?? 0 };
      reportDrop({ domain, local, remote, reason: 'connectionLimit', bytes: 0, error: undefined });
    });
  }

  /**
   * Listens on `address` (`tcp` or `tcp6`; port 0 picks a free port). IPv6 listeners are
   * IPv6-only, so `tcp` and `tcp6` may share a port number.
   * @throws InvalidArgumentError for an address of another domain or bad options.
   * @throws TransportError when the host does not resolve or listen fails (address in use).
   * @throws AbortError when the signal aborts first.
   */
  static async listen(address: TransportAddress, options: TcpListenerOptions = {}): Promise<TcpListenerTransport> {
    const domain = address.domain;
    if (domain !== 'tcp' && domain !== 'tcp6') throw new InvalidArgumentError(`Not a TCP domain: ${String(domain)}`);
    const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    const idleTimeout = options.idleTimeout ?? DEFAULT_IDLE_TIMEOUT;
    const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    if (!Number.isSafeInteger(maxMessageSize) || maxMessageSize < 2) throw new InvalidArgumentError(`Invalid maxMessageSize ${String(maxMessageSize)}`);
    if (!Number.isFinite(idleTimeout) || idleTimeout < 0) throw new InvalidArgumentError(`Invalid idleTimeout ${String(idleTimeout)}`);
    if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new InvalidArgumentError(`Invalid maxConnections ${String(maxConnections)}`);
    const bind = await resolveAddress(address, options.signal === undefined ? {} : { signal: options.signal });
    const server = createServer({ noDelay: true });
    server.maxConnections = maxConnections;
    await new Promise<void>((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => {
        server.close();
        reject(new AbortError('Opening the TCP listener was aborted', { cause: signal?.reason }));
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      server.once('error', (err: NodeJS.ErrnoException) => {
        signal?.removeEventListener('abort', onAbort);
        reject(new TransportError(`Cannot listen on ${formatAddress(bind)}: ${err.code ?? err.message}`, { cause: err }));
      });
      server.listen({ host: bind.host, port: bind.port, ipv6Only: isIpv6Domain(domain), backlog: options.backlog ?? 511 }, () => {
        signal?.removeEventListener('abort', onAbort);
        server.removeAllListeners('error');
        resolve();
      });
    });
    const bound = server.address();
    const local: TransportAddress =
      bound !== null && typeof bound === 'object' ? { domain, host: bound.address, port: bound.port } : { domain, host: bind.host, port: bind.port };
    return new TcpListenerTransport(domain, server, local, maxMessageSize, idleTimeout);
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Connections open now. */
  get connectionCount(): number {
    return this.#connections.size;
  }

  onMessage(handler: MessageHandler): void {
    this.#handler = handler;
  }

  /**
   * Writes a message to the connection that `to` names (the `source.remote` of a message
   * received on it). Resolves when the bytes are handed to the system.
   * @throws TransportError when closed, or when no connection from `to` is open.
   */
  send(message: Uint8Array, to: TransportAddress): Promise<void> {
    if (this.#closing !== undefined) return Promise.reject(new TransportError(`Transport ${formatAddress(this.local)} is closed`));
    const connection = to.domain === this.domain ? this.#connections.get(formatAddress(to)) : undefined;
    if (connection === undefined) return Promise.reject(new TransportError(`No connection from ${formatAddress(to)} on ${formatAddress(this.local)}`));
    return connection.write(message);
  }

  /** Stops accepting, closes every connection, and resolves once all sockets are closed. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      for (const connection of this.#connections.values()) void connection.destroy('close');
    });
    return this.#closing;
  }

  #accept(socket: Socket): void {
    if (this.#closing !== undefined || socket.remoteAddress === undefined) {
      socket.destroy();
      return;
    }
    const connection = new StreamConnection(socket, {
      domain: this.domain,
      maxMessageSize: this.#maxMessageSize,
      idleTimeout: this.#idleTimeout,
      deliver: (message, source) => this.#deliver(message, source),
      onClose: (closed) => {
        const key = formatAddress(closed.remote);
        if (this.#connections.get(key) === closed) this.#connections.delete(key);
      },
    });
    this.#connections.set(formatAddress(connection.remote), connection);
  }

  #deliver(message: Uint8Array, source: MessageSource): void {
    const handler = this.#handler;
    if (handler === undefined) {
      reportDrop({ domain: this.domain, local: source.local, remote: source.remote, reason: 'noHandler', bytes: message.length, error: undefined });
      return;
    }
    try {
      handler(message, source);
    } catch (error) {
      reportError({ domain: this.domain, local: source.local, remote: source.remote, error, where: 'handler' });
    }
  }
}
