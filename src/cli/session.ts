/**
 * The manager session a command talks through, built from the common options: net-snmp's
 * timing (the same timeout for every retry), and a transport wrapper that dumps every
 * packet sent and received for `-d` (net-snmp's hex layout, then the decoded BER
 * structure) and lets the command watch responses (snmpwalk's "End of MIB").
 */
import { Dispatcher } from '../manager/dispatcher.js';
import { Session } from '../manager/session.js';
import { openTransport } from '../transport/open.js';
import type { MessageHandler, SendCallback, Transport, TransportAddress, TransportDomain } from '../transport/types.js';
import type { PacketDump } from './dump.js';
import type { CommonArgs } from './args/snmpcmd.js';
import type { CliIo } from './io.js';

/** What a command sees of the traffic: every message, raw. */
export interface PacketTap {
  sent?(bytes: Uint8Array): void;
  received?(bytes: Uint8Array): void;
}

/** A transport that reports every message to the dump and the tap before passing it on. */
class WatchedTransport implements Transport {
  readonly #inner: Transport;
  readonly #io: CliIo | undefined;
  readonly #tap: PacketTap | undefined;
  readonly #dump: PacketDump | undefined;

  constructor(inner: Transport, io: CliIo | undefined, tap: PacketTap | undefined, dump: PacketDump | undefined) {
    this.#inner = inner;
    this.#io = io;
    this.#tap = tap;
    this.#dump = dump;
    if (inner.post !== undefined) {
      this.post = (message: Uint8Array, to: TransportAddress, done?: SendCallback, context?: unknown): void => {
        this.#watchSent(message, to);
        inner.post!(message, to, done, context);
      };
    }
  }

  get domain(): TransportDomain {
    return this.#inner.domain;
  }

  get local(): TransportAddress {
    return this.#inner.local;
  }

  get closed(): boolean {
    return this.#inner.closed;
  }

  send(message: Uint8Array, to: TransportAddress): Promise<void> {
    this.#watchSent(message, to);
    return this.#inner.send(message, to);
  }

  /** The inner transport's promise-free send, when it has one (the dispatcher then uses it). */
  readonly post?: (message: Uint8Array, to: TransportAddress, done?: SendCallback, context?: unknown) => void;

  #watchSent(message: Uint8Array, to: TransportAddress): void {
    if (this.#dump !== undefined) this.#io?.stderr(this.#dump('sent', message, to, this.#inner.local));
    this.#tap?.sent?.(message);
  }

  onMessage(handler: MessageHandler): void {
    this.#inner.onMessage((message, source) => {
      if (this.#dump !== undefined) this.#io?.stderr(this.#dump('received', message, source.remote, source.local));
      this.#tap?.received?.(message);
      handler(message, source);
    });
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

/** Options of {@link openCliSession}. */
export interface CliSessionOptions {
  /** Watches the traffic (the walk's End of MIB). */
  tap?: PacketTap;
  /** Max-repetitions default for bulk operations. */
  maxRepetitions?: number;
}

/**
 * A session for the command's agent (not yet connected). net-snmp waits the same `-t`
 * before each retry, so the backoff factor is 1.
 * @throws InvalidArgumentError (the promise rejects) when the agent address does not parse.
 */
export async function openCliSession(common: CommonArgs, agent: string, io: CliIo, options: CliSessionOptions = {}): Promise<{ session: Session; dispatcher: Dispatcher }> {
  const dump = common.dump ? io : undefined;
  // The BER tree decoder is loaded only for -d.
  const packetDump = common.dump ? (await import('./dump.js')).packetDump : undefined;
  const tap = options.tap;
  const dispatcher = new Dispatcher({
    // A command talks to one agent: a UDP socket of its own connected to it spares the
    // route lookup of every send. Not for -d, which prints the unconnected local address
    // ([0.0.0.0]:port) as net-snmp does.
    connectUdp: !common.dump,
    transportFactory: async (spec) => {
      const t = await openTransport(spec.remote, {
        ...(spec.localAddress === undefined ? {} : { localAddress: spec.localAddress }),
        localPort: spec.localPort,
        connect: spec.connect,
        connectTimeout: Math.max(1000, common.timeout * 1000 * (common.retries + 1)),
      });
      return dump === undefined && tap === undefined ? t : new WatchedTransport(t, dump, tap, packetDump);
    },
  });
  const session = new Session({
    peer: agent,
    version: common.version,
    community: common.community ?? 'public',
    retries: common.retries,
    timeout: Math.max(1, Math.round(common.timeout * 1000)),
    backoff: 1,
    ...(options.maxRepetitions === undefined ? {} : { maxRepetitions: options.maxRepetitions }),
    dispatcher,
  });
  return { session, dispatcher };
}

/** Closes a command's session and its dispatcher. */
export async function closeCliSession(s: { session: Session; dispatcher: Dispatcher }): Promise<void> {
  await s.session.close();
  await s.dispatcher.close();
}
