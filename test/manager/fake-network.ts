/**
 * An in-memory network and a fake clock for manager tests: transports that implement the
 * Transport contract without sockets, agents that are functions, and time that moves only
 * when the test says so.
 */
import { TransportError } from '../../src/errors.js';
import type { Clock } from '../../src/manager/deadlines.js';
import type { TransportFactory, TransportSpec } from '../../src/manager/dispatcher.js';
import type { MessageHandler, Transport, TransportAddress, TransportDomain } from '../../src/transport/types.js';

/** An agent on the fake network: gets each message and may reply (from any address). */
export type FakeAgent = (message: Uint8Array, from: TransportAddress, reply: (bytes: Uint8Array, fromAddress?: TransportAddress) => void) => void;

const key = (a: TransportAddress): string => `${a.domain}|${a.host}|${a.port}`;

/** Lets pending I/O callbacks and promise reactions run (a few turns of the event loop). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A transport on the fake network. */
export class FakeTransport implements Transport {
  #handler: MessageHandler | undefined;
  #closed = false;
  constructor(
    readonly network: FakeNetwork,
    readonly domain: TransportDomain,
    readonly local: TransportAddress,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  send(message: Uint8Array, to: TransportAddress): Promise<void> {
    if (this.#closed) return Promise.reject(new TransportError('closed'));
    this.network.sent.push({ from: this.local, to, bytes: message.slice(), at: this.network.clock?.now() ?? 0 });
    setImmediate(() => this.network.toAgent(this, to, message));
    return Promise.resolve();
  }

  onMessage(handler: MessageHandler): void {
    this.#handler = handler;
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.network.closedCount++;
    }
    return Promise.resolve();
  }

  /** Delivers a message as if it came from `from`. */
  deliver(bytes: Uint8Array, from: TransportAddress): void {
    if (!this.#closed) this.#handler?.(bytes, { remote: from, local: this.local });
  }
}

/** A network of fake transports and agents. */
export class FakeNetwork {
  readonly agents = new Map<string, FakeAgent>();
  readonly transports: FakeTransport[] = [];
  /** Every message sent by a manager transport. */
  readonly sent: { from: TransportAddress; to: TransportAddress; bytes: Uint8Array; at: number }[] = [];
  closedCount = 0;
  #nextPort = 40000;

  constructor(readonly clock?: Clock) {}

  /** The factory to give a Dispatcher. */
  readonly factory: TransportFactory = async (spec: TransportSpec) => {
    const domain = spec.remote.domain;
    const host = spec.localAddress ?? (domain === 'udp6' || domain === 'tcp6' ? '::1' : '127.0.0.1');
    const t = new FakeTransport(this, domain, { domain, host, port: spec.localPort === 0 ? this.#nextPort++ : spec.localPort });
    this.transports.push(t);
    return t;
  };

  /** Transports opened and not closed. */
  get openCount(): number {
    return this.transports.filter((t) => !t.closed).length;
  }

  /** Puts an agent at an address. */
  listen(address: TransportAddress, agent: FakeAgent): void {
    this.agents.set(key(address), agent);
  }

  /** Routes a message from a manager transport to the agent at `to`. */
  toAgent(from: FakeTransport, to: TransportAddress, message: Uint8Array): void {
    const agent = this.agents.get(key(to));
    if (agent === undefined) return; // nobody there: the datagram is lost
    agent(message, from.local, (bytes, fromAddress) => {
      setImmediate(() => from.deliver(bytes, fromAddress ?? to));
    });
  }
}

/** A clock that moves only in {@link FakeClock.advance}. */
export class FakeClock implements Clock {
  #now = 0;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; fn: () => void; ref: boolean }>();
  /** Set by {@link withRef}: the clock then offers `refTimer`. */
  refTimer?: (handle: unknown, ref: boolean) => void;

  /** A fake clock whose timers can be unref'd, like Node's. */
  static withRef(): FakeClock {
    const c = new FakeClock();
    c.refTimer = (handle, ref) => {
      const t = c.#timers.get(handle as number);
      if (t !== undefined) t.ref = ref;
    };
    return c;
  }

  /** Timers armed and keeping the process alive. */
  get refed(): number {
    let n = 0;
    for (const t of this.#timers.values()) if (t.ref) n++;
    return n;
  }

  now(): number {
    return this.#now;
  }

  setTimer(fn: () => void, ms: number): unknown {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + ms, fn, ref: true });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  /** Timers armed now. */
  get armed(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting I/O settle after each. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    await settle();
    for (;;) {
      let first: [number, { at: number; fn: () => void; ref: boolean }] | undefined;
      for (const e of this.#timers) if (e[1].at <= end && (first === undefined || e[1].at < first[1].at)) first = e;
      if (first === undefined) break;
      this.#timers.delete(first[0]);
      this.#now = first[1].at;
      first[1].fn();
      await settle();
    }
    this.#now = end;
    await settle();
  }
}
