/**
 * The dispatcher's transports, shared by its targets: one per domain and local endpoint for
 * UDP (every target of the family), one per agent for TCP and for connected UDP. A
 * transport opens on first use and closes when its last target lets go of it.
 */
import { formatAddress } from '../transport/address.js';
import { openTransport } from '../transport/open.js';
import type { MessageSource, Transport, TransportAddress } from '../transport/types.js';
import type { TransportFactory } from './dispatcher-options.js';
import type { TransportEntry } from './target.js';

/** tsnmp's own transports: UDP and TCP over IPv4 and IPv6. */
export const defaultTransportFactory: TransportFactory = (spec) =>
  openTransport(spec.remote, {
    ...(spec.localAddress === undefined ? {} : { localAddress: spec.localAddress }),
    localPort: spec.localPort,
    connect: spec.connect,
  });

/** Receives what a shared transport receives, with the entry it came through. */
export type EntryMessageHandler = (entry: TransportEntry, message: Uint8Array, source: MessageSource) => void;

/** Transports by key, with the number of targets using each. @internal */
export class SharedTransports {
  readonly #entries = new Map<string, TransportEntry>();

  constructor(
    readonly factory: TransportFactory,
    readonly connectUdp: boolean,
    readonly onMessage: EntryMessageHandler,
  ) {}

  /** Transports open or opening. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The entry for a target (opened now when none fits), with one more reference, once its
   * transport is open.
   * @throws TransportError when the transport cannot be opened.
   */
  async acquire(remote: TransportAddress, localAddress: string | undefined, localPort: number): Promise<TransportEntry> {
    const udp = remote.domain === 'udp' || remote.domain === 'udp6';
    const connect = udp && this.connectUdp;
    const key = `${remote.domain}|${localAddress ?? ''}|${localPort}${udp && !connect ? '' : `|${formatAddress(remote)}`}`;
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      const e: TransportEntry = { key, transport: undefined, opening: undefined as unknown as Promise<Transport>, refs: 0 };
      e.opening = this.factory({ remote, localAddress, localPort, connect }).then(
        (t) => {
          e.transport = t;
          t.onMessage((message, source) => this.onMessage(e, message, source));
          if (e.refs === 0 || this.#entries.get(key) !== e) void t.close();
          return t;
        },
        (err: unknown) => {
          if (this.#entries.get(key) === e) this.#entries.delete(key);
          throw err;
        },
      );
      this.#entries.set(key, e);
      entry = e;
    }
    entry.refs++;
    try {
      await entry.opening;
    } catch (err) {
      entry.refs--;
      throw err;
    }
    return entry;
  }

  /** Lets go of an entry; its transport closes with its last reference. */
  async release(entry: TransportEntry): Promise<void> {
    entry.refs--;
    if (entry.refs > 0) return;
    if (this.#entries.get(entry.key) === entry) this.#entries.delete(entry.key);
    if (entry.transport !== undefined) await entry.transport.close();
  }

  /** Closes every transport, whatever uses it. */
  async closeAll(): Promise<void> {
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map(async (e) => (await e.opening.catch(() => undefined))?.close()));
  }
}
