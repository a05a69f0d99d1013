/**
 * The syntax tree the parser produces for one MIB module: what the text says, before
 * names, types and OIDs are resolved against other modules.
 */

/** A position in a module file (1-based). */
export interface AstPos {
  readonly line: number;
  readonly column: number;
}

/** One `IMPORTS name, ... FROM MODULE` group. */
export interface ImportAst extends AstPos {
  /** The module imported from. */
  readonly module: string;
  /** The imported descriptors, each with its position. */
  readonly names: readonly ({ readonly name: string } & AstPos)[];
}

/** One component of an OID value: `name`, `number` or `name(number)`. */
export interface OidComponentAst extends AstPos {
  readonly name: string | undefined;
  readonly number: number | undefined;
}

/** An OBJECT IDENTIFIER value `{ parent 1 2 }`. */
export interface OidValueAst extends AstPos {
  readonly components: readonly OidComponentAst[];
}

/** `name(number)` in an enumeration or BITS list. */
export interface NamedNumberAst {
  readonly name: string;
  readonly value: number;
}

/** A range `min..max` (or a single value, min = max). `MIN`/`MAX` are kept as words. */
export interface RangeAst {
  readonly min: bigint | 'MIN';
  readonly max: bigint | 'MAX';
}

/** The kinds of syntax a SYNTAX clause or type assignment can name. */
export type SyntaxAstKind = 'named' | 'INTEGER' | 'OCTET STRING' | 'OBJECT IDENTIFIER' | 'BITS' | 'SEQUENCE' | 'SEQUENCE OF' | 'CHOICE' | 'NULL';

/** A SYNTAX: a base or named type with its refinement. */
export interface SyntaxAst extends AstPos {
  readonly kind: SyntaxAstKind;
  /** The type name for `named` (`DisplayString`, `Counter32`); else the kind. */
  readonly name: string;
  /** `MODULE.Type` qualification, when written. */
  readonly module: string | undefined;
  /** `[APPLICATION n] IMPLICIT` tag of a type assignment. */
  readonly tag: { readonly cls: string; readonly number: number } | undefined;
  /** Enumeration (INTEGER) or named bits (BITS). */
  readonly enums: readonly NamedNumberAst[] | undefined;
  /** Value range constraint. */
  readonly ranges: readonly RangeAst[] | undefined;
  /** SIZE constraint. */
  readonly sizes: readonly RangeAst[] | undefined;
  /** SEQUENCE / CHOICE members. */
  readonly members: readonly { readonly name: string; readonly syntax: SyntaxAst }[] | undefined;
  /** SEQUENCE OF entry type. */
  readonly entry: string | undefined;
}

/** An INDEX item. */
export interface IndexAst extends AstPos {
  readonly name: string;
  readonly implied: boolean;
}

/** A DEFVAL value, parsed and as written. */
export interface DefvalAst extends AstPos {
  readonly kind: 'number' | 'string' | 'hex' | 'binary' | 'name' | 'bits' | 'oid';
  /** The value: number text, string contents, hex/binary digits, a name, or names/components. */
  readonly value: string | readonly string[];
  /** The text between the braces, trimmed. */
  readonly text: string;
}

/** A REVISION clause of a MODULE-IDENTITY. */
export interface RevisionAst {
  readonly date: string;
  readonly description: string;
}

/** A MODULE part of a MODULE-COMPLIANCE. */
export interface ComplianceModuleAst extends AstPos {
  /** The module named (undefined: this module). */
  readonly module: string | undefined;
  readonly mandatoryGroups: readonly string[];
  /** GROUP and OBJECT refinements. */
  readonly refinements: readonly { readonly kind: 'group' | 'object'; readonly name: string; readonly syntax: SyntaxAst | undefined; readonly writeSyntax: SyntaxAst | undefined; readonly minAccess: string | undefined; readonly description: string | undefined }[];
}

/** A SUPPORTS part of an AGENT-CAPABILITIES. */
export interface SupportsAst extends AstPos {
  readonly module: string;
  readonly includes: readonly string[];
  readonly variations: readonly { readonly name: string; readonly syntax: SyntaxAst | undefined; readonly writeSyntax: SyntaxAst | undefined; readonly access: string | undefined; readonly creationRequires: readonly string[] | undefined; readonly defval: DefvalAst | undefined; readonly description: string | undefined }[];
}

/** What a definition is. */
export type DefMacro =
  | 'OBJECT IDENTIFIER'
  | 'TYPE'
  | 'TEXTUAL-CONVENTION'
  | 'OBJECT-TYPE'
  | 'MODULE-IDENTITY'
  | 'OBJECT-IDENTITY'
  | 'NOTIFICATION-TYPE'
  | 'TRAP-TYPE'
  | 'OBJECT-GROUP'
  | 'NOTIFICATION-GROUP'
  | 'MODULE-COMPLIANCE'
  | 'AGENT-CAPABILITIES';

/** One definition (an assignment) of a module; fields are set as its macro has them. */
export interface DefAst extends AstPos {
  readonly name: string;
  readonly macro: DefMacro;
  syntax: SyntaxAst | undefined;
  units: string | undefined;
  access: string | undefined;
  /** Which keyword introduced the access: SMIv1 `ACCESS` or SMIv2 `MAX-ACCESS`. */
  accessKeyword: 'ACCESS' | 'MAX-ACCESS' | undefined;
  status: string | undefined;
  description: string | undefined;
  reference: string | undefined;
  displayHint: string | undefined;
  index: IndexAst[] | undefined;
  augments: string | undefined;
  defval: DefvalAst | undefined;
  oid: OidValueAst | undefined;
  /** OBJECTS / VARIABLES / NOTIFICATIONS lists. */
  objects: string[] | undefined;
  /** TRAP-TYPE ENTERPRISE. */
  enterprise: string | undefined;
  /** TRAP-TYPE number. */
  trapNumber: number | undefined;
  lastUpdated: string | undefined;
  organization: string | undefined;
  contactInfo: string | undefined;
  revisions: RevisionAst[] | undefined;
  productRelease: string | undefined;
  compliance: ComplianceModuleAst[] | undefined;
  supports: SupportsAst[] | undefined;
}

/**
 * A new definition with no clause set. (An object literal: V8 makes it from a template in
 * one step, where a class with field initializers adds its fields one at a time until
 * the code is optimized.)
 */
export function newDefAst(name: string, macro: DefMacro, line: number, column: number): DefAst {
  return {
    name,
    macro,
    line,
    column,
    syntax: undefined,
    units: undefined,
    access: undefined,
    accessKeyword: undefined,
    status: undefined,
    description: undefined,
    reference: undefined,
    displayHint: undefined,
    index: undefined,
    augments: undefined,
    defval: undefined,
    oid: undefined,
    objects: undefined,
    enterprise: undefined,
    trapNumber: undefined,
    lastUpdated: undefined,
    organization: undefined,
    contactInfo: undefined,
    revisions: undefined,
    productRelease: undefined,
    compliance: undefined,
    supports: undefined,
  };
}

/** A parsed module. */
export interface ModuleAst extends AstPos {
  readonly name: string;
  readonly imports: ImportAst[];
  readonly defs: DefAst[];
  /** Names of MACROs the module defines (the base modules do). */
  readonly macros: string[];
  /** True when the module has an EXPORTS clause (SMIv1 style). */
  exports: boolean;
}
