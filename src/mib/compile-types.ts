/**
 * Type resolution for the compiler: turns a SYNTAX as written into a {@link MibSyntax}
 * (base type class and wire type), following type names through TCs and type
 * assignments to the ASN.1 base types and the application types of RFC 2578 §7.1.
 */
import type { SmiType } from '../smi/types.js';
import type { RangeAst, SyntaxAst } from './ast.js';
import type { MibBaseType, MibNamedNumber, MibRange, MibSyntax, MibTypeDef } from './model.js';

/** RFC 2578 §7.1: the application types by tag number. */
const APPLICATION_TYPES: readonly { smiType: SmiType; base: MibBaseType }[] = [
  { smiType: 'IpAddress', base: 'OctetString' },
  { smiType: 'Counter32', base: 'Unsigned32' },
  { smiType: 'Gauge32', base: 'Unsigned32' },
  { smiType: 'TimeTicks', base: 'Unsigned32' },
  { smiType: 'Opaque', base: 'OctetString' },
  { smiType: 'NsapAddress', base: 'OctetString' },
  { smiType: 'Counter64', base: 'Unsigned64' },
  { smiType: 'UInteger32', base: 'Unsigned32' },
];

/** Types that count as base types: a TC refining them has no parent (as libsmi reports). */
export const BASE_TYPE_NAMES: ReadonlySet<string> = new Set(['INTEGER', 'Integer32', 'Unsigned32', 'OCTET STRING', 'OBJECT IDENTIFIER', 'BITS']);

const I32_MIN = -2147483648n;
const I32_MAX = 2147483647n;
const U32_MAX = 4294967295n;
const U64_MAX = 18446744073709551615n;

/** The full range of values of a base type (for MIN / MAX). */
function fullRange(base: MibBaseType): MibRange {
  switch (base) {
    case 'Unsigned32':
      return { min: 0n, max: U32_MAX };
    case 'Unsigned64':
      return { min: 0n, max: U64_MAX };
    default:
      return { min: I32_MIN, max: I32_MAX };
  }
}

/** Converts ranges as written, resolving MIN and MAX against `full`. */
export function convertRanges(list: readonly RangeAst[] | undefined, full: MibRange): MibRange[] | undefined {
  if (list === undefined) return undefined;
  const out: MibRange[] = [];
  for (const r of list) out.push({ min: r.min === 'MIN' ? full.min : r.min, max: r.max === 'MAX' ? full.max : r.max });
  return out;
}

const SIZE_RANGE: MibRange = { min: 0n, max: 65535n };

/** Copies named numbers. */
function convertEnums(list: SyntaxAst['enums']): MibNamedNumber[] | undefined {
  if (list === undefined) return undefined;
  return list.map((e) => ({ name: e.name, value: e.value }));
}

/**
 * Builds the MibSyntax of a SYNTAX as written, given the resolved definition of the
 * type it names (for `named` syntaxes; undefined when the name could not be resolved,
 * in which case `fallback` supplies the class).
 */
export function makeSyntax(ast: SyntaxAst, named: MibTypeDef | undefined, fallback?: { base: MibBaseType; smiType: SmiType }): MibSyntax {
  let base: MibBaseType;
  let smiType: SmiType;
  let type: string = ast.name;
  let typeModule: string | undefined;
  switch (ast.kind) {
    case 'INTEGER':
      base = ast.enums !== undefined ? 'Enumeration' : 'Integer32';
      smiType = 'Integer32';
      break;
    case 'OCTET STRING':
      base = 'OctetString';
      smiType = 'OctetString';
      break;
    case 'OBJECT IDENTIFIER':
      base = 'ObjectIdentifier';
      smiType = 'ObjectIdentifier';
      break;
    case 'BITS':
      base = 'Bits';
      smiType = 'OctetString';
      break;
    case 'NULL':
      base = 'OctetString';
      smiType = 'Null';
      break;
    case 'named':
      if (named !== undefined) {
        base = named.syntax.base;
        smiType = named.syntax.smiType;
        typeModule = named.module;
        if (ast.enums !== undefined && base === 'Integer32') base = 'Enumeration';
      } else {
        base = fallback?.base ?? 'OctetString';
        smiType = fallback?.smiType ?? 'OctetString';
      }
      break;
    default:
      base = 'OctetString';
      smiType = 'OctetString';
      type = ast.kind;
      break;
  }
  if (ast.tag !== undefined && ast.tag.cls === 'APPLICATION') {
    const app = APPLICATION_TYPES[ast.tag.number];
    if (app !== undefined) {
      smiType = app.smiType;
      if (base !== 'Enumeration') base = app.base;
    }
  }
  const full = fullRange(base);
  return {
    type,
    typeModule,
    base,
    smiType,
    enums: convertEnums(ast.enums),
    ranges: convertRanges(ast.ranges, full),
    sizes: convertRanges(ast.sizes, SIZE_RANGE),
  };
}

/** The base types a named type stands for when nothing defines it (never imported SMI types). */
export const INTRINSIC_TYPES: ReadonlyMap<string, { base: MibBaseType; smiType: SmiType; module: string }> = new Map([
  ['Integer32', { base: 'Integer32', smiType: 'Integer32', module: 'SNMPv2-SMI' }],
  ['Unsigned32', { base: 'Unsigned32', smiType: 'Gauge32', module: 'SNMPv2-SMI' }],
  ['Counter32', { base: 'Unsigned32', smiType: 'Counter32', module: 'SNMPv2-SMI' }],
  ['Gauge32', { base: 'Unsigned32', smiType: 'Gauge32', module: 'SNMPv2-SMI' }],
  ['TimeTicks', { base: 'Unsigned32', smiType: 'TimeTicks', module: 'SNMPv2-SMI' }],
  ['IpAddress', { base: 'OctetString', smiType: 'IpAddress', module: 'SNMPv2-SMI' }],
  ['Opaque', { base: 'OctetString', smiType: 'Opaque', module: 'SNMPv2-SMI' }],
  ['Counter64', { base: 'Unsigned64', smiType: 'Counter64', module: 'SNMPv2-SMI' }],
  ['Counter', { base: 'Unsigned32', smiType: 'Counter32', module: 'RFC1155-SMI' }],
  ['Gauge', { base: 'Unsigned32', smiType: 'Gauge32', module: 'RFC1155-SMI' }],
  ['NetworkAddress', { base: 'OctetString', smiType: 'IpAddress', module: 'RFC1155-SMI' }],
  ['ObjectName', { base: 'ObjectIdentifier', smiType: 'ObjectIdentifier', module: 'SNMPv2-SMI' }],
  ['NotificationName', { base: 'ObjectIdentifier', smiType: 'ObjectIdentifier', module: 'SNMPv2-SMI' }],
  ['NsapAddress', { base: 'OctetString', smiType: 'NsapAddress', module: 'SNMPv2-SMI' }],
  ['UInteger32', { base: 'Unsigned32', smiType: 'UInteger32', module: 'SNMPv2-SMI' }],
]);

/** Modules whose type names anyone may use without importing them (a common vendor mistake). */
export const WELL_KNOWN_TYPE_MODULES: readonly string[] = ['SNMPv2-SMI', 'SNMPv2-TC', 'RFC1155-SMI'];
