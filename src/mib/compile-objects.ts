/**
 * What the compiler makes of single definitions: a column test (RFC 2578 §7.1.12: a
 * column's OID is under its row's) and the MibObject of a definition, made on first use.
 */
import type { Oid } from '../smi/oid.js';
import type { DefAst, SyntaxAst } from './ast.js';
import { INTRINSIC_TYPES, makeSyntax } from './compile-types.js';
import type { MibAccess, MibKind, MibObject, MibStatus, MibSyntax, MibTypeDef } from './model.js';

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
