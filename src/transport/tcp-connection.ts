/**
 * One TCP connection carrying SNMP messages (RFC 3430): framing on the way in, whole-message
 * writes on the way out, and what happens when the stream goes wrong. Shared by the TCP
 * client and listener transports.
 */
import type { Socket } from 'node:net';
import { DecodeError, TransportError } from '../errors.js';
import { formatAddress } from './address.js';
import { reportConnection, reportDrop, reportError } from './diagnostics.js';
import { FrameDecoder } from './tcp-framing.js';
import type { MessageSource, TransportAddress } from './types.js';

/** Why a connection closed, as reported on `tsnmp:transport:connection`. */
export type ConnectionCloseReason = 'peer' | 'idle' | 'badFrame' | 'tooLarge' | 'error' | 'close';

/** Receives a connection's messages; must not throw. */
export type ConnectionDeliver = (message: Uint8Array, source: MessageSource) => void;

/** Options of a {@link StreamConnection}. */
export interface StreamConnectionOptions {
  readonly domain: 'tcp' | 'tcp6';
  readonly maxMessageSize: number;
  /** Closes the connection after this many milliseconds without traffic; 0 = never. */
  readonly idleTimeout: number;
  readonly deliver: ConnectionDeliver;
  /** Called once, after the socket closed. */
  readonly onClose: (connection: StreamConnection, reason: ConnectionCloseReason) => void;
}

/** A connected socket framed as a sequence of SNMP messages. */
export class StreamConnection {
  readonly domain: 'tcp' | 'tcp6';
  /** The peer's address. */
  readonly remote: TransportAddress;
  /** This end's address. */
  readonly local: TransportAddress;
  /** `{ remote, local }`, made once and given with every message. */
  readonly source: MessageSource;
  readonly #socket: Socket;
  readonly #decoder: FrameDecoder;
  #reason: ConnectionCloseReason | undefined;
  #closed: Promise<void>;

  /** Wraps a connected socket (its remote and local addresses must be known). */
  constructor(socket: Socket, options: StreamConnectionOptions) {
    this.domain = options.domain;
    this.#socket = socket;
    this.remote = { domain: options.domain, host: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    this.local = { domain: options.domain, host: socket.localAddress ?? '', port: socket.localPort ?? 0 };
    this.source = { remote: this.remote, local: this.local };
    const source = this.source;
    const deliver = options.deliver;
    this.#decoder = new FrameDecoder((message) => deliver(message, source), options.maxMessageSize);
    socket.setNoDelay(true);
    if (options.idleTimeout > 0) {
      socket.setTimeout(options.idleTimeout, () => this.destroy('idle'));
    }
    socket.on('data', (chunk: Buffer) => this.#data(chunk));
    socket.on('error', (error: Error) => {
      this.#reason ??= 'error';
      reportError({ domain: this.domain, local: this.local, remote: this.remote, error, where: 'socket' });
    });
    // A peer's half-close ends our side too: SNMP over TCP has no use for half-open streams.
    socket.on('end', () => socket.end());
    this.#closed = new Promise<void>((resolve) => {
      socket.once('close', () => {
        const reason = this.#reason ?? 'peer';
        reportConnection({ domain: this.domain, local: this.local, remote: this.remote, event: 'close', reason });
        options.onClose(this, reason);
        resolve();
      });
    });
    reportConnection({ domain: this.domain, local: this.local, remote: this.remote, event: 'open', reason: undefined });
  }

  /** True once the socket can no longer carry messages. */
  get closed(): boolean {
    return this.#socket.destroyed || !this.#socket.writable;
  }

  /**
   * Writes one whole message; resolves when it has been handed to the system.
   * @throws TransportError when the connection is closed or the write fails.
   */
  write(message: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new TransportError(`Connection to ${formatAddress(this.remote)} is closed`));
    return new Promise<void>((resolve, reject) => {
      this.#socket.write(message, (err) => {
        if (err === null || err === undefined) resolve();
        else reject(new TransportError(`Cannot send to ${formatAddress(this.remote)}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { cause: err }));
      });
    });
  }

  /** Closes the connection at once (pending writes fail); resolves when the socket has closed. */
  destroy(reason: ConnectionCloseReason): Promise<void> {
    this.#reason ??= reason;
    this.#socket.destroy();
    return this.#closed;
  }

  #data(chunk: Buffer): void {
    try {
      this.#decoder.push(chunk);
    } catch (error) {
      // RFC 3430 §2.1 gives no way to resynchronise a stream after a bad message: drop the connection.
      const tooLarge = error instanceof DecodeError && error.kind === 'limitExceeded';
      reportDrop({ domain: this.domain, local: this.local, remote: this.remote, reason: tooLarge ? 'tooLarge' : 'badFrame', bytes: this.#decoder.undelivered, error });
      void this.destroy(tooLarge ? 'tooLarge' : 'badFrame');
    }
  }
}
