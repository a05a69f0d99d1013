/**
 * A hand-written lexer for SMIv1/SMIv2 module text (RFC 1155, RFC 2578 §3 and the ASN.1
 * subset they use). It scans the bytes of the text (a typed array: one indexed load per
 * character, cheaper than `charCodeAt` before the code is optimized), keeps the current
 * token in its own fields, hands out constant strings for keywords and skips strings and
 * comments with `indexOf`; scanning allocates only the identifier strings the parser
 * asks for.
 */

import { KEYWORDS, Tok, tokName } from './tokens.js';

// Token kinds and keyword numbers of ./tokens.ts, as constants of this module: an
// imported binding costs a lookup on every use until V8 optimizes the code (the copies
// are checked against ./tokens.ts by test/mib/lexer.test.ts).
const T_EOF: number = 0;
const T_IDENT: number = 1;
const T_NUMBER: number = 2;
const T_OTHER: number = 18;
const T_STRING: number = 3;

export { KEYWORDS, Tok, tokName };

/**
 * What a byte starts or continues: 1 identifier start (letter), 2 digit, 4 identifier
 * part, 8 white space (not newline), 16 a one-character token; 0 anything else.
 */
const CLASS = new Uint8Array(256);
for (let c = 65; c <= 90; c++) CLASS[c] = 1 | 4;
for (let c = 97; c <= 122; c++) CLASS[c] = 1 | 4;
for (let c = 48; c <= 57; c++) CLASS[c] = 2 | 4;
// Blanks: space, tab, CR, FF, VT, NUL, SUB (DOS end of file), NBSP (Latin-1 / U+00A0).
for (const c of [32, 9, 13, 12, 11, 0, 0x1a, 0xa0]) CLASS[c] = 8;

/** Token kinds of the one-character tokens (0: not one). */
const SINGLE = new Uint8Array(256);
SINGLE[123] = Tok.LBrace;
SINGLE[125] = Tok.RBrace;
SINGLE[40] = Tok.LParen;
SINGLE[41] = Tok.RParen;
SINGLE[91] = Tok.LBracket;
SINGLE[93] = Tok.RBracket;
SINGLE[44] = Tok.Comma;
SINGLE[59] = Tok.Semi;
SINGLE[124] = Tok.Bar;
for (let c = 0; c < 256; c++) if (SINGLE[c] !== 0) CLASS[c] = 16;


const KW_TABLE_BITS = 10;
const KW_MASK = (1 << KW_TABLE_BITS) - 1;
/** Open-addressing table of keyword numbers (0: empty), keyed by {@link kwHash}. */
const KW_SLOT = new Uint8Array(1 << KW_TABLE_BITS);
/** The keyword table's hash of a word: its length and three of its characters. */
function kwHash(len: number, first: number, last: number, middle: number): number {
  return (Math.imul(Math.imul(Math.imul(len, 31) + first, 31) + last, 31) + middle) & KW_MASK;
}
/** The keywords, held by this module (an imported binding costs a lookup on each use before V8 optimizes). */
const WORDS: readonly string[] = KEYWORDS;
for (let k = 0; k < WORDS.length; k++) {
  const w = WORDS[k]!;
  let i = kwHash(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1), w.charCodeAt(w.length >> 1));
  while (KW_SLOT[i] !== 0) i = (i + 1) & KW_MASK;
  KW_SLOT[i] = k + 1;
}

/**
 * The bytes the lexer scans for a text: its characters where they fit in a byte. A
 * character above U+00FF only matters as "not SMI" (it may stand in strings and
 * comments): it becomes 0x80, except U+FEFF (a byte order mark), read as a blank.
 */
export function scanBytes(src: string): Uint8Array {
  const b = Buffer.from(src, 'latin1');
  if (b.length !== src.length) return fallbackBytes(src);
  const wide = /[^\x00-\xff]/g;
  let m: RegExpExecArray | null;
  while ((m = wide.exec(src)) !== null) b[m.index] = src.charCodeAt(m.index) === 0xfeff ? 0xa0 : 0x80;
  return b;
}

function fallbackBytes(src: string): Uint8Array {
  const b = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    b[i] = c < 256 ? c : c === 0xfeff ? 0xa0 : 0x80;
  }
  return b;
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
  readonly kw: number;
}

/**
 * Scans SMI text one token at a time. After {@link Lexer.next}, the fields `kind`,
 * `start`, `end`, `tokLine`, `tokCol` describe the current token; `text` holds an
 * identifier's name (`kw` its keyword number, 0 for other names) and `num` a number's
 * value.
 */
export class Lexer {
  /** The source text. */
  readonly src: string;
  /** The text's characters as bytes (see {@link scanBytes}). */
  readonly bytes: Uint8Array;
  /** Position of the next character to scan. */
  pos = 0;
  /** Current line (1-based) at `pos`. */
  line = 1;
  /** Offset of the first character of the current line. */
  lineStart = 0;
  /** Kind of the current token (a {@link Tok} value). */
  kind: number = T_EOF;
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
  /** The keyword number of an `Ident` token (its place in {@link KEYWORDS} plus one), 0 for other names. */
  kw = 0;
  /** The value of a `Number` token (may be inexact above 2^53; see {@link Lexer.bigValue}). */
  num = Number.NaN; // a double from the start: numbers above 2^31 do not change its representation
  /** Tolerated oddities found so far (underscores, unterminated comment...). */
  readonly notes: LexNote[] = [];

  /**
   * @param src the text.
   * @param bytes its characters as bytes, when the caller has them (an ASCII or Latin-1
   *   file's contents); default: made from `src` by {@link scanBytes}.
   */
  constructor(src: string, bytes?: Uint8Array) {
    this.src = src;
    this.bytes = bytes !== undefined && bytes.length === src.length ? bytes : scanBytes(src);
  }

  /** Saves the lexer state. */
  mark(): LexMark {
    return { pos: this.pos, line: this.line, lineStart: this.lineStart, kind: this.kind, start: this.start, end: this.end, tokLine: this.tokLine, tokCol: this.tokCol, text: this.text, num: this.num, kw: this.kw };
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
    this.kw = m.kw;
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
    const b = this.bytes;
    const n = b.length;
    let p = this.pos;
    let c = 0;
    let cls = 0;
    // Skip white space and comments.
    for (;;) {
      if (p >= n) return this.#eof(p);
      c = b[p]!;
      cls = CLASS[c]!;
      if (cls === 8) {
        p++;
        continue;
      }
      if (c === 10) {
        p++;
        this.line++;
        this.lineStart = p;
        continue;
      }
      if (c === 45 && p + 1 < n && b[p + 1] === 45) {
        // RFC 2578 §3 (ASN.1 X.208): a comment runs from "--" to the next "--" or the end of the line.
        p = this.#commentEnd(p + 2);
        continue;
      }
      break;
    }
    this.start = p;
    this.tokLine = this.line;
    this.tokCol = p - this.lineStart + 1;
    if (cls & 1) {
      // Identifier: letters, digits, hyphens (never two in a row: that starts a comment).
      let q = p + 1;
      let d = 0;
      while (q < n) {
        d = b[q]!;
        if (CLASS[d]! & 4) q++;
        else if (d === 45 && b[q + 1] !== 45) q++;
        else if (d === 95) q = this.#underscore(q);
        else break;
      }
      this.pos = this.end = q;
      this.kind = T_IDENT;
      const len = q - p;
      let slot = (Math.imul(Math.imul(Math.imul(len, 31) + c, 31) + b[q - 1]!, 31) + b[p + (len >> 1)]!) & KW_MASK;
      let k = KW_SLOT[slot]!;
      while (k !== 0) {
        const word = WORDS[k - 1]!;
        if (word.length === len && this.src.startsWith(word, p)) {
          this.text = word;
          this.kw = k;
          return T_IDENT;
        }
        slot = (slot + 1) & KW_MASK;
        k = KW_SLOT[slot]!;
      }
      this.text = this.src.slice(p, q);
      this.kw = 0;
      return T_IDENT;
    }
    this.text = '';
    this.kw = 0;
    if (cls === 16) {
      this.pos = this.end = p + 1;
      return (this.kind = SINGLE[c]!);
    }
    if (cls & 2 || (c === 45 && p + 1 < n && CLASS[b[p + 1]!]! & 2)) {
      const from = c === 45 ? p + 1 : p;
      let q = from;
      let v = 0;
      while (q < n) {
        const d = b[q]! - 48;
        if (d < 0 || d > 9) break;
        if (q - from < 9) v = v * 10 + d;
        q++;
      }
      // A number glued to letters (`1st`) is not SMI; let the parser complain on the next token.
      this.pos = this.end = q;
      // Up to 9 digits stay small integers; longer ones (4294967295, 2^64-1) are parsed apart.
      this.num = q - from > 9 ? bigNumber(this.src, p, q) : c === 45 ? 0 - v : v;
      return (this.kind = T_NUMBER);
    }
    return this.#special(p, c);
  }

  #eof(p: number): number {
    this.pos = p;
    this.start = this.end = p;
    this.tokLine = this.line;
    this.tokCol = p - this.lineStart + 1;
    this.text = '';
    this.kw = 0;
    return (this.kind = T_EOF);
  }

  /** Strings, hex and binary strings, `::=`, `..`, `.` and stray characters (kept out of the hot path). */
  #special(p: number, c: number): number {
    const src = this.src;
    const b = this.bytes;
    const n = b.length;
    switch (c) {
      case 34: {
        // "...": no escapes in SMI; a string may span lines.
        const q = src.indexOf('"', p + 1);
        if (q < 0) {
          this.#countLines(p + 1, n);
          this.pos = this.end = n;
          this.kind = T_OTHER;
          this.text = 'unterminated string';
          return T_OTHER;
        }
        this.#countLines(p + 1, q);
        this.pos = this.end = q + 1;
        return (this.kind = T_STRING);
      }
      case 39: {
        // '0A'H or '0101'B
        let q = p + 1;
        while (q < n) {
          const d = b[q]!;
          if (d === 39 || d === 10) break;
          q++;
        }
        if (q < n && b[q] === 39 && q + 1 < n) {
          const s = b[q + 1]! | 0x20;
          if (s === 104 || s === 98) {
            this.pos = this.end = q + 2;
            return (this.kind = s === 104 ? Tok.HexString : Tok.BinString);
          }
        }
        this.pos = this.end = p + 1;
        return (this.kind = T_OTHER);
      }
      case 58:
        if (b[p + 1] === 58 && b[p + 2] === 61) {
          this.pos = this.end = p + 3;
          return (this.kind = Tok.Assign);
        }
        break;
      case 46:
        if (b[p + 1] === 46) {
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
    return (this.kind = T_OTHER);
  }

  /** Notes an underscore at `q` in an identifier; returns the position after it. */
  #underscore(q: number): number {
    this.notes.push({ code: 'underscore-in-identifier', message: 'underscore in identifier', line: this.line, column: q - this.lineStart + 1 });
    return q + 1;
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
