/**
 * One entry point that opens the right transport for an address: UDP or TCP, IPv4 or IPv6,
 * a client endpoint or a listening one.
 */
import { InvalidArgumentError } from '../errors.js';
import { DEFAULT_AGENT_PORT, parseAddress } from './address.js';
import type { TcpClientTransport } from './tcp-client.js';
import type { TcpListenerTransport } from './tcp-listener.js';
import type { Transport, TransportAddress, TransportOptions } from './types.js';
import { UdpTransport, type UdpTransportOptions } from './udp.js';

/** Options of {@link openTransport}. Each says which transports use it. */
export interface OpenTransportOptions extends TransportOptions {
  /**
   * Listen on the address (agents, notification receivers) instead of opening a client
   * endpoint towards it. Default false.
   */
  listen?: boolean;
  /** Port used when a string address names none. Default 161 (use 162 for notifications). */
  defaultPort?: number;
  /** Client only: local address to bind (IP literal or name). Default any. */
  localAddress?: string;
  /** Client only: local port to bind; 0 lets the system pick. Default 0. */
  localPort?: number;
  /**
   * UDP client only: connect the socket to the address, so that only that peer's datagrams
   * arrive and each send is cheaper (see {@link UdpTransportOptions.connectTo}); the
   * transport then sends to that peer only. Default false: one socket for any peer.
   */
  connect?: boolean;
  /** UDP: receive buffer asked for. Default 4 MiB. */
  recvBufferSize?: number;
  /** UDP: send buffer asked for. Default 4 MiB. */
  sendBufferSize?: number;
  /** TCP client: milliseconds a connection attempt may take. Default 10,000. */
  connectTimeout?: number;
  /** TCP: close a connection idle this many milliseconds; 0 = never. Default 300,000 for listeners, 0 for clients. */
  idleTimeout?: number;
  /** TCP listener: connections accepted at once. Default 1000. */
  maxConnections?: number;
  /** Cancels the opening. */
  signal?: AbortSignal;
}

/**
 * Opens a transport for `address` (a string as net-snmp writes it, or a parsed address):
 *
 * - `listen: true`: binds to the address. UDP: a {@link UdpTransport} bound there; TCP: a
 *   {@link TcpListenerTransport} accepting connections there.
 * - otherwise, a client endpoint. UDP: a {@link UdpTransport} of the address's family bound
 *   to `localAddress`/`localPort`, which may send to any peer of that family (the address
 *   only picks the family, so one socket serves many targets), or, with `connect`, only to
 *   the address. TCP: a
 *   {@link TcpClientTransport} connected to the address.
 *
 * @throws InvalidArgumentError for an address that does not parse, or bad options.
 * @throws TransportError when a name does not resolve, the bind or listen fails, or a TCP
 *   connection cannot be made.
 * @throws AbortError when the signal aborts first.
 */
export async function openTransport(address: string | TransportAddress, options: OpenTransportOptions = {}): Promise<Transport> {
  const target = typeof address === 'string' ? parseAddress(address, options.defaultPort ?? DEFAULT_AGENT_PORT) : address;
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const maxMessageSize = options.maxMessageSize === undefined ? {} : { maxMessageSize: options.maxMessageSize };
  const idleTimeout = options.idleTimeout === undefined ? {} : { idleTimeout: options.idleTimeout };
  switch (target.domain) {
    case 'udp':
    case 'udp6': {
      const buffers = {
        ...(options.recvBufferSize === undefined ? {} : { recvBufferSize: options.recvBufferSize }),
        ...(options.sendBufferSize === undefined ? {} : { sendBufferSize: options.sendBufferSize }),
      };
      if (options.listen ?? false) return UdpTransport.open(target.domain, { localAddress: target.host, localPort: target.port, ...buffers, ...signal });
      return UdpTransport.open(target.domain, {
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        ...(options.localPort === undefined ? {} : { localPort: options.localPort }),
        ...(options.connect === true ? { connectTo: target } : {}),
        ...buffers,
        ...signal,
      });
    }
    case 'tcp':
    case 'tcp6':
      // The TCP modules load on first use: a UDP-only program (most) never pays for them.
      if (options.listen ?? false) {
        const { TcpListenerTransport } = await import('./tcp-listener.js');
        return TcpListenerTransport.listen(target, {
          ...maxMessageSize,
          ...idleTimeout,
          ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
          ...signal,
        });
      }
      const { TcpClientTransport } = await import('./tcp-client.js');
      return TcpClientTransport.connect(target, {
        ...maxMessageSize,
        ...idleTimeout,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
        ...(options.localPort === undefined ? {} : { localPort: options.localPort }),
        ...(options.connectTimeout === undefined ? {} : { connectTimeout: options.connectTimeout }),
        ...signal,
      });
    default:
      throw new InvalidArgumentError(`Unknown transport domain ${String((target as TransportAddress).domain)}`);
  }
}
