/**
 * Two conveniences over the batch {@link SubtreeHandler} contract: a scalar (one object,
 * instance `.0`, read by a function and written by another) and a general per-varbind
 * provider (get, getNext and the four set phases, each for one varbind, sync or async).
 * Generated MIB stubs and hand-written code can use either; both become ordinary
 * registry entries.
 */
import { ErrorStatus } from '../pdu/error-status.js';
import { Oid } from '../smi/oid.js';
import type { SmiType, SmiValueMap, VarBind } from '../smi/types.js';
import { checkValue } from '../smi/values.js';
import type { HandlerItem, HandlerReturn, RequestContext, SubtreeHandler } from './handler.js';

/** True for a promise-like value (typed for the value it resolves to). */
function isThenable<T>(v: T | PromiseLike<T>): v is PromiseLike<T> {
  return v !== undefined && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Runs `fn` on every item; a promise when any call answered with one. */
function each(items: readonly HandlerItem[], fn: (it: HandlerItem) => unknown): HandlerReturn {
  let promises: PromiseLike<unknown>[] | undefined;
  for (const it of items) {
    const r = fn(it);
    if (isThenable(r)) (promises ??= []).push(r);
  }
  return promises === undefined ? undefined : Promise.all(promises).then(() => undefined);
}

/** Options of {@link scalarHandler}. */
export interface ScalarOptions<K extends SmiType> {
  /** The value type. */
  readonly type: K;
  /** Reads the value (sync or async). */
  readonly get: (context: RequestContext) => SmiValueMap[K] | PromiseLike<SmiValueMap[K]>;
  /** Writes a value (sync or async); without it the scalar is read-only. Return an ErrorStatus to fail the commit. */
  readonly set?: (value: SmiValueMap[K], context: RequestContext) => void | number | PromiseLike<void | number>;
  /** Checks a new value before any is written: an ErrorStatus (wrongValue...) or 0. Default accepts any value of the type. */
  readonly validate?: (value: SmiValueMap[K]) => number;
}

/**
 * A scalar object served by functions: register it at the object's OID; its instance is `.0`.
 *
 * ```ts
 * agent.registry.register('1.3.6.1.4.1.32473.9.1', scalarHandler('1.3.6.1.4.1.32473.9.1', {
 *   type: 'Gauge32', get: () => os.loadavg()[0]! * 100 >>> 0,
 * }));
 * ```
 */
export function scalarHandler<K extends SmiType>(object: Oid | string, options: ScalarOptions<K>): SubtreeHandler {
  const instance = Oid.of(object).child(0);
  const old = new Map<HandlerItem, SmiValueMap[K]>();
  const answer = (it: HandlerItem, v: SmiValueMap[K]): void => {
    it.result = { oid: instance, type: options.type, value: v } as VarBind;
  };
  const read = (it: HandlerItem, ctx: RequestContext): unknown => {
    const v = options.get(ctx);
    if (isThenable(v)) return Promise.resolve(v).then((x) => answer(it, x));
    answer(it, v);
    return undefined;
  };
  const handler: SubtreeHandler = {
    get(items, ctx) {
      return each(items, (it) => {
        if (!it.oid.equals(instance)) {
          it.result = { oid: it.oid, type: 'NoSuchInstance', value: null };
          return undefined;
        }
        return read(it, ctx);
      });
    },
    getNext(items, ctx) {
      return each(items, (it) => {
        const c = instance.compare(it.oid);
        if (c < 0 || (c === 0 && !it.include) || (it.end !== undefined && instance.compare(it.end) >= 0)) return undefined;
        return read(it, ctx);
      });
    },
  };
  const set = options.set;
  if (set === undefined) return handler;
  handler.testSet = (items) => {
    for (const it of items) {
      const v = it.value!;
      if (!it.oid.equals(instance)) it.status = ErrorStatus.noCreation;
      else if (v.type !== options.type) it.status = ErrorStatus.wrongType;
      else {
        try {
          checkValue(options.type, v.value);
          it.status = options.validate?.(v.value as SmiValueMap[K]) ?? 0;
        } catch {
          it.status = ErrorStatus.wrongValue;
        }
      }
    }
  };
  const write = (it: HandlerItem, v: SmiValueMap[K], ctx: RequestContext, failure: number): unknown => {
    const r = set(v, ctx);
    const check = (s: void | number): void => {
      if (typeof s === 'number' && s !== 0) it.status = failure;
    };
    return isThenable(r) ? Promise.resolve(r).then(check, () => void (it.status = failure)) : check(r);
  };
  handler.commitSet = (items, ctx) =>
    each(items, (it) => {
      const prev = options.get(ctx);
      const apply = (p: SmiValueMap[K]): unknown => {
        old.set(it, p);
        return write(it, it.value!.value as SmiValueMap[K], ctx, ErrorStatus.commitFailed);
      };
      return isThenable(prev) ? Promise.resolve(prev).then(apply) : apply(prev);
    });
  handler.undoSet = (items, ctx) =>
    each(items, (it) => {
      if (!old.has(it)) return undefined;
      return write(it, old.get(it)!, ctx, ErrorStatus.undoFailed);
    });
  handler.cleanupSet = (items) => {
    for (const it of items) old.delete(it);
  };
  return handler;
}

/** A per-varbind provider: the general handler, one varbind at a time. Every method may be async. */
export interface VarBindProvider {
  /** The value of `oid`, or undefined (noSuchObject), or a NoSuchInstance varbind. */
  get(oid: Oid, context: RequestContext): VarBind | undefined | PromiseLike<VarBind | undefined>;
  /** The first varbind after `oid` (or at it when `include`) and before `end`, or undefined. */
  getNext(oid: Oid, include: boolean, end: Oid | undefined, context: RequestContext): VarBind | undefined | PromiseLike<VarBind | undefined>;
  /** Checks a new value: an ErrorStatus or 0. Without it the subtree is not writable. */
  test?(vb: VarBind, context: RequestContext): number | PromiseLike<number>;
  /** Applies a value: an ErrorStatus (commitFailed) or 0. */
  commit?(vb: VarBind, context: RequestContext): number | void | PromiseLike<number | void>;
  /** Reverts a committed value: an ErrorStatus (undoFailed) or 0. */
  undo?(vb: VarBind, context: RequestContext): number | void | PromiseLike<number | void>;
  /** Forgets whatever test reserved. */
  cleanup?(vb: VarBind, context: RequestContext): void | PromiseLike<void>;
}

/**
 * A subtree handler that calls a per-varbind provider for each varbind of a batch.
 *
 * ```ts
 * agent.registry.register('1.3.6.1.4.1.32473.8', providerHandler({
 *   get: (oid) => lookup(oid),
 *   getNext: (oid, include, end) => lookupNext(oid, include, end),
 * }));
 * ```
 */
export function providerHandler(provider: VarBindProvider): SubtreeHandler {
  const status = (it: HandlerItem, failure: number) => (s: unknown): void => {
    if (typeof s === 'number' && s !== 0) it.status = s === failure || failure === 0 ? s : failure;
  };
  const then = (r: unknown, f: (v: unknown) => void): unknown => (isThenable(r) ? Promise.resolve(r).then(f) : f(r));
  const handler: SubtreeHandler = {
    get: (items, ctx) => each(items, (it) => then(provider.get(it.oid, ctx), (v) => void (it.result = v as VarBind | undefined))),
    getNext: (items, ctx) => each(items, (it) => then(provider.getNext(it.oid, it.include, it.end, ctx), (v) => void (it.result = v as VarBind | undefined))),
  };
  const test = provider.test;
  if (test === undefined) return handler;
  handler.testSet = (items, ctx) => each(items, (it) => then(test(it.value!, ctx), status(it, 0)));
  handler.commitSet = (items, ctx) => each(items, (it) => then(provider.commit?.(it.value!, ctx), status(it, ErrorStatus.commitFailed)));
  handler.undoSet = (items, ctx) => each(items, (it) => then(provider.undo?.(it.value!, ctx), status(it, ErrorStatus.undoFailed)));
  handler.cleanupSet = (items, ctx) => each(items, (it) => provider.cleanup?.(it.value!, ctx));
  return handler;
}
