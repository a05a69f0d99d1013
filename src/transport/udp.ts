/**
 * SNMP over UDP, IPv4 and IPv6 (RFC 3417 §3.1 for IPv4; RFC 3419 for UDP over IPv6): one
 * message per datagram. One socket serves both a manager (bound to any local port, sending
 * to any number of peers) and an agent or receiver (bound to its listening address).
 */
import { type RemoteInfo, type Socket, createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { AbortError, InvalidArgumentError, TransportError } from '../errors.js';
import { anyAddress, formatAddress, isIpLiteral, isIpv6Domain, resolveAddress } from './address.js';
import { reportDrop, reportError, debug } from './diagnostics.js';
import type { MessageHandler, MessageSource, Transport, TransportAddress } from './types.js';

/** Four MiB: room for bursts of responses from thousands of targets sharing one socket. */
export const DEFAULT_UDP_BUFFER_SIZE = 4 * 1024 * 1024;

/** Options of {@link UdpTransport.open}. */
export interface UdpTransportOptions {
  /** Local address to bind: an IP literal of the domain's family, or a name resolved now. Default the wildcard (`0.0.0.0` or `::`). */
  localAddress?: string;
  /** Local port to bind; 0 lets the system pick one. Default 0. */
  localPort?: number;
  /** Socket receive buffer (SO_RCVBUF) asked for; the system may cap it (Linux: net.core.rmem_max). Default 4 MiB. */
  recvBufferSize?: number;
  /** Socket send buffer (SO_SNDBUF) asked for; the system may cap it (Linux: net.core.wmem_max). Default 4 MiB. */
  sendBufferSize?: number;
  /** Cancels the opening (name resolution and bind). */
  signal?: AbortSignal;
}

function closedError(local: TransportAddress): TransportError {
  return new TransportError(`Transport ${formatAddress(local)} is closed`);
}

/**
 * A UDP endpoint. Received datagrams go to the handler as the Buffer dgram made for them (a
 * fresh Uint8Array per datagram, never reused). Send errors reject that send with a
 * TransportError; socket errors are reported on `tsnmp:transport:error` and the socket stays
 * open.
 */
export class UdpTransport implements Transport {
  /** `udp` or `udp6`. */
  readonly domain: 'udp' | 'udp6';
  /** The bound address, with the real port. */
  readonly local: TransportAddress;
  readonly #socket: Socket;
  #handler: MessageHandler | undefined;
  #closing: Promise<void> | undefined;

  private constructor(domain: 'udp' | 'udp6', socket: Socket, local: TransportAddress) {
    this.domain = domain;
    this.#socket = socket;
    this.local = local;
    socket.on('message', (msg: Buffer, rinfo: RemoteInfo) => this.#deliver(msg, rinfo));
    socket.on('error', (error: Error) => reportError({ domain, local, remote: undefined, error, where: 'socket' }));
  }

  /**
   * Opens a UDP socket of the domain's family and binds it. IPv6 sockets are IPv6-only, so
   * `udp` and `udp6` endpoints may share a port number.
   * @throws InvalidArgumentError for a bad local port or a local address of the wrong family.
   * @throws TransportError when the local name does not resolve or the bind fails (address in use).
   * @throws AbortError when the signal aborts first.
   */
  static async open(domain: 'udp' | 'udp6', options: UdpTransportOptions = {}): Promise<UdpTransport> {
    if (domain !== 'udp' && domain !== 'udp6') throw new InvalidArgumentError(`Not a UDP domain: ${String(domain)}`);
    const port = options.localPort ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError(`Invalid local port ${String(port)}`);
    const wanted = options.localAddress;
    if (wanted !== undefined && isIpLiteral(wanted) && isIPv6(wanted) !== isIpv6Domain(domain)) {
      throw new InvalidArgumentError(`Local address ${wanted} is not of the ${domain} family`);
    }
    const bindAddress = await resolveAddress({ domain, host: options.localAddress ?? anyAddress(domain), port }, options.signal === undefined ? {} : { signal: options.signal });
    const v6 = isIpv6Domain(domain);
    const socket = createSocket({ type: v6 ? 'udp6' : 'udp4', ipv6Only: v6 });
    await new Promise<void>((resolve, reject) => {
      const signal = options.signal;
      const onAbort = (): void => {
        socket.close();
        reject(new AbortError('Opening the UDP transport was aborted', { cause: signal?.reason }));
      };
      const onError = (err: Error): void => {
        signal?.removeEventListener('abort', onAbort);
        socket.close();
        reject(new TransportError(`Cannot bind ${formatAddress(bindAddress)}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { cause: err }));
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      socket.once('error', onError);
      try {
        socket.bind({ address: bindAddress.host, port: bindAddress.port, exclusive: true }, () => {
          signal?.removeEventListener('abort', onAbort);
          socket.off('error', onError);
          resolve();
        });
      } catch (err) {
        onError(err as Error);
      }
    });
    setBufferSize(socket, 'recv', options.recvBufferSize ?? DEFAULT_UDP_BUFFER_SIZE);
    setBufferSize(socket, 'send', options.sendBufferSize ?? DEFAULT_UDP_BUFFER_SIZE);
    const bound = socket.address();
    return new UdpTransport(domain, socket, { domain, host: bound.address, port: bound.port });
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** The receive and send buffer sizes the system granted (Linux reports twice what it reserves for data). */
  bufferSizes(): { recv: number; send: number } {
    return { recv: this.#socket.getRecvBufferSize(), send: this.#socket.getSendBufferSize() };
  }

  onMessage(handler: MessageHandler): void {
    this.#handler = handler;
  }

  /**
   * Sends one datagram to `to` (a `udp` address for a `udp` transport, `udp6` for `udp6`).
   * A host name is resolved first, on every call: resolve targets once with
   * {@link resolveAddress} when sending often. Resolves when the datagram is handed to the
   * system.
   * @throws TransportError when closed, for an address of another domain, an unknown host,
   *   or a send the system refuses (message too long, network unreachable, port 0).
   */
  send(message: Uint8Array, to: TransportAddress): Promise<void> {
    if (this.#closing !== undefined) return Promise.reject(closedError(this.local));
    if (to.domain !== this.domain) {
      return Promise.reject(new TransportError(`Cannot send to ${formatAddress(to)} on a ${this.domain} transport`));
    }
    if (!isIpLiteral(to.host)) return resolveAddress(to).then((resolved) => this.send(message, resolved));
    return new Promise<void>((resolve, reject) => {
      try {
        this.#socket.send(message, to.port, to.host, (err) => {
          if (err === null || err === undefined) resolve();
          else reject(new TransportError(`Cannot send to ${formatAddress(to)}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { cause: err }));
        });
      } catch (err) {
        reject(
          this.#closing !== undefined
            ? closedError(this.local)
            : new TransportError(`Cannot send to ${formatAddress(to)}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err }),
        );
      }
    });
  }

  /** Closes the socket; resolves once it is closed. Later sends reject with TransportError. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      try {
        this.#socket.close(() => resolve());
      } catch {
        resolve(); // already closed by the system
      }
    });
    return this.#closing;
  }

  #deliver(message: Buffer, rinfo: RemoteInfo): void {
    const handler = this.#handler;
    const remote: TransportAddress = { domain: this.domain, host: rinfo.address, port: rinfo.port };
    if (handler === undefined) {
      reportDrop({ domain: this.domain, local: this.local, remote, reason: 'noHandler', bytes: message.length, error: undefined });
      return;
    }
    const source: MessageSource = { remote, local: this.local };
    try {
      handler(message, source);
    } catch (error) {
      reportError({ domain: this.domain, local: this.local, remote, error, where: 'handler' });
    }
  }
}

function setBufferSize(socket: Socket, which: 'recv' | 'send', size: number): void {
  try {
    if (which === 'recv') socket.setRecvBufferSize(size);
    else socket.setSendBufferSize(size);
  } catch (err) {
    // The system refused the size; the default stays. Not fatal.
    debug('udp %s buffer size %d refused: %s', which, size, err);
  }
}
