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
import type { MessageHandler, MessageSource, SendCallback, Transport, TransportAddress } from './types.js';

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
  /**
   * Connects the socket to this one peer (an address of the transport's domain; a name is
   * resolved now). The system then delivers only that peer's datagrams, and each send skips
   * the route lookup of an unconnected socket: cheaper per message for a client of a single
   * agent. Sending to any other address is a TransportError. Default: not connected.
   */
  connectTo?: TransportAddress;
  /** Cancels the opening (name resolution and bind). */
  signal?: AbortSignal;
}

/** The largest UDP payload: 65,535 minus the IPv4 and UDP headers (RFC 768, RFC 791). */
const MAX_UDP4_PAYLOAD = 65507;
/** The largest UDP payload over IPv6 without jumbograms: 65,535 minus the UDP header (RFC 8200 §5). */
const MAX_UDP6_PAYLOAD = 65527;

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/**
 * The sockets' address lookup. dgram's default (`dns.lookup`) answers even an IP literal
 * on the next tick, so every send would wait for the tick queue and pay for a regex. This
 * transport hands its socket IP literals only (send resolves names first; post refuses
 * them; bind and connect addresses are resolved when it opens), so the address is its own
 * answer, at once.
 */
function literalLookup(address: string, family: number, callback: LookupCallback): void {
  callback(null, address, family);
}

function closedError(local: TransportAddress): TransportError {
  return new TransportError(`Transport ${formatAddress(local)} is closed`);
}

function sendError(to: TransportAddress, err: unknown): TransportError {
  return new TransportError(`Cannot send to ${formatAddress(to)}: ${(err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err)}`, { cause: err });
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
  /** The peer the socket is connected to ({@link UdpTransportOptions.connectTo}), if any. */
  readonly peer: TransportAddress | undefined;
  readonly #socket: Socket;
  readonly #maxPayload: number;
  #handler: MessageHandler | undefined;
  #closing: Promise<void> | undefined;
  /**
   * Addresses already checked for sending (the same objects are sent to again and again: a
   * dispatcher's targets). Addresses are immutable (readonly), so a check holds.
   */
  readonly #checked = new WeakSet<TransportAddress>();
  /** dgram's completion callback for posts without their own: failures go to diagnostics. */
  readonly #reportSendError = (err: Error | null): void => {
    if (err !== null && err !== undefined) {
      const e = err as NodeJS.ErrnoException & { address?: string; port?: number };
      const remote = e.address === undefined ? undefined : { domain: this.domain, host: e.address, port: e.port ?? 0 };
      reportError({ domain: this.domain, local: this.local, remote, error: err, where: 'send' });
    }
  };

  private constructor(domain: 'udp' | 'udp6', socket: Socket, local: TransportAddress, peer: TransportAddress | undefined) {
    this.domain = domain;
    this.#socket = socket;
    this.local = local;
    this.peer = peer;
    this.#maxPayload = domain === 'udp' ? MAX_UDP4_PAYLOAD : MAX_UDP6_PAYLOAD;
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
    const signalOption = options.signal === undefined ? {} : { signal: options.signal };
    const bindAddress = await resolveAddress({ domain, host: options.localAddress ?? anyAddress(domain), port }, signalOption);
    let peer: TransportAddress | undefined;
    if (options.connectTo !== undefined) {
      if (options.connectTo.domain !== domain) throw new InvalidArgumentError(`Cannot connect a ${domain} transport to ${formatAddress(options.connectTo)}`);
      peer = await resolveAddress(options.connectTo, signalOption);
      if (!Number.isInteger(peer.port) || peer.port < 1 || peer.port > 65535) throw new InvalidArgumentError(`Invalid peer port ${String(peer.port)}`);
    }
    const v6 = isIpv6Domain(domain);
    const socket = createSocket({ type: v6 ? 'udp6' : 'udp4', ipv6Only: v6, lookup: literalLookup as never });
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
      const bound = (): void => {
        signal?.removeEventListener('abort', onAbort);
        socket.off('error', onError);
        resolve();
      };
      try {
        socket.bind({ address: bindAddress.host, port: bindAddress.port, exclusive: true }, peer === undefined ? bound : () => socket.connect(peer.port, peer.host, bound));
      } catch (err) {
        onError(err as Error);
      }
    });
    setBufferSize(socket, 'recv', options.recvBufferSize ?? DEFAULT_UDP_BUFFER_SIZE);
    setBufferSize(socket, 'send', options.sendBufferSize ?? DEFAULT_UDP_BUFFER_SIZE);
    const bound = socket.address();
    return new UdpTransport(domain, socket, { domain, host: bound.address, port: bound.port }, peer);
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
   * @throws TransportError when closed, for an address of another domain (or another peer
   *   than a connected transport's), an unknown host, or a send the system refuses (message
   *   too long, network unreachable, port 0).
   */
  send(message: Uint8Array, to: TransportAddress): Promise<void> {
    if (!this.#checked.has(to) && to.domain === this.domain && !isIpLiteral(to.host)) {
      if (this.#closing !== undefined) return Promise.reject(closedError(this.local));
      return resolveAddress(to).then((resolved) => this.send(message, resolved));
    }
    return new Promise<void>((resolve, reject) => this.post(message, to, (err) => (err === undefined ? resolve() : reject(err))));
  }

  /**
   * Sends one datagram without making a promise: `done` (when given) is called once the
   * system took it, with `undefined`, or refused it, with the TransportError. A failure
   * that shows at once (closed, an address of another domain, too long, a bad port) calls
   * `done` before `post` returns. Without `done`, failures are reported on
   * `tsnmp:transport:error`. `to` must be an IP literal: names are refused, not resolved.
   */
  post(message: Uint8Array, to: TransportAddress, done?: SendCallback, context?: unknown): void {
    if (this.#closing !== undefined) return fail(done, context, closedError(this.local), this, to);
    if (!this.#checked.has(to)) {
      const bad = this.#check(to);
      if (bad !== undefined) return fail(done, context, bad, this, to);
      this.#checked.add(to);
    }
    // RFC 768 / RFC 8200: a datagram longer than this cannot be sent at all.
    if (message.length > this.#maxPayload) return fail(done, context, sendError(to, Object.assign(new Error('message too long'), { code: 'EMSGSIZE' })), this, to);
    try {
      if (this.peer === undefined) {
        this.#socket.send(message, to.port, to.host, done === undefined ? this.#reportSendError : (err: Error | null): void => done(err === null || err === undefined ? undefined : sendError(to, err), context));
      } else {
        this.#socket.send(message, (err: Error | null): void => this.#connectedSent(err, message, done, context, true));
      }
    } catch (err) {
      fail(done, context, this.#closing !== undefined ? closedError(this.local) : sendError(to, err), this, to);
    }
  }

  /**
   * The outcome of a send on a connected socket. An ICMP port unreachable from the peer
   * leaves ECONNREFUSED pending on a connected socket (Linux), and the next send fails with
   * it without leaving. Such a send is made once more (the peer may be back); refused
   * again, it counts as sent and lost, as on an unconnected socket, which never hears of
   * ICMP errors: a peer that does not listen means no answer (a timeout), not a failure.
   */
  #connectedSent(err: Error | null, message: Uint8Array, done: SendCallback | undefined, context: unknown, again: boolean): void {
    const refused = err !== null && err !== undefined && (err as NodeJS.ErrnoException).code === 'ECONNREFUSED';
    if (err === null || err === undefined || (refused && !again)) {
      done?.(undefined, context);
      return;
    }
    if (refused && this.#closing === undefined) {
      try {
        this.#socket.send(message, (e: Error | null): void => this.#connectedSent(e, message, done, context, false));
        return;
      } catch {
        // reported below
      }
    }
    if (done === undefined) this.#reportSendError(err);
    else done(sendError(this.peer!, err), context);
  }

  /** Why `to` cannot be sent to on this socket, or undefined when it can. */
  #check(to: TransportAddress): TransportError | undefined {
    if (to.domain !== this.domain) return new TransportError(`Cannot send to ${formatAddress(to)} on a ${this.domain} transport`);
    if (!isIpLiteral(to.host)) return new TransportError(`Cannot send to ${formatAddress(to)}: post takes IP addresses only (resolve names first)`);
    const peer = this.peer;
    if (peer !== undefined && (to.port !== peer.port || to.host !== peer.host)) {
      return new TransportError(`Cannot send to ${formatAddress(to)} on a transport connected to ${formatAddress(peer)}`);
    }
    if (!Number.isInteger(to.port) || to.port < 1 || to.port > 65535) return new TransportError(`Cannot send to ${formatAddress(to)}: bad port`);
    return undefined;
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

/** A post that failed at once: its callback, or the diagnostics channel. */
function fail(done: SendCallback | undefined, context: unknown, error: TransportError, t: UdpTransport, to: TransportAddress): void {
  if (done !== undefined) done(error, context);
  else reportError({ domain: t.domain, local: t.local, remote: to, error, where: 'send' });
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
