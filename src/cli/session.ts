/**
 * The manager session a command talks through, built from the common options: net-snmp's
 * timing (the same timeout for every retry), and a transport wrapper that dumps every
 * packet sent and received for `-d` (net-snmp's hex layout, then the decoded BER
 * structure) and lets the command watch responses (snmpwalk's "End of MIB").
 */
import { decodeBerTree, formatBerTree } from '../ber/tree.js';
import { Dispatcher } from '../manager/dispatcher.js';
import { Session } from '../manager/session.js';
import { decodeMessage } from '../message/codec.js';
import { openTransport } from '../transport/open.js';
import type { MessageHandler, Transport, TransportAddress, TransportDomain } from '../transport/types.js';
import type { CommonArgs } from './args/snmpcmd.js';
import { xdump } from './format/hex.js';
import type { CliIo } from './io.js';

/** What a command sees of the traffic: every message, raw. */
export interface PacketTap {
  sent?(bytes: Uint8Array): void;
  received?(bytes: Uint8Array): void;
}

const DOMAIN_LABEL: Readonly<Record<TransportDomain, string>> = { udp: 'UDP', tcp: 'TCP', udp6: 'UDP/IPv6', tcp6: 'TCP/IPv6' };

function endpoint(a: TransportAddress): string {
  return `[${a.host}]:${a.port}`;
}

/** The `-d` block of one packet: net-snmp's header and hex lines, then the BER tree. */
export function packetDump(direction: 'sent' | 'received', bytes: Uint8Array, remote: TransportAddress, local: TransportAddress): string {
  const where = `${DOMAIN_LABEL[remote.domain]}: ${endpoint(remote)}->${endpoint(local)}`;
  const head = direction === 'sent' ? `Sending ${bytes.length} bytes to ${where}` : `Received ${bytes.length} byte packet from ${where}`;
  let tree: string;
  try {
    tree = formatBerTree(decodeBerTree(bytes));
  } catch (err) {
    tree = `(not BER: ${(err as Error).message})`;
  }
  const indented = tree
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `\n${head}\n${xdump(bytes)}\n${indented}\n\n`;
}

/** A transport that reports every message to the dump and the tap before passing it on. */
class WatchedTransport implements Transport {
  readonly #inner: Transport;
  readonly #io: CliIo | undefined;
  readonly #tap: PacketTap | undefined;

  constructor(inner: Transport, io: CliIo | undefined, tap: PacketTap | undefined) {
    this.#inner = inner;
    this.#io = io;
    this.#tap = tap;
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
    this.#io?.stderr(packetDump('sent', message, to, this.#inner.local));
    this.#tap?.sent?.(message);
    return this.#inner.send(message, to);
  }

  onMessage(handler: MessageHandler): void {
    this.#inner.onMessage((message, source) => {
      this.#io?.stderr(packetDump('received', message, source.remote, source.local));
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
 * @throws InvalidArgumentError when the agent address does not parse.
 */
export function openCliSession(common: CommonArgs, agent: string, io: CliIo, options: CliSessionOptions = {}): { session: Session; dispatcher: Dispatcher } {
  const dump = common.dump ? io : undefined;
  const tap = options.tap;
  const dispatcher = new Dispatcher({
    transportFactory: async (spec) => {
      const t = await openTransport(spec.remote, {
        ...(spec.localAddress === undefined ? {} : { localAddress: spec.localAddress }),
        localPort: spec.localPort,
        connectTimeout: Math.max(1000, common.timeout * 1000 * (common.retries + 1)),
      });
      return dump === undefined && tap === undefined ? t : new WatchedTransport(t, dump, tap);
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

/**
 * A tap that notices net-snmp's v1 end of a walk: a Response with noSuchName(2) to a
 * GetNext request.
 */
export class EndOfMibTap implements PacketTap {
  #getNextIds = new Set<number>();
  /** True once a GetNext was answered with noSuchName. */
  endOfMib = false;

  sent(bytes: Uint8Array): void {
    try {
      const m = decodeMessage(bytes);
      if (m.version !== 3 && m.pdu.type === 'GetNextRequest') this.#getNextIds.add(m.pdu.requestId);
    } catch {
      // not ours to judge
    }
  }

  received(bytes: Uint8Array): void {
    try {
      const m = decodeMessage(bytes);
      if (m.version !== 3 && m.pdu.type === 'Response' && m.pdu.errorStatus === 2 && this.#getNextIds.has(m.pdu.requestId)) this.endOfMib = true;
    } catch {
      // malformed: the dispatcher drops it
    }
  }
}
