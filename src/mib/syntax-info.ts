/**
 * The effective constraints of a SYNTAX: what it writes itself, else what the types it
 * names define, down the chain of textual conventions (RFC 2579 §3: a refinement of a TC
 * keeps the TC's constraints unless it restates them).
 */
import type { MibBaseType, MibNamedNumber, MibObject, MibRange, MibSyntax, MibTypeDef } from './model.js';
import type { MibStore } from './store.js';
import type { SmiType } from '../smi/types.js';

/** A syntax with its constraints resolved through the types it names. */
export interface EffectiveSyntax {
  /** The wire type. */
  readonly smiType: SmiType;
  /** The base type class. */
  readonly base: MibBaseType;
  /** The types named on the way, nearest first (e.g. `['DisplayString']`). */
  readonly chain: readonly string[];
  /** The nearest enumeration or named bits. */
  readonly enums: readonly MibNamedNumber[] | undefined;
  /** The nearest value ranges. */
  readonly ranges: readonly MibRange[] | undefined;
  /** The nearest SIZE ranges. */
  readonly sizes: readonly MibRange[] | undefined;
  /** The nearest DISPLAY-HINT. */
  readonly displayHint: string | undefined;
  /** The nearest UNITS (of the object). */
  readonly units: string | undefined;
}

const cache = new WeakMap<MibSyntax, EffectiveSyntax>();

/** Resolves a syntax written in `module`. */
export function effectiveSyntax(store: MibStore, s: MibSyntax, module: string, units?: string): EffectiveSyntax {
  const hit = units === undefined ? cache.get(s) : undefined;
  if (hit !== undefined) return hit;
  let enums = s.enums;
  let ranges = s.ranges;
  let sizes = s.sizes;
  let displayHint: string | undefined;
  const chain: string[] = [];
  let t: MibTypeDef | undefined = s.typeModule !== undefined ? store.type(s.type, s.typeModule) : undefined;
  for (let depth = 0; t !== undefined && depth < 32; depth++) {
    chain.push(t.name);
    enums ??= t.syntax.enums;
    ranges ??= t.syntax.ranges;
    sizes ??= t.syntax.sizes;
    displayHint ??= t.displayHint;
    const ts = t.syntax;
    if (ts.typeModule === undefined || (ts.type === t.name && ts.typeModule === t.module)) break;
    t = store.type(ts.type, ts.typeModule);
  }
  const r: EffectiveSyntax = { smiType: s.smiType, base: s.base, chain, enums, ranges, sizes, displayHint, units };
  if (units === undefined) cache.set(s, r);
  return r;
}

/** The effective syntax of a scalar or column, undefined for other kinds. */
export function objectSyntax(store: MibStore, o: MibObject): EffectiveSyntax | undefined {
  if (o.syntax === undefined) return undefined;
  return effectiveSyntax(store, o.syntax, o.module, o.units);
}
