/**
 * What the TypeScript generator needs to know about a module, worked out once: its
 * definitions with identifiers safe in TypeScript, the value type of each scalar and
 * column, the enumerations and named bits they use, and its tables with their columns and
 * index parts (RFC 2578 §7.7).
 */
import { InvalidArgumentError } from '../errors.js';
import type { SmiType } from '../smi/types.js';
import { indexSpec } from './index-codec.js';
import type { IndexPartKind } from './index-codec.js';
import type { MibModule, MibNamedNumber, MibObject, MibRange } from './model.js';
import type { MibStore } from './store.js';
import { objectSyntax } from './syntax-info.js';

/** Words a generated identifier must not be. */
const RESERVED: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments', 'eval', 'undefined',
  'NaN', 'Infinity', 'Oid', 'Object', 'Array', 'Map', 'Set', 'String', 'Number', 'Symbol', 'Error', 'Promise',
]);

/** A descriptor or type name as a TypeScript identifier (`mib-2` → `mib_2`). */
export function tsName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_$]/g, '_');
  const id = /^[0-9]/.test(s) ? `_${s}` : s;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** A name with its first letter in upper case (for types made from descriptors). */
export function pascal(name: string): string {
  const s = tsName(name);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A module name as a file name: `CHESS-MIB` → `chess-mib`. */
export function fileBase(module: string): string {
  return module.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A module name as an identifier part: `CHESS-MIB` → `ChessMib`. */
export function moduleIdent(module: string): string {
  return module
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase())
    .join('');
}

/** An enumeration or named bits, generated once per module. */
export interface GenEnum {
  /** The TypeScript name of the const object (and, for enumerations, of the value type). */
  readonly ident: string;
  /** Where it comes from: a TC name or an object's own SYNTAX. */
  readonly source: string;
  readonly bits: boolean;
  readonly values: readonly MibNamedNumber[];
}

/** A scalar or column. */
export interface GenValue {
  readonly object: MibObject;
  readonly ident: string;
  /** The SMI type on the wire. */
  readonly smiType: SmiType;
  /** The TypeScript type of its value. */
  readonly tsType: string;
  /** The enumeration or bits it uses. */
  readonly enumeration: GenEnum | undefined;
  readonly ranges: readonly MibRange[] | undefined;
  readonly sizes: readonly MibRange[] | undefined;
  readonly displayHint: string | undefined;
  /** The type names down the chain of TCs (`DisplayString`). */
  readonly chain: readonly string[];
}

/** One part of a table's index. */
export interface GenIndexPart {
  readonly name: string;
  readonly ident: string;
  readonly kind: IndexPartKind;
  readonly implied: boolean;
  readonly size: number | undefined;
  readonly tsType: string;
  /** The index object's value ranges (integers) and SIZE (strings), from its SYNTAX. */
  readonly ranges: readonly MibRange[] | undefined;
  readonly sizes: readonly MibRange[] | undefined;
}

/** A table with its row, columns and index. */
export interface GenTable {
  readonly table: MibObject;
  readonly row: MibObject;
  /** The identifier of the row's OID constant. */
  readonly rowIdent: string;
  readonly rowType: string;
  readonly columns: readonly (GenValue & { readonly id: number })[];
  /** Undefined when the index cannot be resolved (the reason is in `indexProblem`). */
  readonly index: readonly GenIndexPart[] | undefined;
  readonly indexProblem: string | undefined;
}

/** The generator's view of a module. */
export interface GenModule {
  readonly module: MibModule;
  readonly ident: string;
  /** Every definition with an OID, in source order, with its identifier. */
  readonly definitions: readonly { readonly object: MibObject; readonly ident: string }[];
  readonly scalars: readonly GenValue[];
  readonly tables: readonly GenTable[];
  readonly enums: readonly GenEnum[];
}

const TS_TYPES: Readonly<Record<string, string>> = {
  Integer32: 'number',
  Counter32: 'number',
  Gauge32: 'number',
  TimeTicks: 'number',
  UInteger32: 'number',
  Counter64: 'bigint',
  OctetString: 'Uint8Array',
  Opaque: 'Uint8Array',
  NsapAddress: 'Uint8Array',
  BitString: 'Uint8Array',
  IpAddress: 'string',
  ObjectIdentifier: 'Oid',
};

const INDEX_TS_TYPES: Readonly<Record<IndexPartKind, string>> = {
  integer: 'number',
  string: 'Uint8Array',
  fixedString: 'Uint8Array',
  oid: 'Oid',
  ipAddress: 'string',
  networkAddress: 'string',
};

/**
 * Works out the generator's view of a loaded module.
 * @throws InvalidArgumentError when the module is not loaded.
 */
export function genModule(store: MibStore, name: string): GenModule {
  const module = store.module(name);
  if (module === undefined) throw new InvalidArgumentError(`module ${name} is not loaded`);
  // Names the generated files use themselves.
  const used = new Set<string>(['MODULE', 'definitions', 'rowsOf', 'named', 'oneOf', 'inRanges', 'ofSize', 'scalar', 'mib', 'decodeIndex', 'encodeIndex', 'IndexSyntax', 'VarBind', 'ErrorStatus', 'TableHandler', 'scalarHandler', 'ScalarGet', 'ScalarGetSet']);
  const unique = (base: string): string => {
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    return id;
  };
  const definitions = module.objects.map((object) => ({ object, ident: unique(tsName(object.name)) }));
  const identOf = new Map(definitions.map((d) => [d.object, d.ident]));
  const enums: GenEnum[] = [];
  const enumKeys = new Map<string, GenEnum>();
  const valueOf = (o: MibObject): GenValue | undefined => {
    const s = objectSyntax(store, o);
    if (s === undefined) return undefined;
    let enumeration: GenEnum | undefined;
    if (s.enums !== undefined && s.enums.length > 0) {
      // The enumeration's home: the object's own SYNTAX, else the nearest TC that lists it.
      const own = o.syntax?.enums !== undefined;
      const source = own ? o.name : (s.chain.find((t) => store.type(t)?.syntax.enums !== undefined) ?? s.chain[0] ?? o.name);
      const key = own ? `object:${o.module}:${o.name}` : `type:${source}`;
      enumeration = enumKeys.get(key);
      if (enumeration === undefined) {
        enumeration = { ident: unique(pascal(source)), source, bits: s.base === 'Bits', values: s.enums };
        enumKeys.set(key, enumeration);
        enums.push(enumeration);
      }
    }
    let tsType = TS_TYPES[s.smiType] ?? 'unknown';
    if (enumeration !== undefined && !enumeration.bits) tsType = enumeration.ident;
    return { object: o, ident: identOf.get(o) ?? tsName(o.name), smiType: s.smiType, tsType, enumeration, ranges: s.ranges, sizes: s.sizes, displayHint: s.displayHint, chain: s.chain };
  };
  const scalars: GenValue[] = [];
  for (const d of definitions) {
    if (d.object.kind !== 'scalar') continue;
    const v = valueOf(d.object);
    if (v !== undefined) scalars.push(v);
  }
  const tables: GenTable[] = [];
  for (const d of definitions) {
    if (d.object.kind !== 'table') continue;
    const table = d.object;
    const row = module.objects.find((o) => o.kind === 'row' && o.oid.parent().equals(table.oid));
    if (row === undefined) continue;
    const columns: (GenValue & { id: number })[] = [];
    for (const o of module.objects) {
      if (o.kind !== 'column' || !o.oid.parent().equals(row.oid)) continue;
      const v = valueOf(o);
      if (v !== undefined) columns.push({ ...v, id: o.oid.at(-1)! });
    }
    let index: GenIndexPart[] | undefined;
    let indexProblem: string | undefined;
    try {
      index = indexSpec(store, row).parts.map((p) => {
        const s = p.object === undefined ? undefined : objectSyntax(store, p.object);
        return { name: p.name, ident: tsName(p.name), kind: p.kind, implied: p.implied, size: p.size, tsType: INDEX_TS_TYPES[p.kind], ranges: s?.ranges, sizes: s?.sizes };
      });
    } catch (e) {
      indexProblem = e instanceof Error ? e.message : String(e);
    }
    tables.push({ table, row, rowIdent: identOf.get(row) ?? tsName(row.name), rowType: unique(pascal(row.name)), columns, index, indexProblem });
  }
  return { module, ident: moduleIdent(module.name), definitions, scalars, tables, enums };
}
