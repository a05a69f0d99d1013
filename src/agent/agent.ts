/**
 * The SNMP agent: a registry of subtrees with its default MIB store, the system and snmp
 * groups, communities bound to views, persistent state, and listening transports.
 */
import { EventEmitter } from 'node:events';
import { InvalidArgumentError, TransportError } from '../errors.js';
import { errorStatusName } from '../pdu/error-status.js';
import { type OpenTransportOptions, openTransport } from '../transport/open.js';
import type { MessageSource, Transport, TransportAddress } from '../transport/types.js';
import { addSnmpGroup, addSystemGroup, SNMP_GROUP, SYS_OR_ENTRY, type SysOrTable, type SystemGroupOptions } from './builtins.js';
import { type CommunityProfile, CommunityTable } from './community.js';
import { type MibEntry, MibStore } from './mib-store.js';
import { AgentCounters, type AuthenticationFailureEvent, type AuthenticityRequest, CommandResponder, type ResponderResult, type V3MessageHandler } from './responder.js';
import type { BulkEndOfMibView } from './processor.js';
import { Registry } from './registry.js';
import { type AgentState, loadState, newEngineId, removeStaleTemporaries, saveStateSync, StateWriter } from './state-file.js';

/** Options of an {@link Agent}. */
export interface AgentOptions {
  /** Communities and their views. Default none (every request is an authentication failure). */
  communities?: readonly CommunityProfile[];
  /** The system group's values. */
  system?: SystemGroupOptions;
  /** Serve the system and snmp groups. Default true. */
  builtins?: boolean;
  /** Path of the state file (engine ID, boot counter, persistent values). Default none: nothing is kept. */
  stateFile?: string;
  /** The engine ID to use when the state file has none. Default a new random one (RFC 3411 §5 format 5). */
  engineId?: Uint8Array;
  /** Seed 003's CheckAuthenticity hook: return false to refuse a request whose community is known. Default accepts. */
  checkAuthenticity?: (request: AuthenticityRequest) => boolean;
  /** Largest response in bytes. Default 65,507 (the UDP payload limit). */
  maxMessageSize?: number;
  /** Requests that may wait for asynchronous handlers at once. Default 1,024. */
  maxPendingRequests?: number;
  /** Most varbinds in a GetBulk response. Default 1,024. */
  maxBulkVarBinds?: number;
  /** After the end of the MIB view, stop a GetBulk response (`truncate`, like snmpd) or repeat endOfMibView up to max-repetitions (`fill`, like snmpsim). Default `truncate`. */
  bulkEndOfMibView?: BulkEndOfMibView;
  /** Milliseconds a request may wait for asynchronous handlers before it is dropped. Default 5,000. */
  requestTimeout?: number;
  /** SNMPv3 message processing (a later issue); without it v3 messages count as snmpInBadVersions. */
  v3?: V3MessageHandler;
}

/** Events of an {@link Agent}. */
export interface AgentEvents {
  /** A message failed community authentication (snmpInBadCommunityNames was counted). */
  authenticationFailure: [event: AuthenticationFailureEvent];
  /** A Set changed an entry of the default store. */
  change: [entry: MibEntry];
  /**
   * The state file could not be written, or a persistent entry refused the value it held
   * (an InvalidArgumentError naming the entry and the error status a Set of that value
   * would get; the entry keeps its own value). Either way the agent goes on. Refusals are
   * emitted on the next tick, so a listener added right after the constructor hears those
   * of the built-in entries.
   */
  stateError: [error: unknown];
}

const SNMP_ENABLE_AUTHEN_TRAPS = `${SNMP_GROUP}.30.0`;

/**
 * An SNMP agent.
 *
 * ```ts
 * const agent = new Agent({ communities: [{ community: 'public' }, { community: 'private', access: 'read-write' }] });
 * agent.mib.add({ name: '1.3.6.1.4.1.99999.1.0', type: 'Integer32', access: 'read-write', value: 1 });
 * agent.on('authenticationFailure', (e) => console.log('bad community from', e.source?.remote.host));
 * await agent.listen(['udp:127.0.0.1:1161', 'udp6:[::1]:1161', 'tcp:127.0.0.1:1161']);
 * ```
 *
 * Event `authenticationFailure` ({@link AuthenticationFailureEvent}) fires for every
 * message with an unknown community or one the authenticity hook refused; the
 * notifications layer sends the authenticationFailure trap from it when
 * {@link authenTrapsEnabled} is true.
 */
export class Agent extends EventEmitter<AgentEvents> {
  /** The default context's registry of subtrees. */
  readonly registry: Registry;
  /** The default store of MIB entries, registered at `1` with the lowest precedence (priority 255). */
  readonly mib: MibStore;
  /** The communities. */
  readonly communities: CommunityTable;
  /** The snmp group counters. */
  readonly counters: AgentCounters;
  /** The sysORTable, when the built-ins are served. */
  readonly sysOr: SysOrTable | undefined;
  readonly #contexts = new Map<string, Registry>();
  readonly #responder: CommandResponder;
  readonly #start = performance.now();
  readonly #state: AgentState;
  readonly #writer: StateWriter | undefined;
  readonly #transports: Transport[] = [];

  /**
   * Creates the agent; with a state file, reads it, counts this start in engineBoots and
   * writes it back (synchronously, before serving anything).
   * @throws InvalidArgumentError on bad options.
   * @throws DecodeError when the state file exists but is corrupt.
   */
  constructor(options: AgentOptions = {}) {
    super();
    this.registry = new Registry();
    this.#contexts.set('', this.registry);
    this.communities = new CommunityTable(options.communities ?? []);
    this.counters = new AgentCounters();
    this.mib = new MibStore();
    this.mib.onRestoreRefused(({ entry, status }) => {
      const err = new InvalidArgumentError(`The state file's value of ${entry.name.toString()} is refused (${errorStatusName(status)}); the entry keeps its own value`);
      process.nextTick(() => this.emit('stateError', err));
    });
    this.registry.register('1', this.mib, { priority: 255, kind: 'store' });
    const saved = options.stateFile === undefined ? undefined : loadState(options.stateFile);
    if (options.engineId !== undefined && (options.engineId.length < 5 || options.engineId.length > 32)) {
      throw new InvalidArgumentError('An engine ID has 5 to 32 octets (RFC 3411 §5)');
    }
    this.#state = {
      engineId: saved?.engineId ?? options.engineId ?? newEngineId(),
      // RFC 3414 §2.2.2: snmpEngineBoots counts starts, and stays at 2^31-1 once there.
      engineBoots: Math.min((saved?.engineBoots ?? 0) + 1, 0x7fffffff),
      values: [],
    };
    if (saved !== undefined) this.mib.restore(saved.values);
    if (options.builtins ?? true) {
      this.sysOr = addSystemGroup(this.mib, () => this.upTime, options.system ?? {});
      this.registry.register(SYS_OR_ENTRY, this.sysOr.table, { kind: 'builtin' });
      addSnmpGroup(this.mib, this.counters);
    } else {
      this.sysOr = undefined;
    }
    if (options.stateFile !== undefined) {
      removeStaleTemporaries(options.stateFile);
      saveStateSync(options.stateFile, this.#snapshot());
      this.#writer = new StateWriter(options.stateFile, () => this.#snapshot(), (err) => this.emit('stateError', err));
    }
    this.mib.onChange((entry) => {
      if (entry.persistent) this.#writer?.schedule();
      this.emit('change', entry);
    });
    this.#responder = new CommandResponder({
      communities: this.communities,
      registryFor: (name) => this.#contexts.get(name),
      counters: this.counters,
      ...(options.maxMessageSize === undefined ? {} : { maxMessageSize: options.maxMessageSize }),
      ...(options.maxPendingRequests === undefined ? {} : { maxPendingRequests: options.maxPendingRequests }),
      ...(options.maxBulkVarBinds === undefined ? {} : { maxBulkVarBinds: options.maxBulkVarBinds }),
      ...(options.bulkEndOfMibView === undefined ? {} : { bulkEndOfMibView: options.bulkEndOfMibView }),
      ...(options.requestTimeout === undefined ? {} : { requestTimeout: options.requestTimeout }),
      ...(options.checkAuthenticity === undefined ? {} : { checkAuthenticity: options.checkAuthenticity }),
      ...(options.v3 === undefined ? {} : { v3: options.v3 }),
      onAuthenticationFailure: (e) => this.emit('authenticationFailure', e),
    });
  }

  /** sysUpTime: hundredths of a second since the agent started (wraps at 2^32). */
  get upTime(): number {
    return Math.floor((performance.now() - this.#start) / 10) >>> 0;
  }

  /** snmpEngineID. */
  get engineId(): Uint8Array {
    return this.#state.engineId;
  }

  /** snmpEngineBoots, this start included. */
  get engineBoots(): number {
    return this.#state.engineBoots;
  }

  /** snmpEnableAuthenTraps is enabled(1). */
  get authenTrapsEnabled(): boolean {
    return this.mib.entry(SNMP_ENABLE_AUTHEN_TRAPS)?.value === 1;
  }

  /** The registry of a context, created on first use (the default context is `''`). */
  contextRegistry(contextName: string): Registry {
    let r = this.#contexts.get(contextName);
    if (r === undefined) {
      r = new Registry();
      this.#contexts.set(contextName, r);
    }
    return r;
  }

  /**
   * Handles one received message: the response bytes, nothing (dropped and counted), or a
   * promise of either when an asynchronous handler is involved. Never throws.
   */
  handleMessage(bytes: Uint8Array, source?: MessageSource): ResponderResult {
    return this.#responder.handle(bytes, source);
  }

  /** Requests waiting for asynchronous handlers. */
  get pendingRequests(): number {
    return this.#responder.pending;
  }

  /** Serves requests arriving on an open transport (replies go back through it). */
  attach(transport: Transport): void {
    this.#transports.push(transport);
    const onError = (): void => undefined;
    transport.onMessage((bytes, source) => {
      const out = this.#responder.handle(bytes, source);
      if (out === undefined) return;
      if (out instanceof Uint8Array) {
        transport.send(out, source.remote).then(undefined, onError);
        return;
      }
      out.then((b) => (b === undefined ? undefined : transport.send(b, source.remote))).then(undefined, onError);
    });
  }

  /**
   * Listens on addresses as net-snmp writes them (`udp:127.0.0.1:1161`, `udp6:[::1]:161`,
   * `tcp:0.0.0.0:161`; a bare host means UDP; the port defaults to 161). Transport options
   * (TCP connection limits and idle timeout, UDP buffer sizes) apply to every address.
   * @throws InvalidArgumentError on an address that does not parse.
   * @throws TransportError when an address cannot be bound (the ones already bound are closed).
   */
  async listen(
    addresses: string | TransportAddress | readonly (string | TransportAddress)[],
    options: Omit<OpenTransportOptions, 'listen' | 'localAddress' | 'localPort' | 'connectTimeout'> = {},
  ): Promise<TransportAddress[]> {
    const list = typeof addresses === 'string' || !Array.isArray(addresses) ? [addresses as string | TransportAddress] : (addresses as readonly (string | TransportAddress)[]);
    const opened: Transport[] = [];
    try {
      for (const a of list) opened.push(await openTransport(a, { ...options, listen: true }));
    } catch (err) {
      await Promise.all(opened.map((t) => t.close()));
      throw err instanceof TransportError || err instanceof InvalidArgumentError ? err : new TransportError(`Cannot listen: ${String(err)}`, { cause: err });
    }
    for (const t of opened) this.attach(t);
    return opened.map((t) => t.local);
  }

  /** The local addresses the agent listens on. */
  get endpoints(): TransportAddress[] {
    return this.#transports.filter((t) => !t.closed).map((t) => t.local);
  }

  /** Stops listening and finishes writing the state file. */
  async close(): Promise<void> {
    const ts = this.#transports.splice(0);
    await Promise.all(ts.map((t) => t.close()));
    await this.#writer?.flush();
  }

  /** Writes the state file now (normally done after each Set of a persistent entry). */
  async saveState(): Promise<void> {
    if (this.#writer === undefined) return;
    this.#writer.schedule();
    await this.#writer.flush();
  }

  #snapshot(): AgentState {
    const values = this.mib.persistentValues();
    return { engineId: this.#state.engineId, engineBoots: this.#state.engineBoots, values };
  }
}

