/**
 * The TypeScript generator, agent part (seed 004's subtree tables, made for tsnmp's agent):
 * for a module, typed handler interfaces for its scalars, a class per table holding typed
 * rows in the agent's TableHandler, and a function registering all of them in an agent's
 * registry; and a stub of the handlers, the file a user fills in. Values are checked
 * against the MIB (enumeration, range, SIZE) before a handler sees them: RFC 3416
 * §4.2.5's wrongValue and wrongLength.
 */
import type { MibRange } from './model.js';
import { fileBase } from './generate-model.js';
import type { GenModule, GenTable, GenValue } from './generate-model.js';
import { doc, indexSyntax, lit, summary, tableIdents, valueColumns } from './generate-ts.js';
import type { GenerateOptions } from './generate-ts.js';

function num(v: bigint): string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? String(v) : `${v}n`;
}

function rangeList(list: readonly MibRange[]): string {
  return `[${list.map((r) => `[${num(r.min)}, ${num(r.max)}]`).join(', ')}]`;
}

/** A check of a value against its MIB constraints, as code (`(v) => status`), or undefined when there is nothing to check. */
function checkOf(v: GenValue): string | undefined {
  if (v.enumeration !== undefined && !v.enumeration.bits) return `oneOf(mib.${v.enumeration.ident})`;
  const numeric = v.tsType === 'number' || v.tsType === 'bigint';
  if (numeric && v.ranges !== undefined) return `inRanges(${rangeList(v.ranges)})`;
  if (v.tsType === 'Uint8Array' && v.sizes !== undefined) return `ofSize(${rangeList(v.sizes)})`;
  return undefined;
}

/** The TypeScript type of a value, qualified with the definitions module. */
function qualified(v: GenValue): string {
  return v.enumeration !== undefined && !v.enumeration.bits ? `mib.${v.tsType}` : v.tsType;
}

/** `obj.name`, or `obj['name']` when the name is not an identifier. */
function member(obj: string, name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${obj}.${name}` : `${obj}[${lit(name)}]`;
}

/** A value of the type to start a stub with: the DEFVAL when there is one, else a neutral one. */
function initialValue(g: GenModule, v: GenValue, uses: Set<string>): string {
  const d = v.object.defval;
  const e = v.enumeration;
  if (e !== undefined && !e.bits) {
    const named = d !== undefined && d.kind === 'name' && e.values.some((x) => x.name === d.value) ? String(d.value) : e.values[0]!.name;
    return member(`mib.${e.ident}`, named);
  }
  if (e !== undefined && e.bits && d !== undefined && d.kind === 'bits' && Array.isArray(d.value)) {
    const bits = (d.value as readonly string[]).filter((b) => e.values.some((x) => x.name === b));
    uses.add('bitsFromPositions');
    return `bitsFromPositions([${bits.map((b) => member(`mib.${e.ident}`, b)).join(', ')}])`;
  }
  switch (v.tsType) {
    case 'number': {
      if (d !== undefined && d.kind === 'number') return String(Number(d.value));
      const min = v.ranges?.[0]?.min;
      return min !== undefined && min > 0n ? num(min) : '0';
    }
    case 'bigint':
      return d !== undefined && d.kind === 'number' ? `${String(d.value)}n` : '0n';
    case 'Oid': {
      const local = d !== undefined && d.kind === 'name' ? g.definitions.find((x) => x.object.name === d.value) : undefined;
      if (local !== undefined) return `mib.${local.ident}`;
      uses.add('Oid');
      return `Oid.parse('0.0')`;
    }
    case 'string':
      return d !== undefined && d.kind === 'hex' && typeof d.value === 'string' && d.value.length === 8
        ? lit((d.value.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)).join('.'))
        : `'0.0.0.0'`;
    default: {
      if (d !== undefined && d.kind === 'string' && typeof d.value === 'string') return `new TextEncoder().encode(${lit(d.value)})`;
      if (d !== undefined && d.kind === 'hex' && typeof d.value === 'string' && /^([0-9A-Fa-f]{2})*$/.test(d.value)) {
        return `new Uint8Array([${(d.value.match(/../g) ?? []).map((h) => `0x${h.toLowerCase()}`).join(', ')}])`;
      }
      const min = v.sizes?.[0]?.min;
      return min !== undefined && min > 0n ? `new Uint8Array(${num(min)})` : 'new Uint8Array(0)';
    }
  }
}

/** The DEFVAL of a value as code, when it can be written exactly; else undefined. */
function defvalCode(g: GenModule, v: GenValue, uses: Set<string>): string | undefined {
  const d = v.object.defval;
  if (d === undefined) return undefined;
  const e = v.enumeration;
  let exact: boolean;
  if (e !== undefined && !e.bits) exact = d.kind === 'name' && e.values.some((x) => x.name === d.value);
  else if (e !== undefined) exact = d.kind === 'bits' && Array.isArray(d.value);
  else if (v.tsType === 'number' || v.tsType === 'bigint') exact = d.kind === 'number';
  else if (v.tsType === 'Oid') exact = d.kind === 'name' && g.definitions.some((x) => x.object.name === d.value);
  else if (v.tsType === 'string') exact = d.kind === 'hex' && typeof d.value === 'string' && d.value.length === 8;
  else exact = (d.kind === 'string' && typeof d.value === 'string') || (d.kind === 'hex' && typeof d.value === 'string' && /^([0-9A-Fa-f]{2})*$/.test(d.value));
  return exact ? initialValue(g, v, uses) : undefined;
}

/** True when a column's SYNTAX is the RowStatus TC (RFC 2579). */
const isRowStatus = (v: GenValue): boolean => v.smiType === 'Integer32' && v.chain.includes('RowStatus');

const isWritable = (access: string | undefined): boolean => access === 'read-write' || access === 'read-create' || access === 'write-only';

function tableClass(g: GenModule, t: GenTable, uses: Set<string>): string {
  const ids = tableIdents(t);
  const cls = `${t.rowType.replace(/Entry$/, '')}Table`;
  const cols = valueColumns(t);
  const creatable = cols.some((c) => c.object.access === 'read-create');
  const status = cols.find((c) => isRowStatus(c) && c.object.access === 'read-create');
  let out = `\n${doc(`${t.table.name}${summary(t.table.description) === '' ? '' : `: ${summary(t.table.description)}`}\nRows are kept here, in index order, and served by the agent's TableHandler registered at ${t.row.name}.`)}`;
  out += `export class ${cls} {\n`;
  out += `  /** The handler to register (at \`handler.entry\`, the OID of ${t.row.name}). */\n  readonly handler: TableHandler;\n\n`;
  out += `  /** @param options \`rowCreation\`: a Set of a read-create column may create a row. Default ${String(creatable)}. */\n`;
  out += `  constructor(options: { readonly rowCreation?: boolean } = {}) {\n`;
  out += `    this.handler = new TableHandler(mib.${t.rowIdent}, {\n      index: mib.${ids.codec}.syntax,\n      rowCreation: options.rowCreation ?? ${String(creatable)},\n`;
  // RFC 2579: the RowStatus column creates, activates and destroys rows.
  if (status !== undefined) out += `      rowStatus: ${status.id},\n`;
  out += `      columns: [\n`;
  for (const c of cols) {
    const check = checkOf(c);
    const defval = defvalCode(g, c, uses);
    // A read-create column without DEFVAL must be given a value before the row can be active.
    const required = status !== undefined && c !== status && c.object.access === 'read-create' && c.object.defval === undefined;
    out += `        { id: ${c.id}, type: ${lit(c.smiType)}, access: ${lit(c.object.access ?? 'read-only')}${check === undefined ? '' : `, validate: ${check}`}${required ? ', required: true' : ''}${defval === undefined ? '' : `, defaultValue: ${defval}`} },\n`;
  }
  out += `      ],\n    });\n  }\n\n`;
  out += `  /** Adds a row or sets values of an existing one. @throws InvalidArgumentError when the index or a value does not fit. */\n`;
  out += `  set(index: mib.${ids.index}, values: Omit<mib.${t.rowType}, 'index'>): void {\n`;
  out += `    const byId: Record<number, unknown> = {};\n`;
  out += `    for (const [name, value] of Object.entries(values)) if (value !== undefined) byId[mib.${ids.columns}[name as keyof typeof mib.${ids.columns}]] = value;\n`;
  out += `    this.handler.setRow(index, byId);\n  }\n\n`;
  out += `  /** The row at an index, if any. */\n  get(index: mib.${ids.index}): mib.${t.rowType} | undefined {\n    const row = this.handler.row(index);\n    return row === undefined ? undefined : named<mib.${t.rowType}>(row.index, row.values, NAMES_${cls});\n  }\n\n`;
  out += `  /** Deletes the row at an index; true when it was there. */\n  delete(index: mib.${ids.index}): boolean {\n    return this.handler.deleteRow(index);\n  }\n\n`;
  out += `  /** Every row, in index order. */\n  rows(): mib.${t.rowType}[] {\n    return this.handler.rows.map((r) => named<mib.${t.rowType}>(r.index, r.values, NAMES_${cls}));\n  }\n}\n`;
  out += `\nconst NAMES_${cls}: Readonly<Record<number, string>> = { ${cols.map((c) => `${c.id}: ${lit(c.ident)}`).join(', ')} };\n`;
  return out;
}

const HELPERS = `
/** A table row with its values by column name. */
function named<R>(index: readonly unknown[], values: ReadonlyMap<number, unknown>, names: Readonly<Record<number, string>>): R {
  const row: Record<string, unknown> = { index };
  for (const [id, value] of values) {
    const name = names[id];
    if (name !== undefined) row[name] = value;
  }
  return row as R;
}

/** A check that a number is one of an enumeration's values (RFC 3416 §4.2.5: wrongValue). */
function oneOf(values: Readonly<Record<string, number>>): (v: unknown) => number {
  const allowed = new Set(Object.values(values));
  return (v) => (typeof v === 'number' && allowed.has(v) ? 0 : ErrorStatus.wrongValue);
}

/** A check that a number is in one of the ranges (wrongValue). */
function inRanges(ranges: readonly (readonly [number | bigint, number | bigint])[]): (v: unknown) => number {
  return (v) => ((typeof v === 'number' || typeof v === 'bigint') && ranges.some(([lo, hi]) => v >= lo && v <= hi) ? 0 : ErrorStatus.wrongValue);
}

/** A check that octets have one of the sizes (wrongLength). */
function ofSize(sizes: readonly (readonly [number, number])[]): (v: unknown) => number {
  return (v) => (v instanceof Uint8Array && sizes.some(([lo, hi]) => v.length >= lo && v.length <= hi) ? 0 : ErrorStatus.wrongLength);
}

/** A scalar's agent handler from its typed handler and the MIB's check. */
function scalar<K extends SmiType, T extends SmiValueMap[K]>(oid: Oid, type: K, h: ScalarGet<T> | ScalarGetSet<T>, check: ((v: unknown) => number) | undefined): SubtreeHandler {
  if (!('set' in h)) return scalarHandler(oid, { type, get: (ctx) => h.get(ctx) });
  return scalarHandler(oid, {
    type,
    get: (ctx) => h.get(ctx),
    set: (value, ctx) => h.set(value as T, ctx),
    validate: (value) => check?.(value) || (h.validate?.(value as T) ?? 0),
  });
}
`;

/** The agent file of a module: typed handlers, tables and registration. */
export function agentText(g: GenModule, options: GenerateOptions = {}): string {
  const from = options.importFrom ?? 'tsnmp';
  const base = fileBase(g.module.name);
  const m = g.module;
  let out = doc(`${m.name}: agent subtree generated by tsnmp from ${m.file}.\nTyped handlers of the scalars, a class per table, and register${g.ident}() to put them in an agent's registry.\nRegenerate rather than edit; the handlers go in ${base}-handlers.ts.`);
  const uses = new Set<string>(['ErrorStatus', 'Oid', 'TableHandler', 'scalarHandler']);
  const tables = g.tables.filter((t) => t.index !== undefined && t.index.every((p) => indexSyntax(p) !== undefined));
  const classes = tables.map((t) => tableClass(g, t, uses)).join('');
  out += `import { ${[...uses].sort().join(', ')} } from ${lit(from)};\n`;
  out += `import type { Registration, Registry, RequestContext, SmiType, SmiValueMap, SubtreeHandler } from ${lit(from)};\n`;
  out += `import * as mib from './${base}.js';\n`;
  out += `\n/** The handler of a read-only scalar. */\nexport interface ScalarGet<T> {\n  /** Reads the value (sync or async). */\n  get(context: RequestContext): T | PromiseLike<T>;\n}\n`;
  out += `\n/** The handler of a writable scalar. */\nexport interface ScalarGetSet<T> extends ScalarGet<T> {\n  /** Writes a value the MIB allows; return an ErrorStatus to fail the commit. */\n  set(value: T, context: RequestContext): void | number | PromiseLike<void | number>;\n  /** A further check of a new value: an ErrorStatus (wrongValue, inconsistentValue...) or 0. */\n  validate?(value: T): number;\n}\n`;
  out += `\n${doc(`The scalars of ${m.name} and their handlers.`)}export interface ${g.ident}Scalars {\n`;
  for (const s of g.scalars) {
    out += `${doc(`${s.object.name} (${s.object.access ?? 'no access'}${s.object.units === undefined ? '' : `, ${s.object.units}`})${summary(s.object.description) === '' ? '' : `: ${summary(s.object.description)}`}`, '  ')}`;
    out += `  readonly ${s.ident}: ${isWritable(s.object.access) ? 'ScalarGetSet' : 'ScalarGet'}<${qualified(s)}>;\n`;
  }
  out += `}\n`;
  out += classes;
  out += `\n${doc(`The tables of ${m.name}.`)}export interface ${g.ident}Tables {\n`;
  for (const t of tables) out += `  readonly ${t.table.name.replace(/[^A-Za-z0-9_$]/g, '_')}: ${t.rowType.replace(/Entry$/, '')}Table;\n`;
  out += `}\n`;
  const readable = g.scalars.filter((s) => s.object.access !== 'not-accessible' && s.object.access !== 'accessible-for-notify');
  out += `\n${doc(`Registers ${m.name}'s scalars and tables in an agent's registry (\`agent.registry\`).\n@param tables the tables to serve. Default: new, empty ones.\n@returns the registrations (to unregister) and the tables.\n@throws InvalidArgumentError when a subtree is already registered with the same priority.`)}`;
  out += `export function register${g.ident}(\n  registry: Registry,\n  scalars: ${g.ident}Scalars,\n  tables: ${g.ident}Tables = { ${tables.map((t) => `${t.table.name.replace(/[^A-Za-z0-9_$]/g, '_')}: new ${t.rowType.replace(/Entry$/, '')}Table()`).join(', ')} },\n): { registrations: Registration[]; tables: ${g.ident}Tables } {\n`;
  out += `  const registrations: Registration[] = [];\n`;
  for (const s of readable) {
    const check = checkOf(s);
    out += `  registrations.push(registry.register(mib.${s.ident}, scalar(mib.${s.ident}, ${lit(s.smiType)}, scalars.${s.ident}, ${check ?? 'undefined'})));\n`;
  }
  for (const t of tables) out += `  registrations.push(registry.register(tables.${t.table.name.replace(/[^A-Za-z0-9_$]/g, '_')}.handler.entry, tables.${t.table.name.replace(/[^A-Za-z0-9_$]/g, '_')}.handler));\n`;
  out += `  return { registrations, tables };\n}\n`;
  out += HELPERS;
  return out;
}

/** The handlers stub of a module: what a user fills in (generated once). */
export function handlersText(g: GenModule, options: GenerateOptions = {}): string {
  const from = options.importFrom ?? 'tsnmp';
  const base = fileBase(g.module.name);
  const uses = new Set<string>();
  let body = `\n${doc(`The scalars of ${g.module.name}: values to replace with the real ones.`)}export function ${g.ident.charAt(0).toLowerCase() + g.ident.slice(1)}Scalars(): ${g.ident}Scalars {\n`;
  for (const s of g.scalars) {
    if (isWritable(s.object.access)) body += `  let ${s.ident}: ${qualified(s)} = ${initialValue(g, s, uses)};\n`;
  }
  body += `  return {\n`;
  for (const s of g.scalars) {
    if (isWritable(s.object.access)) {
      body += `    ${s.ident}: {\n      get: () => ${s.ident},\n      set: (value) => {\n        ${s.ident} = value;\n      },\n    },\n`;
    } else body += `    ${s.ident}: { get: () => ${initialValue(g, s, uses)} },\n`;
  }
  body += `  };\n}\n`;
  let out = doc(`${g.module.name}: the handlers of its scalars, generated by tsnmp as a starting point: fill them in.\nEach \`get\` answers the scalar's value; each \`set\` (writable scalars) applies a value the MIB allows.`);
  if (uses.size > 0) out += `import { ${[...uses].sort().join(', ')} } from ${lit(from)};\n`;
  out += `import type { ${g.ident}Scalars } from './${base}-agent.js';\n`;
  if (/\bmib\./.test(body)) out += `import * as mib from './${base}.js';\n`;
  return out + body;
}
