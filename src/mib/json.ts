/**
 * The JSON form of a compiled module: what the cache stores and what `moduleToJson`
 * gives users. OIDs are dotted strings, range bounds decimal strings (they can exceed
 * 2^53); the long texts (DESCRIPTION, REFERENCE) can be kept out of line in a text
 * block and referred to by offset, which keeps parsing the JSON fast.
 */
import { InvalidArgumentError } from '../errors.js';
import { Oid } from '../smi/oid.js';
import type { SmiType } from '../smi/types.js';
import type { MibDiagnostic } from './diagnostics.js';
import { makeModule } from './model.js';
import type { MibBaseType, MibDefval, MibKind, MibModule, MibNamedNumber, MibObject, MibRange, MibSyntax, MibTypeDef } from './model.js';

/** JSON of a syntax. */
export interface MibSyntaxJson {
  type: string;
  typeModule?: string;
  base: MibBaseType;
  smiType: SmiType;
  enums?: [string, number][];
  ranges?: [string, string][];
  sizes?: [string, string][];
}

/** A long text: inline, or `[offset, length]` into the module's text block. */
export type TextJson = string | [number, number];

/** JSON of a definition. */
export interface MibObjectJson {
  name: string;
  oid: string;
  kind: MibKind;
  macro: string;
  syntax?: MibSyntaxJson;
  access?: string;
  status?: string;
  description?: TextJson;
  reference?: TextJson;
  units?: string;
  index?: [string, boolean][];
  augments?: string;
  defval?: MibDefval;
  objects?: string[];
  enterprise?: string;
  line: number;
  column: number;
}

/** JSON of a type. */
export interface MibTypeJson {
  name: string;
  kind: MibTypeDef['kind'];
  syntax: MibSyntaxJson;
  parent?: string;
  status?: string;
  displayHint?: string;
  description?: TextJson;
  reference?: TextJson;
  members?: [string, string][];
  line: number;
  column: number;
}

/** JSON of a compiled module. */
export interface MibModuleJson {
  name: string;
  file: string;
  language: MibModule['language'];
  imports: { module: string; names: string[] }[];
  identity?: string;
  lastUpdated?: string;
  objects: MibObjectJson[];
  types: MibTypeJson[];
  macros: string[];
  anonymous: string[];
  implicit: { name: string; oid: string }[];
  references: string[];
  diagnostics: MibDiagnostic[];
}

/** Collects long texts into one block (for the cache). */
export class TextBlock {
  readonly #parts: string[] = [];
  #length = 0;

  /** Adds a text; returns its `[offset, length]`. */
  add(text: string): [number, number] {
    const at = this.#length;
    this.#parts.push(text);
    this.#length += text.length;
    return [at, text.length];
  }

  /** The block. */
  toString(): string {
    return this.#parts.join('');
  }
}

function syntaxJson(s: MibSyntax): MibSyntaxJson {
  const j: MibSyntaxJson = { type: s.type, base: s.base, smiType: s.smiType };
  if (s.typeModule !== undefined) j.typeModule = s.typeModule;
  if (s.enums !== undefined) j.enums = s.enums.map((e) => [e.name, e.value]);
  if (s.ranges !== undefined) j.ranges = s.ranges.map((r) => [r.min.toString(), r.max.toString()]);
  if (s.sizes !== undefined) j.sizes = s.sizes.map((r) => [r.min.toString(), r.max.toString()]);
  return j;
}

function text(t: string, block: TextBlock | undefined): TextJson {
  return block === undefined || t.length < 40 ? t : block.add(t);
}

/**
 * The JSON form of one definition.
 * @param block when given, long texts go there and the JSON holds their offsets.
 * @param withOid false to leave the OID out (`oid` is then empty). Default true.
 */
export function objectToJson(o: MibObject, block?: TextBlock, withOid = true): MibObjectJson {
  const j: MibObjectJson = { name: o.name, oid: withOid ? o.oid.toString() : '', kind: o.kind, macro: o.macro, line: o.line, column: o.column };
  if (o.syntax !== undefined) j.syntax = syntaxJson(o.syntax);
  if (o.access !== undefined) j.access = o.access;
  if (o.status !== undefined) j.status = o.status;
  if (o.description !== undefined) j.description = text(o.description, block);
  if (o.reference !== undefined) j.reference = text(o.reference, block);
  if (o.units !== undefined) j.units = o.units;
  if (o.index !== undefined) j.index = o.index.map((i) => [i.name, i.implied]);
  if (o.augments !== undefined) j.augments = o.augments;
  if (o.defval !== undefined) j.defval = o.defval;
  if (o.objects !== undefined) j.objects = [...o.objects];
  if (o.enterprise !== undefined) j.enterprise = o.enterprise;
  return j;
}

/**
 * The JSON form of one type.
 * @param block when given, long texts go there and the JSON holds their offsets.
 */
export function typeToJson(t: MibTypeDef, block?: TextBlock): MibTypeJson {
  const j: MibTypeJson = { name: t.name, kind: t.kind, syntax: syntaxJson(t.syntax), line: t.line, column: t.column };
  if (t.parent !== undefined) j.parent = t.parent;
  if (t.status !== undefined) j.status = t.status;
  if (t.displayHint !== undefined) j.displayHint = t.displayHint;
  if (t.description !== undefined) j.description = text(t.description, block);
  if (t.reference !== undefined) j.reference = text(t.reference, block);
  if (t.members !== undefined) j.members = t.members.map((x) => [x.name, x.type]);
  return j;
}

/**
 * The JSON form of a compiled module.
 * @param block when given, long texts go there and the JSON holds their offsets.
 */
export function moduleToJson(m: MibModule, block?: TextBlock): MibModuleJson {
  const j: MibModuleJson = {
    name: m.name,
    file: m.file,
    language: m.language,
    imports: m.imports.map((i) => ({ module: i.module, names: [...i.names] })),
    objects: m.objects.map((o) => objectToJson(o, block)),
    types: m.types.map((t) => typeToJson(t, block)),
    macros: [...m.macros],
    anonymous: [...m.anonymous],
    implicit: m.implicit.map((x) => ({ name: x.name, oid: x.oid })),
    references: [...m.references],
    diagnostics: [...m.diagnostics],
  };
  if (m.identity !== undefined) j.identity = m.identity;
  if (m.lastUpdated !== undefined) j.lastUpdated = m.lastUpdated;
  return j;
}

function ranges(list: [string, string][] | undefined): MibRange[] | undefined {
  return list?.map(([a, b]) => ({ min: BigInt(a), max: BigInt(b) }));
}

function syntaxFromJson(j: MibSyntaxJson): MibSyntax {
  return {
    type: j.type,
    typeModule: j.typeModule,
    base: j.base,
    smiType: j.smiType,
    enums: j.enums?.map(([name, value]): MibNamedNumber => ({ name, value })),
    ranges: ranges(j.ranges),
    sizes: ranges(j.sizes),
  };
}

function textFrom(t: TextJson | undefined, block: string | undefined): string | undefined {
  if (t === undefined || typeof t === 'string') return t;
  if (block === undefined) throw new InvalidArgumentError('module JSON refers to a text block that was not given');
  return block.slice(t[0], t[0] + t[1]);
}

/**
 * Rebuilds one definition from its JSON form.
 * @param oid its OID (when the JSON was written without it).
 * @param block the text block when the JSON was written with one.
 */
export function objectFromJson(o: MibObjectJson, module: string, oid: Oid | undefined, block?: string): MibObject {
  return {
    name: o.name,
    module,
    oid: oid ?? Oid.parse(o.oid),
    kind: o.kind,
    macro: o.macro,
    syntax: o.syntax === undefined ? undefined : syntaxFromJson(o.syntax),
    access: o.access as MibObject['access'],
    status: o.status as MibObject['status'],
    description: textFrom(o.description, block),
    reference: textFrom(o.reference, block),
    units: o.units,
    index: o.index?.map(([name, implied]) => ({ name, implied })),
    augments: o.augments,
    defval: o.defval,
    objects: o.objects,
    enterprise: o.enterprise,
    line: o.line,
    column: o.column,
  };
}

/**
 * Rebuilds one type from its JSON form.
 * @param block the text block when the JSON was written with one.
 */
export function typeFromJson(t: MibTypeJson, module: string, block?: string): MibTypeDef {
  return {
    name: t.name,
    module,
    kind: t.kind,
    syntax: syntaxFromJson(t.syntax),
    parent: t.parent,
    status: t.status as MibTypeDef['status'],
    displayHint: t.displayHint,
    description: textFrom(t.description, block),
    reference: textFrom(t.reference, block),
    members: t.members?.map(([name, type]) => ({ name, type })),
    line: t.line,
    column: t.column,
  };
}

/**
 * Rebuilds a compiled module from its JSON form.
 * @param block the text block when the JSON was written with one.
 * @throws InvalidArgumentError when the JSON is not a module or an OID is invalid.
 */
export function moduleFromJson(j: MibModuleJson, block?: string): MibModule {
  if (typeof j !== 'object' || j === null || typeof j.name !== 'string' || !Array.isArray(j.objects) || !Array.isArray(j.types)) {
    throw new InvalidArgumentError('not the JSON form of a MIB module');
  }
  const module = j.name;
  return makeModule({
    name: module,
    file: j.file,
    language: j.language,
    imports: j.imports,
    identity: j.identity,
    lastUpdated: j.lastUpdated,
    objects: j.objects.map((o) => objectFromJson(o, module, undefined, block)),
    types: j.types.map((t) => typeFromJson(t, module, block)),
    macros: j.macros,
    anonymous: j.anonymous,
    implicit: j.implicit,
    references: j.references ?? [],
    diagnostics: j.diagnostics,
  });
}
