/**
 * The registry of subtrees (seed 004's master agent): the one place where a request finds
 * its handler. Entries are subtrees (or AgentX ranges of subtrees) with a handler and a
 * priority; where they overlap, the most specific (longest) root wins, then the lowest
 * priority value, then the earliest registration (RFC 2741 §7.1.5.1). The registry keeps
 * the resulting non-overlapping regions sorted by OID, so a name is found by binary search
 * and GetNext moves from one region to the next.
 *
 * An AgentX master (RFC 2741 §7.1.5) registers each subagent Register-PDU here: the
 * session as `owner`, the PDU's priority, range_subid and upper_bound as they are, a
 * handler that forwards each batch as one Get/GetNext/TestSet... PDU, and the context's
 * registry (`Agent.contextRegistry(name)`); `unregisterOwner(session)` when it closes.
 * A generated MIB module registers its scalars and tables the same way.
 */
import { InvalidArgumentError } from '../errors.js';
import { MAX_ARC, Oid, oidArcs, oidFromTrustedArcs } from '../smi/oid.js';
import type { SubtreeHandler } from './handler.js';

/** Options of {@link Registry.register}. */
export interface RegistrationOptions {
  /** Lower values win among registrations of equal specificity (RFC 2741 §6.2.3). Default 127. */
  priority?: number;
  /**
   * RFC 2741 §6.2.3 range registration: the 1-based position of the arc of `root` that
   * ranges from its value up to {@link upperBound}. Default 0 (no range).
   */
  rangeSubId?: number;
  /** The last value of the ranging arc; required when `rangeSubId` is not 0. */
  upperBound?: number;
  /** Whoever made the registration (an AgentX session, a module); {@link Registry.unregisterOwner} removes all of its entries. Default undefined. */
  owner?: unknown;
  /** A label for diagnostics: `local`, `agentx`, `mib`... Default `local`. */
  kind?: string;
}

/** Most subtrees one range registration may expand to (when the range is not on the last arc). */
export const MAX_RANGE_SUBTREES = 65536;

/** One entry of the registry. */
export class Registration {
  /** The subtree root (for a range registration, with the ranging arc at its lower value). */
  readonly root: Oid;
  /** Who answers for it. */
  readonly handler: SubtreeHandler;
  /** Lower values win among equally specific registrations. */
  readonly priority: number;
  /** 1-based position of the ranging arc, or 0. */
  readonly rangeSubId: number;
  /** Last value of the ranging arc (equal to the root's arc when there is no range). */
  readonly upperBound: number;
  /** Whoever registered it. */
  readonly owner: unknown;
  /** A label for diagnostics. */
  readonly kind: string;
  /** Registration order, for ties. */
  readonly seq: number;
  #registry: Registry | undefined;

  /** @internal */
  constructor(registry: Registry, root: Oid, handler: SubtreeHandler, priority: number, rangeSubId: number, upperBound: number, owner: unknown, kind: string, seq: number) {
    this.#registry = registry;
    this.root = root;
    this.handler = handler;
    this.priority = priority;
    this.rangeSubId = rangeSubId;
    this.upperBound = upperBound;
    this.owner = owner;
    this.kind = kind;
    this.seq = seq;
  }

  /** True until unregistered. */
  get active(): boolean {
    return this.#registry !== undefined;
  }

  /** Removes this entry from its registry. Idempotent. */
  unregister(): void {
    const r = this.#registry;
    this.#registry = undefined;
    r?.unregister(this);
  }
}

/** A non-overlapping stretch of the OID space `[start, end)` answered by one registration. */
export interface Region {
  /** First OID of the region (inclusive). */
  readonly start: Oid;
  /** First OID after the region, or undefined when it runs to the end of the OID space. */
  readonly end: Oid | undefined;
  /** The winning registration. */
  readonly registration: Registration;
  /** @internal arcs of start */
  readonly startArcs: Uint32Array;
  /** @internal arcs of end */
  readonly endArcs: Uint32Array | undefined;
}

/** Lexicographic comparison of arc arrays. */
export function compareArcs(a: Uint32Array, b: Uint32Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The first OID after every OID that starts with `arcs` (undefined when there is none). */
export function subtreeEnd(arcs: Uint32Array): Uint32Array | undefined {
  for (let i = arcs.length - 1; i >= 0; i--) {
    if (arcs[i]! < MAX_ARC) {
      const out = arcs.slice(0, i + 1);
      out[i]!++;
      return out;
    }
  }
  return undefined;
}

interface Interval {
  start: Uint32Array;
  end: Uint32Array | undefined;
  reg: Registration;
}

/**
 * A registry of subtrees.
 *
 * ```ts
 * const reg = registry.register('1.3.6.1.4.1.99999', myHandler, { priority: 100 });
 * registry.find(Oid.parse('1.3.6.1.4.1.99999.1.0'))?.registration === reg; // true
 * reg.unregister();
 * ```
 */
export class Registry {
  #entries: Registration[] = [];
  #regions: Region[] = [];
  #seq = 0;
  #listeners: (() => void)[] = [];

  /**
   * Registers a handler for the subtree at `root` (or, with `rangeSubId`, for a range of
   * subtrees, RFC 2741 §6.2.3).
   * @throws InvalidArgumentError on an empty root, a bad range, or an identical
   *   registration (same root, range and priority) that already exists (AgentX's duplicateRegistration).
   */
  register(root: Oid | string, handler: SubtreeHandler, options: RegistrationOptions = {}): Registration {
    const oid = Oid.of(root);
    const arcs = oidArcs(oid);
    if (arcs.length === 0) throw new InvalidArgumentError('Cannot register the empty OID');
    const priority = options.priority ?? 127;
    if (!Number.isInteger(priority) || priority < 0 || priority > 255) throw new InvalidArgumentError(`priority must be 0..255, not ${priority}`);
    const rangeSubId = options.rangeSubId ?? 0;
    let upperBound = 0;
    if (rangeSubId !== 0) {
      if (!Number.isInteger(rangeSubId) || rangeSubId < 1 || rangeSubId > arcs.length) {
        throw new InvalidArgumentError(`rangeSubId must be 1..${arcs.length}, not ${rangeSubId}`);
      }
      upperBound = options.upperBound ?? -1;
      const lower = arcs[rangeSubId - 1]!;
      if (!Number.isInteger(upperBound) || upperBound < lower || upperBound > MAX_ARC) {
        throw new InvalidArgumentError(`upperBound must be an arc from ${lower} to 2^32-1, not ${upperBound}`);
      }
      if (rangeSubId !== arcs.length && upperBound - lower + 1 > MAX_RANGE_SUBTREES) {
        throw new InvalidArgumentError(`A range on arc ${rangeSubId} would make more than ${MAX_RANGE_SUBTREES} subtrees`);
      }
    } else {
      upperBound = arcs[arcs.length - 1]!;
    }
    for (const e of this.#entries) {
      if (e.priority === priority && e.rangeSubId === rangeSubId && e.upperBound === upperBound && e.root.equals(oid)) {
        throw new InvalidArgumentError(`duplicateRegistration: ${oid.toString()} priority ${priority} is already registered`);
      }
    }
    const reg = new Registration(this, oid, handler, priority, rangeSubId, upperBound, options.owner, options.kind ?? 'local', this.#seq++);
    this.#entries.push(reg);
    this.#rebuild();
    return reg;
  }

  /** Removes an entry (no-op when it is not registered here). */
  unregister(reg: Registration): void {
    const i = this.#entries.indexOf(reg);
    if (i < 0) return;
    this.#entries.splice(i, 1);
    if (reg.active) reg.unregister();
    this.#rebuild();
  }

  /** Removes every entry registered with this owner; returns how many. */
  unregisterOwner(owner: unknown): number {
    const gone = this.#entries.filter((e) => e.owner === owner);
    for (const e of gone) e.unregister();
    return gone.length;
  }

  /** Every registration, in registration order. */
  get registrations(): readonly Registration[] {
    return this.#entries;
  }

  /** The non-overlapping regions, sorted by OID. */
  get regions(): readonly Region[] {
    return this.#regions;
  }

  /** Calls `listener` after every change of the registrations. */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  /** The region that holds `oid`, or undefined. */
  find(oid: Oid): Region | undefined {
    const i = this.indexOf(oidArcs(oid));
    return i >= 0 ? this.#regions[i] : undefined;
  }

  /** Index of the region that holds these arcs, or -1. */
  indexOf(arcs: Uint32Array): number {
    // Requests often stay in one region: try the last one found first.
    const h = this.#hint;
    const hr = this.#regions[h];
    if (hr !== undefined && compareArcs(hr.startArcs, arcs) <= 0 && (hr.endArcs === undefined || compareArcs(arcs, hr.endArcs) < 0)) return h;
    const i = this.lastStartingAtOrBefore(arcs);
    if (i < 0) return -1;
    const end = this.#regions[i]!.endArcs;
    if (end !== undefined && compareArcs(arcs, end) >= 0) return -1;
    this.#hint = i;
    return i;
  }

  #hint = 0;

  /** Index of the last region whose start is at or before `arcs`, or -1. */
  lastStartingAtOrBefore(arcs: Uint32Array): number {
    const regions = this.#regions;
    let lo = 0;
    let hi = regions.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (compareArcs(regions[mid]!.startArcs, arcs) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  #intervals(reg: Registration): Interval[] {
    const arcs = oidArcs(reg.root);
    if (reg.rangeSubId === 0) return [{ start: arcs, end: subtreeEnd(arcs), reg }];
    const r = reg.rangeSubId - 1;
    const lower = arcs[r]!;
    if (r === arcs.length - 1) {
      const last = arcs.slice();
      last[r] = reg.upperBound;
      return [{ start: arcs, end: subtreeEnd(last), reg }];
    }
    const out: Interval[] = [];
    for (let v = lower; v <= reg.upperBound; v++) {
      const a = arcs.slice();
      a[r] = v;
      out.push({ start: a, end: subtreeEnd(a), reg });
    }
    return out;
  }

  #rebuild(): void {
    const intervals: Interval[] = [];
    for (const e of this.#entries) intervals.push(...this.#intervals(e));
    // Every boundary, sorted and unique.
    const points: Uint32Array[] = [];
    for (const iv of intervals) {
      points.push(iv.start);
      if (iv.end !== undefined) points.push(iv.end);
    }
    points.sort(compareArcs);
    const uniq: Uint32Array[] = [];
    for (const p of points) if (uniq.length === 0 || compareArcs(uniq[uniq.length - 1]!, p) !== 0) uniq.push(p);
    intervals.sort((a, b) => compareArcs(a.start, b.start));
    const regions: Region[] = [];
    const active: Interval[] = [];
    let next = 0;
    for (let k = 0; k < uniq.length; k++) {
      const p = uniq[k]!;
      // Drop intervals that ended at or before p; add those that start at p.
      for (let j = active.length - 1; j >= 0; j--) {
        const end = active[j]!.end;
        if (end !== undefined && compareArcs(end, p) <= 0) active.splice(j, 1);
      }
      while (next < intervals.length && compareArcs(intervals[next]!.start, p) <= 0) active.push(intervals[next++]!);
      let best: Registration | undefined;
      for (const iv of active) if (best === undefined || better(iv.reg, best)) best = iv.reg;
      const segEnd = k + 1 < uniq.length ? uniq[k + 1] : undefined;
      if (best === undefined) continue;
      const prev = regions[regions.length - 1];
      if (prev !== undefined && prev.registration === best && prev.endArcs !== undefined && compareArcs(prev.endArcs, p) === 0) {
        regions[regions.length - 1] = makeRegion(prev.startArcs, segEnd, best);
      } else {
        regions.push(makeRegion(p, segEnd, best));
      }
    }
    this.#regions = regions;
    for (const l of this.#listeners) l();
  }
}

/** RFC 2741 §7.1.5.1: longer root first, then lower priority value, then earlier registration. */
function better(a: Registration, b: Registration): boolean {
  const la = a.root.length;
  const lb = b.root.length;
  if (la !== lb) return la > lb;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

function makeRegion(start: Uint32Array, end: Uint32Array | undefined, registration: Registration): Region {
  return {
    start: oidFromTrustedArcs(start),
    end: end === undefined ? undefined : oidFromTrustedArcs(end),
    registration,
    startArcs: start,
    endArcs: end,
  };
}
