/**
 * The tokens of SMI text: token kinds and the keywords the lexer recognizes, with the
 * numbers the parser tests them by.
 */

/**
 * Token kinds. Typed as plain numbers (not literals) so that comparing the lexer's current
 * kind does not narrow it across calls to `next()`.
 */
export const Tok: {
  readonly Eof: number; readonly Ident: number; readonly Number: number; readonly String: number; readonly HexString: number;
  readonly BinString: number; readonly Assign: number; readonly LBrace: number; readonly RBrace: number; readonly LParen: number;
  readonly RParen: number; readonly LBracket: number; readonly RBracket: number; readonly Comma: number; readonly Semi: number;
  readonly Range: number; readonly Bar: number; readonly Dot: number; readonly Other: number;
} = {
  /** End of the text. */
  Eof: 0,
  /** An identifier or keyword: letters, digits and single hyphens, starting with a letter. */
  Ident: 1,
  /** A decimal number, possibly negative (`-5`). */
  Number: 2,
  /** A quoted string `"..."`. */
  String: 3,
  /** A hex string `'0A'H`. */
  HexString: 4,
  /** A binary string `'0101'B`. */
  BinString: 5,
  /** `::=` */
  Assign: 6,
  /** `{` */
  LBrace: 7,
  /** `}` */
  RBrace: 8,
  /** `(` */
  LParen: 9,
  /** `)` */
  RParen: 10,
  /** `[` */
  LBracket: 11,
  /** `]` */
  RBracket: 12,
  /** `,` */
  Comma: 13,
  /** `;` */
  Semi: 14,
  /** `..` */
  Range: 15,
  /** `|` */
  Bar: 16,
  /** `.` (a single dot) */
  Dot: 17,
  /** Any other single character. */
  Other: 18,
};

const TOK_NAMES = ['end of file', 'identifier', 'number', 'string', 'hex string', 'binary string', '"::="', '"{"', '"}"', '"("', '")"', '"["', '"]"', '","', '";"', '".."', '"|"', '"."', 'character'];

/** A readable name of a token kind, for error messages. */
export function tokName(kind: number): string {
  return TOK_NAMES[kind] ?? 'token';
}

// Token kinds as constants for the parser: a constant is read without a property lookup,
// which counts while the parser runs before V8 has optimized it.
/** {@link Tok.Eof} */
export const T_EOF: number = 0;
/** {@link Tok.Ident} */
export const T_IDENT: number = 1;
/** {@link Tok.Number} */
export const T_NUMBER: number = 2;
/** {@link Tok.String} */
export const T_STRING: number = 3;
/** {@link Tok.HexString} */
export const T_HEX: number = 4;
/** {@link Tok.BinString} */
export const T_BIN: number = 5;
/** {@link Tok.Assign} */
export const T_ASSIGN: number = 6;
/** {@link Tok.LBrace} */
export const T_LBRACE: number = 7;
/** {@link Tok.RBrace} */
export const T_RBRACE: number = 8;
/** {@link Tok.LParen} */
export const T_LPAREN: number = 9;
/** {@link Tok.RParen} */
export const T_RPAREN: number = 10;
/** {@link Tok.LBracket} */
export const T_LBRACKET: number = 11;
/** {@link Tok.RBracket} */
export const T_RBRACKET: number = 12;
/** {@link Tok.Comma} */
export const T_COMMA: number = 13;
/** {@link Tok.Semi} */
export const T_SEMI: number = 14;
/** {@link Tok.Range} */
export const T_RANGE: number = 15;
/** {@link Tok.Bar} */
export const T_BAR: number = 16;
/** {@link Tok.Dot} */
export const T_DOT: number = 17;
/** {@link Tok.Other} */
export const T_OTHER: number = 18;

/**
 * Words of the SMI grammar and words that occur over and over in MIB text. The lexer
 * hands out these constant strings instead of slicing new ones (no allocation, and
 * comparisons are by identity) and gives each its number ({@link Lexer.kw}): its place in
 * this list plus one. The `KW_` constants below name the numbers the parser uses; the
 * groups are contiguous so that a group test is a range test.
 */
export const KEYWORDS: readonly string[] = [
  // 1..30: the clause words (a name list or a syntax stops before them).
  'SYNTAX', 'UNITS', 'ACCESS', 'MAX-ACCESS', 'MIN-ACCESS', 'STATUS', 'DESCRIPTION', 'REFERENCE', 'INDEX', 'AUGMENTS',
  'DEFVAL', 'DISPLAY-HINT', 'OBJECTS', 'NOTIFICATIONS', 'VARIABLES', 'ENTERPRISE', 'LAST-UPDATED', 'ORGANIZATION',
  'CONTACT-INFO', 'REVISION', 'MODULE', 'MANDATORY-GROUPS', 'GROUP', 'OBJECT', 'WRITE-SYNTAX', 'PRODUCT-RELEASE',
  'SUPPORTS', 'INCLUDES', 'VARIATION', 'CREATION-REQUIRES',
  // 31..39: the macros a value definition invokes.
  'OBJECT-TYPE', 'MODULE-IDENTITY', 'OBJECT-IDENTITY', 'NOTIFICATION-TYPE', 'TRAP-TYPE', 'OBJECT-GROUP',
  'NOTIFICATION-GROUP', 'MODULE-COMPLIANCE', 'AGENT-CAPABILITIES',
  // 40..46: access values; 47..51: status values.
  'read-only', 'read-write', 'write-only', 'not-accessible', 'accessible-for-notify', 'read-create', 'not-implemented',
  'current', 'deprecated', 'obsolete', 'mandatory', 'optional',
  // 52..: the other words of the grammar.
  'TEXTUAL-CONVENTION', 'MACRO', 'DEFINITIONS', 'BEGIN', 'END', 'IMPORTS', 'EXPORTS', 'FROM', 'IDENTIFIER', 'OCTET',
  'STRING', 'INTEGER', 'BITS', 'BIT', 'NULL', 'SEQUENCE', 'OF', 'CHOICE', 'SIZE', 'IMPLICIT', 'EXPLICIT', 'IMPLIED',
  'MIN', 'MAX', 'TAGS', 'AUTOMATIC',
  // Names only: constant strings, no number the parser uses.
  'Integer32', 'Unsigned32', 'Counter32', 'Counter64', 'Gauge32', 'TimeTicks', 'IpAddress', 'SNMPv2-SMI', 'SNMPv2-TC',
  'SNMPv2-CONF', 'DisplayString', 'TruthValue', 'RowStatus', 'Counter', 'Gauge', 'enterprises', 'mib-2', 'true',
  'false', 'InterfaceIndex', 'TimeStamp', 'StorageType', 'InetAddress', 'InetAddressType', 'SnmpAdminString',
  'PhysAddress', 'MacAddress', 'DateAndTime', 'TimeInterval', 'RowPointer', 'AutonomousType',
];

/** `SYNTAX`: keyword numbers (see {@link KEYWORDS}). */
export const KW_SYNTAX: number = 1;
/** `UNITS` */
export const KW_UNITS: number = 2;
/** `ACCESS` */
export const KW_ACCESS: number = 3;
/** `MAX-ACCESS` */
export const KW_MAX_ACCESS: number = 4;
/** `MIN-ACCESS` */
export const KW_MIN_ACCESS: number = 5;
/** `STATUS` */
export const KW_STATUS: number = 6;
/** `DESCRIPTION` */
export const KW_DESCRIPTION: number = 7;
/** `REFERENCE` */
export const KW_REFERENCE: number = 8;
/** `INDEX` */
export const KW_INDEX: number = 9;
/** `AUGMENTS` */
export const KW_AUGMENTS: number = 10;
/** `DEFVAL` */
export const KW_DEFVAL: number = 11;
/** `DISPLAY-HINT` */
export const KW_DISPLAY_HINT: number = 12;
/** `OBJECTS` */
export const KW_OBJECTS: number = 13;
/** `NOTIFICATIONS` */
export const KW_NOTIFICATIONS: number = 14;
/** `VARIABLES` */
export const KW_VARIABLES: number = 15;
/** `ENTERPRISE` */
export const KW_ENTERPRISE: number = 16;
/** `LAST-UPDATED` */
export const KW_LAST_UPDATED: number = 17;
/** `ORGANIZATION` */
export const KW_ORGANIZATION: number = 18;
/** `CONTACT-INFO` */
export const KW_CONTACT_INFO: number = 19;
/** `REVISION` */
export const KW_REVISION: number = 20;
/** `MODULE` */
export const KW_MODULE: number = 21;
/** `MANDATORY-GROUPS` */
export const KW_MANDATORY_GROUPS: number = 22;
/** `GROUP` */
export const KW_GROUP: number = 23;
/** `OBJECT` */
export const KW_OBJECT: number = 24;
/** `WRITE-SYNTAX` */
export const KW_WRITE_SYNTAX: number = 25;
/** `PRODUCT-RELEASE` */
export const KW_PRODUCT_RELEASE: number = 26;
/** `SUPPORTS` */
export const KW_SUPPORTS: number = 27;
/** `INCLUDES` */
export const KW_INCLUDES: number = 28;
/** `VARIATION` */
export const KW_VARIATION: number = 29;
/** `CREATION-REQUIRES` (the last clause word) */
export const KW_CREATION_REQUIRES: number = 30;
/** `OBJECT-TYPE` (the first value macro) */
export const KW_OBJECT_TYPE: number = 31;
/** `TRAP-TYPE` */
export const KW_TRAP_TYPE: number = 35;
/** `AGENT-CAPABILITIES` (the last value macro) */
export const KW_AGENT_CAPABILITIES: number = 39;
/** `read-only` (the first access value) */
export const KW_READ_ONLY: number = 40;
/** `not-implemented` (the last access value) */
export const KW_NOT_IMPLEMENTED: number = 46;
/** `current` (the first status value) */
export const KW_CURRENT: number = 47;
/** `optional` (the last status value) */
export const KW_OPTIONAL: number = 51;
/** `TEXTUAL-CONVENTION` */
export const KW_TEXTUAL_CONVENTION: number = 52;
/** `MACRO` */
export const KW_MACRO: number = 53;
/** `DEFINITIONS` */
export const KW_DEFINITIONS: number = 54;
/** `BEGIN` */
export const KW_BEGIN: number = 55;
/** `END` */
export const KW_END: number = 56;
/** `IMPORTS` */
export const KW_IMPORTS: number = 57;
/** `EXPORTS` */
export const KW_EXPORTS: number = 58;
/** `FROM` */
export const KW_FROM: number = 59;
/** `IDENTIFIER` */
export const KW_IDENTIFIER: number = 60;
/** `OCTET` */
export const KW_OCTET: number = 61;
/** `STRING` */
export const KW_STRING: number = 62;
/** `INTEGER` */
export const KW_INTEGER: number = 63;
/** `BITS` */
export const KW_BITS: number = 64;
/** `BIT` */
export const KW_BIT: number = 65;
/** `NULL` */
export const KW_NULL: number = 66;
/** `SEQUENCE` */
export const KW_SEQUENCE: number = 67;
/** `OF` */
export const KW_OF: number = 68;
/** `CHOICE` */
export const KW_CHOICE: number = 69;
/** `SIZE` */
export const KW_SIZE: number = 70;
/** `IMPLICIT` */
export const KW_IMPLICIT: number = 71;
/** `EXPLICIT` */
export const KW_EXPLICIT: number = 72;
/** `IMPLIED` */
export const KW_IMPLIED: number = 73;
/** `MIN` */
export const KW_MIN: number = 74;
/** `MAX` */
export const KW_MAX: number = 75;
/** `TAGS` */
export const KW_TAGS: number = 76;
/** `AUTOMATIC` */
export const KW_AUTOMATIC: number = 77;
