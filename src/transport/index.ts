/** The transport layer's public surface: the contract, addresses, the transports and how to open one. */
export type { MessageHandler, MessageSource, SendCallback, Transport, TransportAddress, TransportDomain, TransportOptions } from './types.js';
export {
  DEFAULT_AGENT_PORT,
  DEFAULT_TRAP_PORT,
  DOMAIN_PREFIXES,
  anyAddress,
  formatAddress,
  isIpLiteral,
  isIpv6Domain,
  isUdpDomain,
  parseAddress,
  resolveAddress,
  sameAddress,
  type ResolveOptions,
} from './address.js';
export {
  TransportChannels,
  type TransportConnectionEvent,
  type TransportDropEvent,
  type TransportDropReason,
  type TransportErrorEvent,
} from './diagnostics.js';
export { openTransport, type OpenTransportOptions } from './open.js';
export { DEFAULT_MAX_MESSAGE_SIZE, FrameDecoder } from './tcp-framing.js';
export { DEFAULT_CONNECT_TIMEOUT, TcpClientTransport, type TcpClientOptions } from './tcp-client.js';
export { DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS, TcpListenerTransport, type TcpListenerOptions } from './tcp-listener.js';
export { DEFAULT_UDP_BUFFER_SIZE, UdpTransport, type UdpTransportOptions } from './udp.js';
