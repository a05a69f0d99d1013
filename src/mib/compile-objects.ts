/**
 * What the compiler makes of single definitions: a column test (RFC 2578 §7.1.12: a
 * column's OID is under its row's), the shared OID prefixes the tree links by, and the
 * MibObjects of a module's definitions, made on first use.
 */
import type { Oid } from '../smi/oid.js';
import type { DefAst, SyntaxAst } from './ast.js';
import { INTRINSIC_TYPES, makeSyntax } from './compile-types.js';
import type { MibAccess, MibKind, MibObject, MibStatus, MibSyntax, MibTypeDef } from './model.js';
import { KIND_CODES } from './stored-module.js';
import type { ModuleBody, StoredModule } from './stored-module.js';

// Kind codes (positions in KIND_CODES).
const K_SCALAR = 3;
const K_COLUMN = 6;

/**
 * The row of an OBJECT-TYPE whose OID is written `{ row n }` (the usual way to write a
 * column, RFC 2578 §7.1.12), or undefined when its OID is written otherwise.
 */
export function columnRowName(d: DefAst): string | undefined {
  const comps = d.oid?.components;
  if (comps !== undefined && comps.length === 2 && comps[0]!.name !== undefined && comps[0]!.number === undefined && comps[1]!.name === undefined) return comps[0]!.name;
  return undefined;
}

/** A definition from its syntax tree and what the compiler resolved. */
export function objectOf(d: DefAst, module: string, oid: Oid, kind: MibKind, syntax: MibSyntax | undefined): MibObject {
  return {
    name: d.name,
    module,
    oid,
    kind,
    macro: d.macro,
    syntax,
    access: d.access as MibAccess | undefined,
    status: d.status as MibStatus | undefined,
    description: d.description,
    reference: d.reference,
    units: d.units,
    index: d.index?.map((i) => ({ name: i.name, implied: i.implied })),
    augments: d.augments,
    defval: d.defval === undefined ? undefined : { kind: d.defval.kind, value: d.defval.value, text: d.defval.text },
    objects: d.objects,
    enterprise: d.enterprise,
    line: d.line,
    column: d.column,
  };
}


/** A SYNTAX as written, with the type its name resolved to. */
export function syntaxOf(s: SyntaxAst, t: MibTypeDef | undefined): MibSyntax {
  if (s.kind !== 'named') return makeSyntax(s, undefined);
  if (t === undefined) return makeSyntax(s, undefined, INTRINSIC_TYPES.get(s.name));
  return makeSyntax(s, t);
}

/** For each definition, how many leading arcs it shares with the one before it (at most 255). */
export function sharedPrefixes(arcs: Uint32Array, ends: Uint32Array): Uint8Array {
  const n = ends.length;
  const shared = new Uint8Array(n);
  for (let i = 1; i < n; i++) {
    const a = i >= 2 ? ends[i - 2]! : 0;
    const b = ends[i - 1]!;
    const limit = Math.min(b - a, ends[i]! - b, 255);
    let p = 0;
    while (p < limit && arcs[a + p] === arcs[b + p]) p++;
    shared[i] = p;
  }
  return shared;
}

/** The definitions of a module, made on first use from its kept syntax trees. */
export function keptBody(module: string, defs: readonly DefAst[], keptDefs: Int32Array, kinds: Uint8Array, keptTypes: readonly (MibTypeDef | undefined)[], types: readonly MibTypeDef[]): (m: StoredModule) => ModuleBody {
  // Only the kept definitions, without what loading has used up.
  const kept: DefAst[] = new Array<DefAst>(keptDefs.length);
  for (let i = 0; i < keptDefs.length; i++) {
    const d = defs[keptDefs[i]!]!;
    d.oid = undefined;
    d.compliance = undefined;
    d.supports = undefined;
    d.revisions = undefined;
    kept[i] = d;
  }
  return (m) => makeBody(module, kept, (i) => i, m, kinds, keptTypes, types);
}

/** The definitions of a module, made on first use from its text parsed again. */
export function laterBody(module: string, fullDefs: () => readonly DefAst[], keptDefs: Int32Array, kinds: Uint8Array, keptTypes: readonly (MibTypeDef | undefined)[], types: readonly MibTypeDef[]): (m: StoredModule) => ModuleBody {
  return (m) => makeBody(module, fullDefs(), (i) => keptDefs[i]!, m, kinds, keptTypes, types);
}

function makeBody(module: string, defs: readonly DefAst[], defOf: (i: number) => number, m: StoredModule, kinds: Uint8Array, keptTypes: readonly (MibTypeDef | undefined)[], types: readonly MibTypeDef[]): ModuleBody {
  const n = kinds.length;
  const objects: MibObject[] = new Array<MibObject>(n);
  for (let i = 0; i < n; i++) {
    const d = defs[defOf(i)]!;
    const k = kinds[i]!;
    const kind: MibKind = KIND_CODES[k] ?? 'node';
    const syntax = d.syntax !== undefined && (k === K_SCALAR || k === K_COLUMN) ? syntaxOf(d.syntax, keptTypes[i]) : undefined;
    objects[i] = objectOf(d, module, m.oidAt(i), kind, syntax);
  }
  return { objects, types };
}
