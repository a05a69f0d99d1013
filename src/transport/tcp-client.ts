/**
 * A manager's SNMP-over-TCP endpoint (RFC 3430): one connection to one peer. When the peer
 * closes the connection, the next send connects again.
 */
import { type Socket, connect, isIPv6 } from 'node:net';
import { AbortError, InvalidArgumentError, TransportError } from '../errors.js';
import { formatAddress, isIpLiteral, isIpv6Domain, resolveAddress, sameAddress } from './address.js';
import { reportDrop, reportError } from './diagnostics.js';
import { StreamConnection } from './tcp-connection.js';
import { DEFAULT_MAX_MESSAGE_SIZE } from './tcp-framing.js';
import type { MessageHandler, MessageSource, Transport, TransportAddress, TransportOptions } from './types.js';

/** How long a connection attempt may take by default: 10 seconds. */
export const DEFAULT_CONNECT_TIMEOUT = 10_000;

/** Options of {@link TcpClientTransport.connect}. */
export interface TcpClientOptions extends TransportOptions {
  /** Local address to bind: an IP literal of the peer's family, or a name. Default any. */
  localAddress?: string;
  /** Local port to bind; 0 lets the system pick. Default 0. */
  localPort?: number;
  /** Milliseconds a connection attempt may take before it fails. Default 10,000. */
  connectTimeout?: number;
  /** Closes the connection after this many milliseconds without traffic (the next send reconnects); 0 = never. Default 0. */
  idleTimeout?: number;
  /** Cancels the first connection attempt. */
  signal?: AbortSignal;
}

/**
 * A TCP connection to one peer. `send` accepts only that peer's address; messages received
 * carry `source.remote` = the peer.
 */
export class TcpClientTransport implements Transport {
  /** `tcp` or `tcp6`. */
  readonly domain: 'tcp' | 'tcp6';
  /** The peer as given (a name stays a name). */
  readonly peer: TransportAddress;
  /** The peer resolved to an IP literal. */
  readonly resolvedPeer: TransportAddress;
  readonly #options: TcpClientOptions;
  readonly #maxMessageSize: number;
  #connection: StreamConnection | undefined;
  #connecting: Promise<StreamConnection> | undefined;
  #local: TransportAddress;
  #handler: MessageHandler | undefined;
  #closing: Promise<void> | undefined;

  private constructor(peer: TransportAddress, resolvedPeer: TransportAddress, options: TcpClientOptions) {
    this.domain = peer.domain as 'tcp' | 'tcp6';
    this.peer = peer;
    this.resolvedPeer = resolvedPeer;
    this.#options = options;
    this.#maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.#local = { domain: this.domain, host: options.localAddress ?? (isIpv6Domain(this.domain) ? '::' : '0.0.0.0'), port: options.localPort ?? 0 };
  }

  /**
   * Resolves the peer and connects to it.
   * @throws InvalidArgumentError for an address of another domain, a local address of the
   *   other family, or bad options.
   * @throws TransportError when the host does not resolve, the connection is refused, or the
   *   attempt times out.
   * @throws AbortError when the signal aborts first.
   */
  static async connect(peer: TransportAddress, options: TcpClientOptions = {}): Promise<TcpClientTransport> {
    if (peer.domain !== 'tcp' && peer.domain !== 'tcp6') throw new InvalidArgumentError(`Not a TCP domain: ${String(peer.domain)}`);
    const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    if (!Number.isSafeInteger(maxMessageSize) || maxMessageSize < 2) throw new InvalidArgumentError(`Invalid maxMessageSize ${String(maxMessageSize)}`);
    const localPort = options.localPort ?? 0;
    if (!Number.isInteger(localPort) || localPort < 0 || localPort > 65535) throw new InvalidArgumentError(`Invalid local port ${String(localPort)}`);
    const connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
    if (!Number.isFinite(connectTimeout) || connectTimeout <= 0) throw new InvalidArgumentError(`Invalid connectTimeout ${String(connectTimeout)}`);
    const idleTimeout = options.idleTimeout ?? 0;
    if (!Number.isFinite(idleTimeout) || idleTimeout < 0) throw new InvalidArgumentError(`Invalid idleTimeout ${String(idleTimeout)}`);
    if (peer.port === 0) throw new InvalidArgumentError(`Cannot connect to port 0 (${formatAddress(peer)})`);
    const resolveOptions = options.signal === undefined ? {} : { signal: options.signal };
    const resolved = await resolveAddress(peer, resolveOptions);
    let localAddress = options.localAddress;
    if (localAddress !== undefined && isIpLiteral(localAddress) && isIPv6(localAddress) !== isIpv6Domain(peer.domain)) {
      throw new InvalidArgumentError(`Local address ${localAddress} is not of the ${peer.domain} family`);
    }
    if (localAddress !== undefined && !isIpLiteral(localAddress)) {
      localAddress = (await resolveAddress({ domain: peer.domain, host: localAddress, port: localPort }, resolveOptions)).host;
    }
    const transport = new TcpClientTransport(peer, resolved, localAddress === undefined ? options : { ...options, localAddress });
    await transport.#connect(options.signal);
    return transport;
  }

  /** This end of the current connection (after a reconnect, the new one). */
  get local(): TransportAddress {
    return this.#local;
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** True while a connection to the peer is open. */
  get connected(): boolean {
    return this.#connection !== undefined && !this.#connection.closed;
  }

  onMessage(handler: MessageHandler): void {
    this.#handler = handler;
  }

  /**
   * Writes a message to the peer, connecting again first when the peer closed the last
   * connection. Resolves when the bytes are handed to the system.
   * @throws TransportError when closed, when `to` is not this transport's peer, or when the
   *   connection cannot be made again or the write fails.
   */
  send(message: Uint8Array, to: TransportAddress): Promise<void> {
    if (this.#closing !== undefined) return Promise.reject(new TransportError(`Transport to ${formatAddress(this.peer)} is closed`));
    if (!sameAddress(to, this.resolvedPeer) && !sameAddress(to, this.peer)) {
      return Promise.reject(new TransportError(`Cannot send to ${formatAddress(to)} on a TCP transport connected to ${formatAddress(this.peer)}`));
    }
    const connection = this.#connection;
    if (connection !== undefined && !connection.closed) return connection.write(message);
    return this.#connect(undefined).then((c) => c.write(message));
  }

  /** Closes the connection; resolves once the socket is closed. Later sends reject with TransportError. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const pending = this.#connecting;
      if (pending !== undefined) await pending.catch(() => undefined);
      await this.#connection?.destroy('close');
    })();
    return this.#closing;
  }

  /** Connects (once at a time: concurrent callers share the attempt). */
  #connect(signal: AbortSignal | undefined): Promise<StreamConnection> {
    this.#connecting ??= this.#open(signal).finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  #open(signal: AbortSignal | undefined): Promise<StreamConnection> {
    const peer = this.resolvedPeer;
    const timeout = this.#options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
    if (signal?.aborted) return Promise.reject(new AbortError(`Connecting to ${formatAddress(this.peer)} was aborted`, { cause: signal.reason }));
    return new Promise<StreamConnection>((resolve, reject) => {
      const socket: Socket = connect({
        host: peer.host,
        port: peer.port,
        family: isIpv6Domain(this.domain) ? 6 : 4,
        noDelay: true,
        ...(this.#options.localAddress === undefined ? {} : { localAddress: this.#options.localAddress }),
        ...(this.#options.localPort === undefined || this.#options.localPort === 0 ? {} : { localPort: this.#options.localPort }),
      });
      const fail = (error: TransportError | AbortError): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.destroy();
        reject(error);
      };
      const onAbort = (): void => fail(new AbortError(`Connecting to ${formatAddress(this.peer)} was aborted`, { cause: signal?.reason }));
      const timer = setTimeout(() => fail(new TransportError(`Cannot connect to ${formatAddress(this.peer)}: timed out after ${timeout} ms`)), timeout);
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', (err: NodeJS.ErrnoException) => fail(new TransportError(`Cannot connect to ${formatAddress(this.peer)}: ${err.code ?? err.message}`, { cause: err })));
      socket.once('connect', () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        socket.removeAllListeners('error');
        if (this.#closing !== undefined) {
          socket.destroy();
          reject(new TransportError(`Transport to ${formatAddress(this.peer)} is closed`));
          return;
        }
        const connection = new StreamConnection(socket, {
          domain: this.domain,
          maxMessageSize: this.#maxMessageSize,
          idleTimeout: this.#options.idleTimeout ?? 0,
          deliver: (message, source) => this.#deliver(message, source),
          onClose: (closed) => {
            if (this.#connection === closed) this.#connection = undefined;
          },
        });
        this.#connection = connection;
        this.#local = connection.local;
        resolve(connection);
      });
    });
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
