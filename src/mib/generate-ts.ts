/**
 * The TypeScript generator, definitions part: for a compiled module, a file with one Oid
 * constant per definition, the enumerations as const objects and typed unions, each
 * definition's kind, SMI type, access and status, the value type of every scalar and
 * column, and for each table a typed row, its columns and an index codec (RFC 2578 §7.7)
 * — what a manager needs to read a table as typed rows, and what the agent part builds on.
 */
import type { MibRange } from './model.js';
import type { MibStore } from './store.js';
import { genModule } from './generate-model.js';
import type { GenIndexPart, GenModule, GenTable, GenValue } from './generate-model.js';

/** Options of the TypeScript generator. */
export interface GenerateOptions {
  /** The module specifier generated code imports tsnmp from. Default `'tsnmp'`. */
  readonly importFrom?: string;
}

/** A JavaScript string literal, in single quotes. */
export function lit(s: string): string {
  return `'${JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A TSDoc comment from text (closing sequences defused), indented. */
export function doc(text: string, indent = ''): string {
  const lines = text.replace(/\*\//g, '*\\/').split('\n').map((l) => l.trimEnd());
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l === '' ? '' : ` ${l}`}`).join('\n')}\n${indent} */\n`;
}

/** A number or, beyond 2^53, a bigint literal. */
function num(v: bigint): string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? String(v) : `${v}n`;
}

function ranges(list: readonly MibRange[]): string {
  return `[${list.map((r) => `[${num(r.min)}, ${num(r.max)}]`).join(', ')}]`;
}

/** The first sentence-ish line of a DESCRIPTION, for comments. */
export function summary(text: string | undefined): string {
  if (text === undefined) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.search(/\.\s/);
  const s = cut > 0 && cut < 200 ? flat.slice(0, cut + 1) : flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
  return s;
}

/** Ranges as an IndexRanges literal, clipped to 0..2^32-1; undefined when they do not restrict that. */
function indexRanges(list: readonly MibRange[] | undefined): string | undefined {
  if (list === undefined || list.length === 0) return undefined;
  const out: string[] = [];
  for (const r of list) {
    const lo = r.min < 0n ? 0n : r.min;
    const hi = r.max > 0xffffffffn ? 0xffffffffn : r.max;
    if (lo <= hi) out.push(`[${lo}, ${hi}]`);
  }
  if (out.length === 0 || (out.length === 1 && out[0] === '[0, 4294967295]')) return undefined;
  return `[${out.join(', ')}]`;
}

/** The tsnmp IndexSyntax of an index part; undefined for what the agent's codec cannot take. */
export function indexSyntax(p: GenIndexPart): string | undefined {
  switch (p.kind) {
    case 'integer': {
      // An index arc is 0..2^32-1 (RFC 2578 §7.7): the SYNTAX's ranges clipped to it.
      const r = indexRanges(p.ranges);
      return r === undefined ? `{ type: 'Integer' }` : `{ type: 'Integer', range: ${r} }`;
    }
    case 'fixedString':
      return `{ type: 'OctetString', fixedLength: ${p.size} }`;
    case 'string': {
      const r = indexRanges(p.sizes);
      return `{ type: 'OctetString'${p.implied ? ', implied: true' : ''}${r === undefined ? '' : `, size: ${r}`} }`;
    }
    case 'oid':
      return p.implied ? `{ type: 'ObjectIdentifier', implied: true }` : `{ type: 'ObjectIdentifier' }`;
    case 'ipAddress':
      return `{ type: 'IpAddress' }`;
    default:
      return undefined;
  }
}

/** Columns a row carries values of (not the not-accessible index columns). */
export function valueColumns(t: GenTable): GenTable['columns'] {
  return t.columns.filter((c) => c.object.access !== 'not-accessible');
}

/** The identifier of a table's index codec, index type and row parser. */
export function tableIdents(t: GenTable): { codec: string; index: string; columns: string; rows: string } {
  const base = t.rowType.charAt(0).toLowerCase() + t.rowType.slice(1);
  return { codec: `${base}Index`, index: `${t.rowType}Index`, columns: `${base}Columns`, rows: `${base}Rows` };
}

function definitionEntry(g: GenModule, d: GenModule['definitions'][number], values: ReadonlyMap<string, GenValue>): string {
  const o = d.object;
  const parts = [`oid: ${d.ident}`, `kind: ${lit(o.kind)}`];
  const v = values.get(o.name);
  if (v !== undefined) {
    parts.push(`smiType: ${lit(v.smiType)}`, `syntax: ${lit(o.syntax?.type ?? v.smiType)}`);
    if (v.enumeration !== undefined) parts.push(`${v.enumeration.bits ? 'bits' : 'enumeration'}: ${v.enumeration.ident}`);
    if (v.ranges !== undefined) parts.push(`ranges: ${ranges(v.ranges)}`);
    if (v.sizes !== undefined) parts.push(`sizes: ${ranges(v.sizes)}`);
    if (v.displayHint !== undefined) parts.push(`displayHint: ${lit(v.displayHint)}`);
  }
  if (o.access !== undefined) parts.push(`access: ${lit(o.access)}`);
  if (o.status !== undefined) parts.push(`status: ${lit(o.status)}`);
  if (o.units !== undefined) parts.push(`units: ${lit(o.units)}`);
  void g;
  return `  ${d.ident}: { ${parts.join(', ')} },\n`;
}

function tableSection(t: GenTable): string {
  const ids = tableIdents(t);
  const cols = valueColumns(t);
  let out = `\n${doc(`${t.table.name}: rows of ${t.row.name}${t.index === undefined ? '' : `, INDEX { ${t.index.map((p) => (p.implied ? `IMPLIED ${p.name}` : p.name)).join(', ')} }`}.`)}`;
  out += `export const ${ids.columns} = { ${t.columns.map((c) => `${c.ident}: ${c.id}`).join(', ')} } as const;\n\n`;
  if (t.index !== undefined) {
    out += doc(`The index of a ${t.row.name} (RFC 2578 §7.7).`);
    out += `export type ${ids.index} = readonly [${t.index.map((p) => `${p.ident}: ${p.tsType}`).join(', ')}];\n\n`;
  }
  out += doc(`A row of ${t.table.name}: its index and the values it has.`);
  out += `export interface ${t.rowType} {\n`;
  out += `  readonly index: ${t.index === undefined ? 'readonly unknown[]' : ids.index};\n`;
  for (const c of cols) out += `${doc(`${c.object.name} (${c.object.access ?? 'no access'})${c.object.units === undefined ? '' : `, in ${c.object.units}`}`, '  ')}  ${c.ident}?: ${c.tsType};\n`;
  out += `}\n`;
  const syntax = t.index?.map(indexSyntax);
  if (t.index === undefined || syntax === undefined || syntax.some((x) => x === undefined)) {
    out += `// No index codec for ${t.row.name}: ${t.indexProblem ?? 'its index has a NetworkAddress part'}.\n`;
    return out;
  }
  out += `\n${doc(`Encodes and decodes the index of a ${t.row.name}.`)}`;
  out += `export const ${ids.codec} = {\n`;
  out += `  syntax: [${syntax.join(', ')}] as const satisfies readonly IndexSyntax[],\n`;
  out += `  /** The arcs of an index (to append to a column's OID). @throws InvalidArgumentError when a value does not fit. */\n`;
  out += `  encode(index: ${ids.index}): number[] {\n    return encodeIndex(${ids.codec}.syntax, index);\n  },\n`;
  out += `  /** The index in arcs (from \`start\`, to the end); undefined when they do not hold one. */\n`;
  out += `  decode(arcs: ArrayLike<number>, start = 0): ${ids.index} | undefined {\n`;
  out += `    return decodeIndex(${ids.codec}.syntax, arcs, start) as ${ids.index} | undefined;\n  },\n};\n`;
  out += `\n${doc(`Rows of ${t.table.name} from the varbinds of a walk (rows in the order first seen; others ignored).`)}`;
  out += `export function ${ids.rows}(varbinds: Iterable<VarBind>): ${t.rowType}[] {\n`;
  out += `  return rowsOf<${t.rowType}>(${t.rowIdent}, { ${cols.map((c) => `${c.id}: ${lit(c.ident)}`).join(', ')} }, ${ids.codec}.decode, varbinds);\n}\n`;
  return out;
}

const ROWS_OF = `
/** Groups a walk's varbinds into rows by index (the generated \`...Rows\` functions). */
function rowsOf<R extends { readonly index: readonly unknown[] }>(
  entry: Oid,
  columns: Readonly<Record<number, string>>,
  decode: (arcs: ArrayLike<number>, start: number) => R['index'] | undefined,
  varbinds: Iterable<VarBind>,
): R[] {
  const rows = new Map<string, Record<string, unknown>>();
  const n = entry.length;
  for (const vb of varbinds) {
    if (!vb.oid.startsWith(entry) || vb.oid.length <= n + 1) continue;
    const arcs = vb.oid.toArray();
    const column = columns[arcs[n]!];
    if (column === undefined) continue;
    const index = decode(arcs, n + 1);
    if (index === undefined) continue;
    const key = arcs.slice(n + 1).join('.');
    let row = rows.get(key);
    if (row === undefined) rows.set(key, (row = { index }));
    row[column] = vb.value;
  }
  return [...rows.values()] as unknown as R[];
}
`;

/** The definitions file of a module (see the file comment). */
export function generateDefinitions(store: MibStore, module: string, options: GenerateOptions = {}): string {
  return definitionsText(genModule(store, module), options);
}

/** The definitions file from the generator's view of a module. */
export function definitionsText(g: GenModule, options: GenerateOptions = {}): string {
  const from = options.importFrom ?? 'tsnmp';
  const m = g.module;
  const values = new Map<string, GenValue>();
  for (const v of g.scalars) values.set(v.object.name, v);
  for (const t of g.tables) for (const c of t.columns) values.set(c.object.name, c);
  const hasCodec = g.tables.some((t) => t.index !== undefined && t.index.every((p) => indexSyntax(p) !== undefined));
  let out = doc(`${m.name}: definitions generated by tsnmp from ${m.file}.\nRegenerate rather than edit: the agent part and the handlers are the files to edit.`);
  out += hasCodec ? `import { Oid, decodeIndex, encodeIndex } from ${lit(from)};\nimport type { IndexSyntax, VarBind } from ${lit(from)};\n` : `import { Oid } from ${lit(from)};\n`;
  out += `\n/** The module these definitions come from. */\nexport const MODULE = ${lit(m.name)};\n`;
  out += `\n// OIDs, one per definition.\n`;
  for (const d of g.definitions) {
    const o = d.object;
    out += `\n${doc(`${o.name} (${o.macro}${o.kind !== 'node' ? `, ${o.kind}` : ''})${summary(o.description) === '' ? '' : `: ${summary(o.description)}`}`)}`;
    out += `export const ${d.ident}: Oid = Oid.parse(${lit(o.oid.toString())});\n`;
  }
  if (g.enums.length > 0) out += `\n// Enumerations (values) and named bits (bit positions).\n`;
  for (const e of g.enums) {
    const list = e.values.map((v) => `${v.name}(${v.value})`).join(', ');
    out += `\n${doc(`${e.source}: ${e.bits ? 'named bits' : 'enumeration'} ${list}.`)}`;
    out += `export const ${e.ident} = { ${e.values.map((v) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(v.name) ? v.name : lit(v.name)}: ${v.value}`).join(', ')} } as const;\n`;
    if (e.bits) out += `${doc(`A bit name of ${e.source}.`)}export type ${e.ident}Bit = keyof typeof ${e.ident};\n`;
    else out += `${doc(`A value of ${e.source}.`)}export type ${e.ident} = (typeof ${e.ident})[keyof typeof ${e.ident}];\n${doc(`A value name of ${e.source}.`)}export type ${e.ident}Name = keyof typeof ${e.ident};\n`;
  }
  out += `\n${doc(`The value type of each scalar and column of ${m.name}.`)}export interface ${g.ident}Values {\n`;
  for (const v of values.values()) out += `  ${v.ident}: ${v.tsType};\n`;
  out += `}\n`;
  out += `\n${doc(`Each definition of ${m.name}: OID, kind, SMI type and syntax, constraints, access, status.`)}`;
  out += `export const definitions = {\n`;
  for (const d of g.definitions) out += definitionEntry(g, d, values);
  out += `} as const;\n`;
  if (g.tables.length > 0) out += `\n// Tables.\n`;
  for (const t of g.tables) out += tableSection(t);
  if (hasCodec) out += ROWS_OF;
  return out;
}
