/**
 * The options, counters and transport factory of a {@link Dispatcher}: what a program
 * gives it and reads back.
 */
import type { DecodeOptions } from '../ber/limits.js';
import type { Transport, TransportAddress } from '../transport/types.js';
import type { Clock } from './deadlines.js';
import type { DropReason } from './diagnostics.js';
import type { Dispatcher } from './dispatcher.js';

/** What a {@link TransportFactory} is asked to open. */
export interface TransportSpec {
  /** The target (resolved). A UDP transport may serve every target of its domain. */
  readonly remote: TransportAddress;
  /** Local address to bind, or undefined for any. */
  readonly localAddress: string | undefined;
  /** Local port to bind; 0 for any. */
  readonly localPort: number;
  /** UDP: connect the transport to `remote` ({@link DispatcherOptions.connectUdp}); it then serves that target only. */
  readonly connect: boolean;
}

/** Opens a transport for the dispatcher; the default opens tsnmp's UDP and TCP transports. */
export type TransportFactory = (spec: TransportSpec) => Promise<Transport>;

/** Options of {@link Dispatcher}. */
export interface DispatcherOptions {
  /**
   * Requests in flight at once over all agents; more wait in a queue. Each agent address
   * (transport domain, host and port) has its own limit besides, shared by every session of
   * this dispatcher to it: the sessions' `maxInFlight` (see `SessionOptions`). Default 1000.
   */
  maxInFlight?: number;
  /** Opens transports. Default: `openTransport` of tsnmp's transport layer. */
  transportFactory?: TransportFactory;
  /** Time source and timer (tests use a fake one). Default: the system clock. */
  clock?: Clock;
  /** Limits applied when decoding responses. Default: the codec's defaults. */
  decodeOptions?: DecodeOptions;
  /**
   * Give each UDP target its own socket, connected to it, instead of one socket per address
   * family shared by all targets. For a program that talks to one agent or a few (a
   * command-line tool): the system then delivers only that agent's datagrams, and sends
   * skip the route lookup of an unconnected socket. Not for thousands of targets (a socket
   * each). Default false.
   */
  connectUdp?: boolean;
}

/** Counters of a dispatcher since it was made. */
export interface DispatcherStats {
  /** Requests submitted. */
  requests: number;
  /** Messages sent, first attempts and retries. */
  sent: number;
  /** Retries sent. */
  retries: number;
  /** Responses matched to a request. */
  responses: number;
  /** Requests that timed out after their last retry. */
  timeouts: number;
  /** Messages dropped, by reason. */
  dropped: Record<DropReason, number>;
}
