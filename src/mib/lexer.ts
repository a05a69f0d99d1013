/**
 * A hand-written lexer for SMIv1/SMIv2 module text (RFC 1155, RFC 2578 §3 and the ASN.1
 * subset they use). It scans the source string with `charCodeAt` and keeps the current
 * token in its own fields, so scanning allocates only the identifier strings the parser
 * asks for.
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

/** Character classes: bit 1 letter, bit 2 digit, bit 4 identifier part. */
const CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) CLASS[c] = 1 | 4;
for (let c = 97; c <= 122; c++) CLASS[c] = 1 | 4;
for (let c = 48; c <= 57; c++) CLASS[c] = 2 | 4;

/** Token kinds of the one-character tokens (0: not one). */
const SINGLE = new Uint8Array(128);
SINGLE[123] = Tok.LBrace;
SINGLE[125] = Tok.RBrace;
SINGLE[40] = Tok.LParen;
SINGLE[41] = Tok.RParen;
SINGLE[91] = Tok.LBracket;
SINGLE[93] = Tok.RBracket;
SINGLE[44] = Tok.Comma;
SINGLE[59] = Tok.Semi;
SINGLE[124] = Tok.Bar;

/**
 * Words that occur over and over in MIB text. The lexer hands out these constant strings
 * instead of slicing new ones: no allocation, and comparisons are by identity.
 */
const KEYWORDS = [
  'SYNTAX', 'MAX-ACCESS', 'ACCESS', 'STATUS', 'DESCRIPTION', 'REFERENCE', 'INDEX', 'AUGMENTS', 'DEFVAL', 'UNITS',
  'OBJECT-TYPE', 'OBJECT', 'IDENTIFIER', 'OCTET', 'STRING', 'INTEGER', 'Integer32', 'Unsigned32', 'Counter32',
  'Counter64', 'Gauge32', 'TimeTicks', 'IpAddress', 'SEQUENCE', 'OF', 'SIZE', 'BITS', 'current', 'deprecated',
  'obsolete', 'mandatory', 'optional', 'read-only', 'read-write', 'read-create', 'not-accessible',
  'accessible-for-notify', 'write-only', 'OBJECTS', 'NOTIFICATION-TYPE', 'OBJECT-GROUP', 'NOTIFICATION-GROUP',
  'MODULE-COMPLIANCE', 'OBJECT-IDENTITY', 'MODULE-IDENTITY', 'TEXTUAL-CONVENTION', 'DISPLAY-HINT', 'MODULE',
  'MANDATORY-GROUPS', 'GROUP', 'MIN-ACCESS', 'WRITE-SYNTAX', 'NOTIFICATIONS', 'IMPORTS', 'FROM', 'BEGIN', 'END',
  'DEFINITIONS', 'LAST-UPDATED', 'ORGANIZATION', 'CONTACT-INFO', 'REVISION', 'IMPLIED', 'TRAP-TYPE', 'ENTERPRISE',
  'VARIABLES', 'SNMPv2-SMI', 'SNMPv2-TC', 'SNMPv2-CONF', 'DisplayString', 'TruthValue', 'RowStatus', 'Counter',
  'Gauge', 'enterprises', 'mib-2', 'true', 'false', 'AGENT-CAPABILITIES', 'SUPPORTS', 'INCLUDES', 'VARIATION',
  'PRODUCT-RELEASE', 'CREATION-REQUIRES', 'InterfaceIndex', 'TimeStamp', 'StorageType', 'InetAddress',
  'InetAddressType', 'SnmpAdminString', 'PhysAddress', 'MacAddress', 'DateAndTime', 'TimeInterval', 'RowPointer',
  'AutonomousType', 'MIN', 'MAX',
];
const KW_BITS = 10;
const KW_MASK = (1 << KW_BITS) - 1;
const KW_TABLE: (string | undefined)[] = new Array<string | undefined>(1 << KW_BITS).fill(undefined);
/** The keyword table's hash of `s[start, end)`: its length and three of its characters. */
function kwHash(s: string, start: number, end: number): number {
  const len = end - start;
  return (Math.imul(Math.imul(Math.imul(len, 31) + s.charCodeAt(start), 31) + s.charCodeAt(end - 1), 31) + s.charCodeAt(start + (len >> 1))) | 0;
}
for (const w of KEYWORDS) {
  let i = kwHash(w, 0, w.length) & KW_MASK;
  while (KW_TABLE[i] !== undefined) i = (i + 1) & KW_MASK;
  KW_TABLE[i] = w;
}

/** Something in the text the lexer noticed but tolerated (reported by the parser as a warning). */
export interface LexNote {
  /** A stable code such as `underscore-in-identifier`. */
  readonly code: string;
  /** What was found. */
  readonly message: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** The saved position of a lexer, for backtracking. */
export interface LexMark {
  readonly pos: number;
  readonly line: number;
  readonly lineStart: number;
  readonly kind: number;
  readonly start: number;
  readonly end: number;
  readonly tokLine: number;
  readonly tokCol: number;
  readonly text: string;
  readonly num: number;
}

/**
 * Scans SMI text one token at a time. After {@link Lexer.next}, the fields `kind`,
 * `start`, `end`, `tokLine`, `tokCol` describe the current token; `text` holds an
 * identifier's name and `num` a number's value.
 */
export class Lexer {
  /** The source text. */
  readonly src: string;
  /** Position of the next character to scan. */
  pos = 0;
  /** Current line (1-based) at `pos`. */
  line = 1;
  /** Offset of the first character of the current line. */
  lineStart = 0;
  /** Kind of the current token (a {@link Tok} value). */
  kind: number = Tok.Eof;
  /** Offset of the current token's first character. */
  start = 0;
  /** Offset after the current token's last character. */
  end = 0;
  /** Line of the current token. */
  tokLine = 1;
  /** Column (1-based) of the current token. */
  tokCol = 1;
  /** The identifier, for `Ident` tokens; empty otherwise. */
  text = '';
  /** The value of a `Number` token (may be inexact above 2^53; see {@link Lexer.bigValue}). */
  num = Number.NaN; // a double from the start: numbers above 2^31 do not change its representation
  /** Tolerated oddities found so far (underscores, unterminated comment...). */
  readonly notes: LexNote[] = [];

  constructor(src: string) {
    this.src = src;
  }

  /** Saves the lexer state. */
  mark(): LexMark {
    return { pos: this.pos, line: this.line, lineStart: this.lineStart, kind: this.kind, start: this.start, end: this.end, tokLine: this.tokLine, tokCol: this.tokCol, text: this.text, num: this.num };
  }

  /** Restores a state saved by {@link Lexer.mark}. */
  reset(m: LexMark): void {
    this.pos = m.pos;
    this.line = m.line;
    this.lineStart = m.lineStart;
    this.kind = m.kind;
    this.start = m.start;
    this.end = m.end;
    this.tokLine = m.tokLine;
    this.tokCol = m.tokCol;
    this.text = m.text;
    this.num = m.num;
  }

  /** The raw text of the current token. */
  raw(): string {
    return this.src.slice(this.start, this.end);
  }

  /** The contents of a String token, without its quotes. */
  stringValue(): string {
    return this.src.slice(this.start + 1, this.end - 1);
  }

  /** The contents of a HexString or BinString token, without quotes and suffix. */
  quotedValue(): string {
    return this.src.slice(this.start + 1, this.end - 2);
  }

  /** The exact value of a Number token. */
  bigValue(): bigint {
    return BigInt(this.src.slice(this.start, this.end));
  }

  /** Advances to the next token and returns its kind. */
  next(): number {
    const src = this.src;
    const n = src.length;
    let p = this.pos;
    let c = 0;
    // Skip white space and comments.
    for (;;) {
      if (p >= n) {
        this.pos = p;
        this.start = this.end = p;
        this.tokLine = this.line;
        this.tokCol = p - this.lineStart + 1;
        this.text = '';
        return (this.kind = Tok.Eof);
      }
      c = src.charCodeAt(p);
      if (c === 10) {
        p++;
        this.line++;
        this.lineStart = p;
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
        p++;
        continue;
      }
      if (c === 45 && p + 1 < n && src.charCodeAt(p + 1) === 45) {
        // RFC 2578 §3 (ASN.1 X.208): a comment runs from "--" to the next "--" or the end of the line.
        p = this.#commentEnd(p + 2);
        continue;
      }
      if (c > 127 && (c === 0xa0 || c === 0xfeff || c === 0x1a)) {
        p++;
        continue;
      }
      if (c === 0x1a || c === 0) {
        p++;
        continue;
      }
      break;
    }
    this.start = p;
    this.tokLine = this.line;
    this.tokCol = p - this.lineStart + 1;
    this.text = '';
    const cls = c < 128 ? CLASS[c]! : 0;
    if (cls & 1) {
      // Identifier: letters, digits, hyphens (never two in a row: that starts a comment).
      let q = p + 1;
      for (;;) {
        if (q >= n) break;
        const d = src.charCodeAt(q);
        if (d < 128 && CLASS[d]! & 4) {
          q++;
          continue;
        }
        if (d === 45) {
          if (q + 1 < n && src.charCodeAt(q + 1) === 45) break;
          q++;
          continue;
        }
        if (d === 95) {
          this.#underscore(q);
          q++;
          continue;
        }
        break;
      }
      this.pos = this.end = q;
      const len = q - p;
      const k = kwHash(src, p, q);
      let slot = k & KW_MASK;
      let word = KW_TABLE[slot];
      while (word !== undefined) {
        if (word.length === len && src.startsWith(word, p)) {
          this.text = word;
          return (this.kind = Tok.Ident);
        }
        slot = (slot + 1) & KW_MASK;
        word = KW_TABLE[slot];
      }
      this.text = src.slice(p, q);
      return (this.kind = Tok.Ident);
    }
    if (cls & 2 || (c === 45 && p + 1 < n && isDigit(src.charCodeAt(p + 1)))) {
      const from = c === 45 ? p + 1 : p;
      let q = from;
      let v = 0;
      while (q < n) {
        const d = src.charCodeAt(q);
        if (d < 48 || d > 57) break;
        if (q - from < 9) v = v * 10 + (d - 48);
        q++;
      }
      // A number glued to letters (`1st`) is not SMI; let the parser complain on the next token.
      this.pos = this.end = q;
      // Up to 9 digits stay small integers; longer ones (4294967295, 2^64-1) are parsed apart.
      this.num = q - from > 9 ? bigNumber(src, p, q) : c === 45 ? 0 - v : v;
      return (this.kind = Tok.Number);
    }
    const single = c < 128 ? SINGLE[c]! : 0;
    if (single !== 0) {
      this.pos = this.end = p + 1;
      return (this.kind = single);
    }
    return this.#special(p, c);
  }

  /** Strings, hex and binary strings, `::=`, `..`, `.` and stray characters (kept out of the hot path). */
  #special(p: number, c: number): number {
    const src = this.src;
    const n = src.length;
    switch (c) {
      case 34: {
        // "...": no escapes in SMI; a string may span lines.
        const q = src.indexOf('"', p + 1);
        if (q < 0) {
          this.#countLines(p + 1, n);
          this.pos = this.end = n;
          this.kind = Tok.Other;
          this.text = 'unterminated string';
          return this.kind;
        }
        this.#countLines(p + 1, q);
        this.pos = this.end = q + 1;
        return (this.kind = Tok.String);
      }
      case 39: {
        // '0A'H or '0101'B
        let q = p + 1;
        while (q < n) {
          const d = src.charCodeAt(q);
          if (d === 39 || d === 10) break;
          q++;
        }
        if (q < n && src.charCodeAt(q) === 39 && q + 1 < n) {
          const s = src.charCodeAt(q + 1) | 0x20;
          if (s === 104 || s === 98) {
            this.pos = this.end = q + 2;
            return (this.kind = s === 104 ? Tok.HexString : Tok.BinString);
          }
        }
        this.pos = this.end = p + 1;
        return (this.kind = Tok.Other);
      }
      case 58:
        if (src.charCodeAt(p + 1) === 58 && src.charCodeAt(p + 2) === 61) {
          this.pos = this.end = p + 3;
          return (this.kind = Tok.Assign);
        }
        break;
      case 46:
        if (src.charCodeAt(p + 1) === 46) {
          this.pos = this.end = p + 2;
          return (this.kind = Tok.Range);
        }
        this.pos = this.end = p + 1;
        return (this.kind = Tok.Dot);
      default:
        break;
    }
    this.pos = this.end = p + 1;
    this.text = src.charAt(p);
    return (this.kind = Tok.Other);
  }

  #underscore(q: number): void {
    this.notes.push({ code: 'underscore-in-identifier', message: 'underscore in identifier', line: this.line, column: q - this.lineStart + 1 });
  }

  // Next "--" at or after #ddFrom (or -1); positions only move forward, so one search per comment.
  #dd = -2;
  #ddFrom = 0;

  /** Counts the newlines in src[from, to) into line/lineStart. */
  #countLines(from: number, to: number): void {
    const src = this.src;
    let k = src.indexOf('\n', from);
    while (k >= 0 && k < to) {
      this.line++;
      this.lineStart = k + 1;
      k = src.indexOf('\n', k + 1);
    }
  }

  /** The position after a comment whose text starts at `p` (after its opening "--"). */
  #commentEnd(p: number): number {
    const src = this.src;
    let nl = src.indexOf('\n', p);
    if (nl < 0) nl = src.length;
    if (this.#dd === -2 || this.#ddFrom > p || (this.#dd >= 0 && this.#dd < p)) {
      this.#dd = src.indexOf('--', p);
      this.#ddFrom = p;
    }
    const dd = this.#dd;
    if (dd >= 0 && dd < nl) return dd + 2;
    return nl;
  }

  /** A short description of the current token for error messages: `identifier "foo"`. */
  describe(): string {
    switch (this.kind) {
      case Tok.Eof:
        return 'end of file';
      case Tok.Ident:
        return `"${this.text}"`;
      case Tok.Number:
        return `number ${this.raw()}`;
      case Tok.String: {
        const s = this.raw();
        return s.length > 24 ? `string ${s.slice(0, 20)}..."` : `string ${s}`;
      }
      case Tok.Other:
        return this.text === 'unterminated string' ? 'unterminated string' : `"${this.raw()}"`;
      default:
        return tokName(this.kind);
    }
  }
}

/** The value of a long decimal number (as a double: may be inexact above 2^53). */
function bigNumber(src: string, from: number, to: number): number {
  return Number(src.slice(from, to));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
