/**
 * The token-level half of the SMI parser: expectations with precise errors, SYNTAX
 * clauses (RFC 2578 §7.1 and §9), OID values (RFC 2578 §3.5) and DEFVAL values (§7.9).
 *
 * Loading a search path parses megabytes of text before V8 has optimized this code, so
 * tokens are tested by kind and keyword number (constants, no property lookup) rather
 * than by string, and the common paths avoid helper calls.
 */
import { MibError } from '../errors.js';
import type { DefvalAst, NamedNumberAst, OidComponentAst, OidValueAst, RangeAst, SyntaxAst, SyntaxAstKind } from './ast.js';
import { DiagnosticSink } from './diagnostics.js';
import { Lexer } from './lexer.js';
import { tokName } from './tokens.js';

// Token kinds and keyword numbers of ./tokens.ts, as constants of this module: an
// imported binding costs a lookup on every use until V8 optimizes the code (the copies
// are checked against ./tokens.ts by test/mib/lexer.test.ts).
const KW_BIT: number = 65;
const KW_BITS: number = 64;
const KW_CHOICE: number = 69;
const KW_CREATION_REQUIRES: number = 30;
const KW_END: number = 56;
const KW_EXPLICIT: number = 72;
const KW_IDENTIFIER: number = 60;
const KW_IMPLICIT: number = 71;
const KW_INTEGER: number = 63;
const KW_MAX: number = 75;
const KW_MIN: number = 74;
const KW_NULL: number = 66;
const KW_OBJECT: number = 24;
const KW_OCTET: number = 61;
const KW_OF: number = 68;
const KW_SEQUENCE: number = 67;
const KW_SIZE: number = 70;
const KW_STRING: number = 62;
const KW_SYNTAX: number = 1;
const T_BAR: number = 16;
const T_BIN: number = 5;
const T_COMMA: number = 13;
const T_DOT: number = 17;
const T_HEX: number = 4;
const T_IDENT: number = 1;
const T_LBRACE: number = 7;
const T_LBRACKET: number = 11;
const T_LPAREN: number = 9;
const T_NUMBER: number = 2;
const T_RANGE: number = 15;
const T_RBRACE: number = 8;
const T_RBRACKET: number = 12;
const T_RPAREN: number = 10;
const T_STRING: number = 3;

/** Words that start a clause of a macro; a name list or a syntax stops before them. */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'SYNTAX', 'UNITS', 'ACCESS', 'MAX-ACCESS', 'MIN-ACCESS', 'STATUS', 'DESCRIPTION', 'REFERENCE', 'INDEX', 'AUGMENTS',
  'DEFVAL', 'DISPLAY-HINT', 'OBJECTS', 'NOTIFICATIONS', 'VARIABLES', 'ENTERPRISE', 'LAST-UPDATED', 'ORGANIZATION',
  'CONTACT-INFO', 'REVISION', 'MODULE', 'MANDATORY-GROUPS', 'GROUP', 'OBJECT', 'WRITE-SYNTAX', 'PRODUCT-RELEASE',
  'SUPPORTS', 'INCLUDES', 'VARIATION', 'CREATION-REQUIRES',
]);

/** Whether a keyword number is one of {@link CLAUSE_WORDS} (they are numbered first). */
export function isClauseWord(kw: number): boolean {
  return kw >= KW_SYNTAX && kw <= KW_CREATION_REQUIRES;
}

/** Token helpers and the parts of SMI shared by every macro. */
export class SyntaxParser {
  /** The lexer over the module text. */
  protected readonly lx: Lexer;
  /** The file name used in errors. */
  protected readonly file: string;
  /** Warnings (and errors that do not stop parsing). */
  readonly diagnostics: DiagnosticSink;

  constructor(text: string, file: string, bytes?: Uint8Array) {
    this.lx = new Lexer(text, bytes);
    this.file = file;
    this.diagnostics = new DiagnosticSink(file);
    this.lx.next();
  }

  /** Throws a MibError at the current token: `expected X, found Y`. */
  protected fail(expected: string): never {
    const lx = this.lx;
    throw new MibError(this.file, lx.tokLine, lx.tokCol, `expected ${expected}, found ${lx.describe()}`);
  }

  /** Records a warning at the current token. */
  protected warn(code: string, message: string): void {
    this.diagnostics.warn(code, message, this.lx.tokLine, this.lx.tokCol);
  }

  /** True when the current token is the identifier `word`. */
  protected is(word: string): boolean {
    return this.lx.kind === T_IDENT && this.lx.text === word;
  }

  /** Consumes the identifier `word` if it is the current token. */
  protected acceptWord(word: string): boolean {
    if (this.lx.kind === T_IDENT && this.lx.text === word) {
      this.lx.next();
      return true;
    }
    return false;
  }

  /** Consumes the identifier `word` or fails. */
  protected expectWord(word: string): void {
    if (!this.acceptWord(word)) this.fail(`"${word}"`);
  }

  /** Consumes the keyword numbered `kw` (a non-zero keyword number is always an identifier) if it is the current token. */
  protected acceptKw(kw: number): boolean {
    const lx = this.lx;
    if (lx.kw !== kw) return false;
    lx.next();
    return true;
  }

  /** Consumes the keyword numbered `kw`, written `word`, or fails. */
  protected expectKw(kw: number, word: string): void {
    const lx = this.lx;
    if (lx.kw !== kw) this.fail(`"${word}"`);
    lx.next();
  }

  /** Consumes a token of `kind` if it is the current one. */
  protected accept(kind: number): boolean {
    if (this.lx.kind === kind) {
      this.lx.next();
      return true;
    }
    return false;
  }

  /** Consumes a token of `kind` or fails. */
  protected expect(kind: number): void {
    const lx = this.lx;
    if (lx.kind !== kind) this.fail(tokName(kind));
    lx.next();
  }

  /** Consumes an identifier and returns it, or fails. */
  protected ident(what = 'an identifier'): string {
    const lx = this.lx;
    if (lx.kind !== T_IDENT) this.fail(what);
    const t = lx.text;
    lx.next();
    return t;
  }

  /** Consumes a quoted string and returns its contents, or fails. */
  protected string(what = 'a quoted string'): string {
    const lx = this.lx;
    if (lx.kind !== T_STRING) this.fail(what);
    const s = lx.stringValue();
    lx.next();
    return s;
  }

  /** Consumes a (possibly negative) number and returns its value, or fails. */
  protected number(what = 'a number'): number {
    const lx = this.lx;
    if (lx.kind !== T_NUMBER) this.fail(what);
    const v = lx.num;
    lx.next();
    return v;
  }

  /** After an item of a `{ ... }` list: a comma (warned before `}`), a missing comma (warned) or `}`. */
  protected listSeparator(): void {
    const lx = this.lx;
    const k = lx.kind;
    if (k === T_COMMA) {
      lx.next();
      if (lx.kind === T_RBRACE) this.warn('trailing-comma', 'comma before "}"');
    } else if (k === T_IDENT) {
      this.warn('missing-comma', `missing "," before "${lx.text}"`);
    } else if (k !== T_RBRACE) this.fail('"," or "}"');
  }

  /** `{ a, b, c }`: a list of descriptors. */
  protected nameList(what: string): string[] {
    const lx = this.lx;
    if (lx.kind !== T_LBRACE) this.fail(tokName(T_LBRACE));
    lx.next();
    const out: string[] = [];
    while (lx.kind !== T_RBRACE) {
      if (lx.kind !== T_IDENT) this.fail(what);
      let name = lx.text;
      lx.next();
      // A qualified `MODULE.name`: keep the descriptor.
      if (lx.kind === T_DOT) {
        lx.next();
        name = this.ident(`a descriptor after "."`);
      }
      out.push(name);
      if (lx.kind !== T_RBRACE) this.listSeparator();
    }
    lx.next();
    return out;
  }

  /** An OID value `{ iso org(3) 6 1 }`. */
  protected oidValue(): OidValueAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    if (lx.kind !== T_LBRACE) this.fail('"{" starting an OBJECT IDENTIFIER value');
    lx.next();
    const components: OidComponentAst[] = [];
    for (;;) {
      const k = lx.kind;
      if (k === T_RBRACE) break;
      const cl = lx.tokLine;
      const cc = lx.tokCol;
      if (k === T_NUMBER) {
        const num = lx.num;
        if (num < 0 || num > 0xffffffff) throw new MibError(this.file, cl, cc, `OID arc ${lx.raw()} is not in 0..4294967295`);
        components.push({ name: undefined, number: num, line: cl, column: cc });
        lx.next();
      } else if (k === T_IDENT) {
        components.push(this.oidName(cl, cc));
      } else if (k === T_COMMA) {
        this.warn('oid-comma', 'comma inside an OBJECT IDENTIFIER value');
        lx.next();
      } else {
        this.fail('a name or number in an OBJECT IDENTIFIER value, or "}"');
      }
    }
    lx.next();
    if (components.length === 0) throw new MibError(this.file, line, column, 'empty OBJECT IDENTIFIER value');
    return { components, line, column };
  }

  /** A named OID component: `name`, `name(number)` or `MODULE.name`. */
  private oidName(line: number, column: number): OidComponentAst {
    const lx = this.lx;
    let name = lx.text;
    const kw = lx.kw;
    if (kw !== 0 && (kw === KW_END || isClauseWord(kw))) this.fail('"}" closing the OBJECT IDENTIFIER value');
    lx.next();
    if (lx.kind === T_DOT) {
      // MODULE.name
      lx.next();
      name = this.ident('a descriptor after "."');
    }
    if (lx.kind !== T_LPAREN) return { name, number: undefined, line, column };
    lx.next();
    if (lx.kind !== T_NUMBER) this.fail('a number in "name(number)"');
    const num = lx.num;
    if (num < 0 || num > 0xffffffff) throw new MibError(this.file, lx.tokLine, lx.tokCol, `OID arc ${lx.raw()} is not in 0..4294967295`);
    lx.next();
    this.expect(T_RPAREN);
    return { name, number: num, line, column };
  }

  /** A range bound: a number, hex or binary string, or MIN/MAX. */
  protected rangeValue(): bigint | 'MIN' | 'MAX' {
    const lx = this.lx;
    switch (lx.kind) {
      case T_NUMBER: {
        const v = Math.abs(lx.num) <= Number.MAX_SAFE_INTEGER ? BigInt(lx.num) : lx.bigValue();
        lx.next();
        return v;
      }
      case T_HEX: {
        const s = lx.quotedValue();
        lx.next();
        return s === '' ? 0n : BigInt('0x' + s);
      }
      case T_BIN: {
        const s = lx.quotedValue();
        lx.next();
        return s === '' ? 0n : BigInt('0b' + s);
      }
      case T_IDENT:
        if (lx.kw === KW_MIN || lx.kw === KW_MAX) {
          const w = lx.kw === KW_MIN ? 'MIN' : 'MAX';
          lx.next();
          return w;
        }
        break;
      default:
        break;
    }
    return this.fail('a number in a range');
  }

  /** `a..b | c` up to (not including) the closing parenthesis. */
  protected rangeList(): RangeAst[] {
    const out: RangeAst[] = [];
    const lx = this.lx;
    for (;;) {
      const lo = this.rangeValue();
      let hi: bigint | 'MIN' | 'MAX' = lo;
      if (lx.kind === T_RANGE) {
        lx.next();
        hi = this.rangeValue();
      }
      out.push({ min: lo === 'MAX' ? 'MIN' : lo, max: hi === 'MIN' ? 'MAX' : hi } as RangeAst);
      if (lx.kind !== T_BAR) break;
      lx.next();
    }
    return out;
  }

  /** `{ a(1), b(2) }` */
  protected namedNumbers(): NamedNumberAst[] {
    const lx = this.lx;
    this.expect(T_LBRACE);
    const out: NamedNumberAst[] = [];
    while (lx.kind !== T_RBRACE) {
      const name = this.ident('a name in an enumeration');
      this.expect(T_LPAREN);
      const value = this.number('a number in "name(number)"');
      this.expect(T_RPAREN);
      out.push({ name, value });
      if (lx.kind !== T_RBRACE) this.listSeparator();
    }
    lx.next();
    if (out.length === 0) this.warn('empty-enumeration', 'empty enumeration');
    return out;
  }

  /**
   * A type: `[APPLICATION n] IMPLICIT` tag, then a base type, a SEQUENCE / CHOICE, or a
   * type name, with an optional enumeration, range or SIZE refinement.
   */
  protected syntax(): SyntaxAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    let tag: { cls: string; number: number } | undefined;
    if (lx.kind === T_LBRACKET) tag = this.tag();
    if (lx.kind !== T_IDENT) this.fail('a type');
    const word = lx.text;
    const kw = lx.kw;
    let kind: SyntaxAstKind = 'named';
    let name = word;
    let module: string | undefined;
    let members: { name: string; syntax: SyntaxAst }[] | undefined;
    let entry: string | undefined;
    lx.next();
    switch (kw) {
      case 0:
        if (lx.kind === T_DOT) {
          lx.next();
          module = word;
          name = this.ident('a type name after "."');
        }
        break;
      case KW_INTEGER:
        kind = 'INTEGER';
        break;
      case KW_OCTET:
        this.expectKw(KW_STRING, 'STRING');
        kind = 'OCTET STRING';
        name = 'OCTET STRING';
        break;
      case KW_OBJECT:
        this.expectKw(KW_IDENTIFIER, 'IDENTIFIER');
        kind = 'OBJECT IDENTIFIER';
        name = 'OBJECT IDENTIFIER';
        break;
      case KW_BITS:
        kind = 'BITS';
        break;
      case KW_BIT:
        this.expectKw(KW_STRING, 'STRING');
        kind = 'BITS';
        name = 'BITS';
        this.warn('bit-string', 'BIT STRING is not SMI; read as BITS');
        break;
      case KW_NULL:
        kind = 'NULL';
        break;
      case KW_SEQUENCE:
        if (this.acceptKw(KW_OF)) {
          kind = 'SEQUENCE OF';
          name = 'SEQUENCE OF';
          entry = this.ident('the entry type of SEQUENCE OF');
        } else {
          kind = 'SEQUENCE';
          members = this.members();
        }
        break;
      case KW_CHOICE:
        kind = 'CHOICE';
        members = this.members();
        break;
      default:
        if (lx.kind === T_DOT) {
          lx.next();
          module = word;
          name = this.ident('a type name after "."');
        }
        break;
    }
    let enums: NamedNumberAst[] | undefined;
    let ranges: RangeAst[] | undefined;
    let sizes: RangeAst[] | undefined;
    const k = lx.kind;
    if (k === T_LBRACE && (kind === 'INTEGER' || kind === 'BITS' || kind === 'named')) {
      enums = this.namedNumbers();
    } else if (k === T_LPAREN && kind !== 'SEQUENCE' && kind !== 'CHOICE' && kind !== 'SEQUENCE OF') {
      lx.next();
      if (this.acceptKw(KW_SIZE)) {
        this.expect(T_LPAREN);
        sizes = this.rangeList();
        this.expect(T_RPAREN);
      } else {
        ranges = this.rangeList();
      }
      this.expect(T_RPAREN);
      if (kind === 'OCTET STRING' && ranges !== undefined) {
        this.diagnostics.warn('size-without-SIZE', 'OCTET STRING range without SIZE; read as a SIZE', line, column);
        sizes = ranges;
        ranges = undefined;
      }
    }
    return { kind, name, module, tag, enums, ranges, sizes, members, entry, line, column };
  }

  /** `[APPLICATION n] IMPLICIT` (or EXPLICIT) of a type assignment. */
  private tag(): { cls: string; number: number } {
    const lx = this.lx;
    lx.next();
    let cls = 'CONTEXT';
    if (lx.kind === T_IDENT) cls = this.ident();
    const n = this.number('a tag number');
    this.expect(T_RBRACKET);
    if (!this.acceptKw(KW_IMPLICIT)) this.acceptKw(KW_EXPLICIT);
    return { cls, number: n };
  }

  /** `{ name Type, ... }` of a SEQUENCE or CHOICE. */
  private members(): { name: string; syntax: SyntaxAst }[] {
    const lx = this.lx;
    this.expect(T_LBRACE);
    const out: { name: string; syntax: SyntaxAst }[] = [];
    while (lx.kind !== T_RBRACE) {
      const name = this.ident('a member name');
      const syntax = this.syntax();
      out.push({ name, syntax });
      if (lx.kind !== T_RBRACE) this.listSeparator();
    }
    lx.next();
    return out;
  }

  /** `DEFVAL { value }` after the keyword. */
  protected defval(): DefvalAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    if (lx.kind !== T_LBRACE) this.fail('"{" after DEFVAL');
    const open = lx.end;
    lx.next();
    let kind: DefvalAst['kind'];
    let value: string | string[];
    switch (lx.kind) {
      case T_NUMBER:
        kind = 'number';
        value = lx.raw();
        lx.next();
        break;
      case T_STRING:
        kind = 'string';
        value = lx.stringValue();
        lx.next();
        break;
      case T_HEX:
        kind = 'hex';
        value = lx.quotedValue();
        lx.next();
        break;
      case T_BIN:
        kind = 'binary';
        value = lx.quotedValue();
        lx.next();
        break;
      case T_IDENT:
        kind = 'name';
        value = lx.text;
        lx.next();
        if (lx.kind !== T_RBRACE) {
          // { iso 3 6 1 }: an OID value written without inner braces.
          const parts: string[] = [value];
          while (lx.kind === T_IDENT || lx.kind === T_NUMBER || lx.kind === T_LPAREN || lx.kind === T_RPAREN) {
            parts.push(lx.raw());
            lx.next();
          }
          kind = 'oid';
          value = parts;
        }
        break;
      case T_LBRACE: {
        // { { a, b } } BITS, or { { iso 3 6 } } an OID value.
        lx.next();
        const parts: string[] = [];
        let commas = false;
        while (lx.kind !== T_RBRACE) {
          if (lx.kind === T_COMMA) commas = true;
          else if (lx.kind === T_IDENT || lx.kind === T_NUMBER) parts.push(lx.raw());
          else if (lx.kind === T_LPAREN || lx.kind === T_RPAREN) parts.push(lx.raw());
          else this.fail('a name or number inside DEFVAL');
          lx.next();
        }
        lx.next();
        kind = commas || parts.length <= 1 || !parts.some((p) => /^\d/.test(p)) ? 'bits' : 'oid';
        value = parts;
        break;
      }
      case T_RBRACE:
        this.warn('empty-defval', 'empty DEFVAL');
        kind = 'string';
        value = '';
        break;
      default:
        this.fail('a DEFVAL value');
    }
    if (lx.kind !== T_RBRACE) this.fail('"}" closing DEFVAL');
    const text = lx.src.slice(open, lx.start).trim();
    lx.next();
    return { kind, value, text, line, column };
  }
}
