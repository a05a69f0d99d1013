/**
 * The compiled form of a MIB module: every definition with its OID, kind, syntax, access
 * and status resolved. Plain data (serializable through {@link moduleToJson}), built by the
 * compiler and kept by the store.
 */
import type { Oid } from '../smi/oid.js';
import type { SmiType } from '../smi/types.js';
import type { MibDiagnostic } from './diagnostics.js';

/** What a definition registered at an OID is. */
export type MibKind =
  | 'node'
  | 'moduleIdentity'
  | 'objectIdentity'
  | 'scalar'
  | 'table'
  | 'row'
  | 'column'
  | 'notification'
  | 'trap'
  | 'objectGroup'
  | 'notificationGroup'
  | 'compliance'
  | 'capabilities';

/** The class of a type (libsmi's base types as SMI uses them). */
export type MibBaseType = 'Integer32' | 'Unsigned32' | 'Unsigned64' | 'OctetString' | 'ObjectIdentifier' | 'Enumeration' | 'Bits';

/** MAX-ACCESS (SMIv2) or ACCESS (SMIv1) values. */
export type MibAccess = 'not-accessible' | 'accessible-for-notify' | 'read-only' | 'read-write' | 'read-create' | 'write-only' | 'not-implemented';

/** STATUS values (SMIv1 adds mandatory and optional). */
export type MibStatus = 'current' | 'deprecated' | 'obsolete' | 'mandatory' | 'optional';

/** SMIv1 or SMIv2. */
export type MibLanguage = 'SMIv1' | 'SMIv2';

/** A range `min..max` of values or sizes (RFC 2578 §9). */
export interface MibRange {
  readonly min: bigint;
  readonly max: bigint;
}

/** A named number of an enumeration or a named bit of BITS. */
export interface MibNamedNumber {
  readonly name: string;
  readonly value: number;
}

/** A SYNTAX as written in a definition, with its base type resolved. */
export interface MibSyntax {
  /**
   * The type as written: `INTEGER`, `Integer32`, `OCTET STRING`, `OBJECT IDENTIFIER`,
   * `BITS`, or a type name (`DisplayString`, `Counter32`).
   */
  readonly type: string;
  /** The module defining `type` when it is a type name; undefined for ASN.1 base types. */
  readonly typeModule: string | undefined;
  /** The class of the type. */
  readonly base: MibBaseType;
  /** The type on the wire (BITS travel as OctetString, Unsigned32 as Gauge32). */
  readonly smiType: SmiType;
  /** Named numbers (enumeration) or named bits written in this SYNTAX. */
  readonly enums: readonly MibNamedNumber[] | undefined;
  /** Value ranges written in this SYNTAX. */
  readonly ranges: readonly MibRange[] | undefined;
  /** SIZE ranges written in this SYNTAX. */
  readonly sizes: readonly MibRange[] | undefined;
}

/** One part of a row's INDEX. */
export interface MibIndexPart {
  /** The index object's descriptor (or an SMIv1 type name such as `INTEGER`). */
  readonly name: string;
  /** True for the IMPLIED last part (RFC 2578 §7.7). */
  readonly implied: boolean;
}

/** A DEFVAL as written. */
export interface MibDefval {
  /** How the value is written. */
  readonly kind: 'number' | 'string' | 'hex' | 'binary' | 'name' | 'bits' | 'oid';
  /** Number text, string contents, hex/binary digits, a name, or the names inside `{ }`. */
  readonly value: string | readonly string[];
  /** The text between the braces. */
  readonly text: string;
}

/** A definition registered at an OID: an OBJECT IDENTIFIER value or a macro invocation. */
export interface MibObject {
  /** The descriptor, e.g. `ifDescr`. */
  readonly name: string;
  /** The module defining it. */
  readonly module: string;
  /** Its OID. */
  readonly oid: Oid;
  /** What it is. */
  readonly kind: MibKind;
  /** The macro that defined it (`OBJECT-TYPE`, `OBJECT IDENTIFIER`...). */
  readonly macro: string;
  /** SYNTAX of a scalar or column (and of a row: its SEQUENCE type name). */
  readonly syntax: MibSyntax | undefined;
  /** ACCESS / MAX-ACCESS. */
  readonly access: MibAccess | undefined;
  /** STATUS. */
  readonly status: MibStatus | undefined;
  /** DESCRIPTION as written (without the quotes). */
  readonly description: string | undefined;
  /** REFERENCE as written. */
  readonly reference: string | undefined;
  /** UNITS. */
  readonly units: string | undefined;
  /** INDEX of a row. */
  readonly index: readonly MibIndexPart[] | undefined;
  /** AUGMENTS of a row: the augmented row's descriptor. */
  readonly augments: string | undefined;
  /** DEFVAL. */
  readonly defval: MibDefval | undefined;
  /** OBJECTS (notification, object group), VARIABLES (trap) or NOTIFICATIONS (group). */
  readonly objects: readonly string[] | undefined;
  /** ENTERPRISE of a TRAP-TYPE. */
  readonly enterprise: string | undefined;
  /** 1-based line of the definition. */
  readonly line: number;
  /** 1-based column of the definition. */
  readonly column: number;
}

/** A type assignment or TEXTUAL-CONVENTION. */
export interface MibTypeDef {
  /** The type name. */
  readonly name: string;
  /** The module defining it. */
  readonly module: string;
  /** `tc` for a TEXTUAL-CONVENTION, `type` for a plain assignment, `sequence`/`choice` for those. */
  readonly kind: 'tc' | 'type' | 'sequence' | 'choice';
  /** The SYNTAX it refines. */
  readonly syntax: MibSyntax;
  /** The named type it refines, unless that is an ASN.1 base type or Integer32/Unsigned32. */
  readonly parent: string | undefined;
  /** STATUS of a TC. */
  readonly status: MibStatus | undefined;
  /** DISPLAY-HINT of a TC. */
  readonly displayHint: string | undefined;
  /** DESCRIPTION of a TC. */
  readonly description: string | undefined;
  /** REFERENCE of a TC. */
  readonly reference: string | undefined;
  /** Members of a SEQUENCE (name and type as written). */
  readonly members: readonly { readonly name: string; readonly type: string }[] | undefined;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** An IMPORTS group. */
export interface MibImport {
  /** The module imported from. */
  readonly module: string;
  /** The names imported. */
  readonly names: readonly string[];
}

/** A compiled module. */
export interface MibModule {
  /** Module name. */
  readonly name: string;
  /** The file it came from (`<builtin>` for the base modules). */
  readonly file: string;
  /** SMIv1 or SMIv2. */
  readonly language: MibLanguage;
  /** Its IMPORTS. */
  readonly imports: readonly MibImport[];
  /** Descriptor of its MODULE-IDENTITY, if any. */
  readonly identity: string | undefined;
  /** LAST-UPDATED of the MODULE-IDENTITY. */
  readonly lastUpdated: string | undefined;
  /** OID-registered definitions, in source order. */
  readonly objects: readonly MibObject[];
  /** Type assignments and TCs, in source order. */
  readonly types: readonly MibTypeDef[];
  /** MACRO names the module defines. */
  readonly macros: readonly string[];
  /** Intermediate OIDs that a value named no descriptor for (net-snmp's anonymous nodes). */
  readonly anonymous: readonly string[];
  /** Names given to intermediate arcs inside OID values (`org(3)`), with their dotted OIDs. */
  readonly implicit: readonly { readonly name: string; readonly oid: string }[];
  /** Modules named by MODULE-COMPLIANCE and AGENT-CAPABILITIES clauses (loaded with this one). */
  readonly references: readonly string[];
  /** Warnings (and errors) found while compiling. */
  readonly diagnostics: readonly MibDiagnostic[];
  /** Definitions by descriptor. */
  readonly objectsByName: ReadonlyMap<string, MibObject>;
  /** Types by name. */
  readonly typesByName: ReadonlyMap<string, MibTypeDef>;
}

/** Builds the lookup maps of a module from its lists. */
export function makeModule(m: Omit<MibModule, 'objectsByName' | 'typesByName'>): MibModule {
  const objectsByName = new Map<string, MibObject>();
  for (const o of m.objects) if (!objectsByName.has(o.name)) objectsByName.set(o.name, o);
  const typesByName = new Map<string, MibTypeDef>();
  for (const t of m.types) if (!typesByName.has(t.name)) typesByName.set(t.name, t);
  return { ...m, objectsByName, typesByName };
}
