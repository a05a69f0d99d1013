/**
 * The token-level half of the SMI parser: expectations with precise errors, SYNTAX
 * clauses (RFC 2578 §7.1 and §9), OID values (RFC 2578 §3.5) and DEFVAL values (§7.9).
 */
import { MibError } from '../errors.js';
import type { DefvalAst, NamedNumberAst, OidComponentAst, OidValueAst, RangeAst, SyntaxAst, SyntaxAstKind } from './ast.js';
import { DiagnosticSink } from './diagnostics.js';
import { Lexer, Tok, tokName } from './lexer.js';

/** Words that start a clause of a macro; a name list or a syntax stops before them. */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'SYNTAX', 'UNITS', 'ACCESS', 'MAX-ACCESS', 'MIN-ACCESS', 'STATUS', 'DESCRIPTION', 'REFERENCE', 'INDEX', 'AUGMENTS',
  'DEFVAL', 'DISPLAY-HINT', 'OBJECTS', 'NOTIFICATIONS', 'VARIABLES', 'ENTERPRISE', 'LAST-UPDATED', 'ORGANIZATION',
  'CONTACT-INFO', 'REVISION', 'MODULE', 'MANDATORY-GROUPS', 'GROUP', 'OBJECT', 'WRITE-SYNTAX', 'PRODUCT-RELEASE',
  'SUPPORTS', 'INCLUDES', 'VARIATION', 'CREATION-REQUIRES',
]);

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
    return this.lx.kind === Tok.Ident && this.lx.text === word;
  }

  /** Consumes the identifier `word` if it is the current token. */
  protected acceptWord(word: string): boolean {
    if (this.lx.kind === Tok.Ident && this.lx.text === word) {
      this.lx.next();
      return true;
    }
    return false;
  }

  /** Consumes the identifier `word` or fails. */
  protected expectWord(word: string): void {
    if (!this.acceptWord(word)) this.fail(`"${word}"`);
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
    if (this.lx.kind !== kind) this.fail(tokName(kind));
    this.lx.next();
  }

  /** Consumes an identifier and returns it, or fails. */
  protected ident(what = 'an identifier'): string {
    const lx = this.lx;
    if (lx.kind !== Tok.Ident) this.fail(what);
    const t = lx.text;
    lx.next();
    return t;
  }

  /** Consumes a quoted string and returns its contents, or fails. */
  protected string(what = 'a quoted string'): string {
    const lx = this.lx;
    if (lx.kind !== Tok.String) this.fail(what);
    const s = lx.stringValue();
    lx.next();
    return s;
  }

  /** Consumes a (possibly negative) number and returns its value, or fails. */
  protected number(what = 'a number'): number {
    const lx = this.lx;
    if (lx.kind !== Tok.Number) this.fail(what);
    const v = lx.num;
    lx.next();
    return v;
  }

  /** `{ a, b, c }`: a list of descriptors. */
  protected nameList(what: string): string[] {
    this.expect(Tok.LBrace);
    const out: string[] = [];
    const lx = this.lx;
    while (lx.kind !== Tok.RBrace) {
      if (lx.kind === Tok.Ident) {
        out.push(lx.text);
        lx.next();
        // A qualified `MODULE.name`: keep the descriptor.
        if (lx.kind === Tok.Dot) {
          lx.next();
          out[out.length - 1] = this.ident(`a descriptor after "."`);
        }
      } else this.fail(what);
      if (lx.kind === Tok.Comma) {
        lx.next();
        if (lx.kind === Tok.RBrace) this.warn('trailing-comma', 'comma before "}"');
      } else if (lx.kind === Tok.Ident) {
        this.warn('missing-comma', `missing "," before "${lx.text}"`);
      } else if (lx.kind !== Tok.RBrace) this.fail('"," or "}"');
    }
    lx.next();
    return out;
  }

  /** An OID value `{ iso org(3) 6 1 }`. */
  protected oidValue(): OidValueAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    if (lx.kind !== Tok.LBrace) this.fail('"{" starting an OBJECT IDENTIFIER value');
    lx.next();
    const components: OidComponentAst[] = [];
    while (lx.kind !== Tok.RBrace) {
      const cl = lx.tokLine;
      const cc = lx.tokCol;
      if (lx.kind === Tok.Number) {
        if (lx.num < 0 || lx.num > 0xffffffff) throw new MibError(this.file, cl, cc, `OID arc ${lx.raw()} is not in 0..4294967295`);
        components.push({ name: undefined, number: lx.num, line: cl, column: cc });
        lx.next();
      } else if (lx.kind === Tok.Ident) {
        let name = lx.text;
        if (name === 'END' || CLAUSE_WORDS.has(name)) this.fail('"}" closing the OBJECT IDENTIFIER value');
        lx.next();
        if (lx.kind === Tok.Dot) {
          // MODULE.name
          lx.next();
          name = this.ident('a descriptor after "."');
        }
        let num: number | undefined;
        if (lx.kind === Tok.LParen) {
          lx.next();
          if (lx.kind !== Tok.Number) this.fail('a number in "name(number)"');
          if (lx.num < 0 || lx.num > 0xffffffff) throw new MibError(this.file, lx.tokLine, lx.tokCol, `OID arc ${lx.raw()} is not in 0..4294967295`);
          num = lx.num;
          lx.next();
          this.expect(Tok.RParen);
        }
        components.push({ name, number: num, line: cl, column: cc });
      } else if (lx.kind === Tok.Comma) {
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

  /** A range bound: a number, hex or binary string, or MIN/MAX. */
  protected rangeValue(): bigint | 'MIN' | 'MAX' {
    const lx = this.lx;
    switch (lx.kind) {
      case Tok.Number: {
        const v = Math.abs(lx.num) <= Number.MAX_SAFE_INTEGER ? BigInt(lx.num) : lx.bigValue();
        lx.next();
        return v;
      }
      case Tok.HexString: {
        const s = lx.quotedValue();
        lx.next();
        return s === '' ? 0n : BigInt('0x' + s);
      }
      case Tok.BinString: {
        const s = lx.quotedValue();
        lx.next();
        return s === '' ? 0n : BigInt('0b' + s);
      }
      case Tok.Ident:
        if (lx.text === 'MIN' || lx.text === 'MAX') {
          const w = lx.text;
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
      if (lx.kind === Tok.Range) {
        lx.next();
        hi = this.rangeValue();
      }
      out.push({ min: lo === 'MAX' ? 'MIN' : lo, max: hi === 'MIN' ? 'MAX' : hi } as RangeAst);
      if (lx.kind === Tok.Bar) {
        lx.next();
        continue;
      }
      break;
    }
    return out;
  }

  /** `{ a(1), b(2) }` */
  protected namedNumbers(): NamedNumberAst[] {
    const lx = this.lx;
    this.expect(Tok.LBrace);
    const out: NamedNumberAst[] = [];
    while (lx.kind !== Tok.RBrace) {
      const name = this.ident('a name in an enumeration');
      this.expect(Tok.LParen);
      const value = this.number('a number in "name(number)"');
      this.expect(Tok.RParen);
      out.push({ name, value });
      if (lx.kind === Tok.Comma) {
        lx.next();
        if (lx.kind === Tok.RBrace) this.warn('trailing-comma', 'comma before "}"');
      } else if (lx.kind === Tok.Ident) {
        this.warn('missing-comma', `missing "," before "${lx.text}"`);
      } else if (lx.kind !== Tok.RBrace) this.fail('"," or "}"');
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
    if (lx.kind === Tok.LBracket) {
      lx.next();
      let cls = 'CONTEXT';
      if (lx.kind === Tok.Ident) cls = this.ident();
      const n = this.number('a tag number');
      this.expect(Tok.RBracket);
      tag = { cls, number: n };
      if (!this.acceptWord('IMPLICIT')) this.acceptWord('EXPLICIT');
    }
    if (lx.kind !== Tok.Ident) this.fail('a type');
    const word = lx.text;
    let kind: SyntaxAstKind = 'named';
    let name = word;
    let module: string | undefined;
    let members: { name: string; syntax: SyntaxAst }[] | undefined;
    let entry: string | undefined;
    lx.next();
    switch (word) {
      case 'INTEGER':
        kind = 'INTEGER';
        break;
      case 'OCTET':
        this.expectWord('STRING');
        kind = 'OCTET STRING';
        name = 'OCTET STRING';
        break;
      case 'OBJECT':
        this.expectWord('IDENTIFIER');
        kind = 'OBJECT IDENTIFIER';
        name = 'OBJECT IDENTIFIER';
        break;
      case 'BITS':
        kind = 'BITS';
        break;
      case 'BIT':
        this.expectWord('STRING');
        kind = 'BITS';
        name = 'BITS';
        this.warn('bit-string', 'BIT STRING is not SMI; read as BITS');
        break;
      case 'NULL':
        kind = 'NULL';
        break;
      case 'SEQUENCE':
        if (this.acceptWord('OF')) {
          kind = 'SEQUENCE OF';
          name = 'SEQUENCE OF';
          entry = this.ident('the entry type of SEQUENCE OF');
        } else {
          kind = 'SEQUENCE';
          members = this.members();
        }
        break;
      case 'CHOICE':
        kind = 'CHOICE';
        members = this.members();
        break;
      default:
        if (lx.kind === Tok.Dot) {
          lx.next();
          module = word;
          name = this.ident('a type name after "."');
        }
        break;
    }
    let enums: NamedNumberAst[] | undefined;
    let ranges: RangeAst[] | undefined;
    let sizes: RangeAst[] | undefined;
    if (lx.kind === Tok.LBrace && (kind === 'INTEGER' || kind === 'BITS' || kind === 'named')) {
      enums = this.namedNumbers();
    } else if (lx.kind === Tok.LParen && kind !== 'SEQUENCE' && kind !== 'CHOICE' && kind !== 'SEQUENCE OF') {
      lx.next();
      if (this.acceptWord('SIZE')) {
        this.expect(Tok.LParen);
        sizes = this.rangeList();
        this.expect(Tok.RParen);
      } else {
        ranges = this.rangeList();
      }
      this.expect(Tok.RParen);
      if (kind === 'OCTET STRING' && ranges !== undefined) {
        this.diagnostics.warn('size-without-SIZE', 'OCTET STRING range without SIZE; read as a SIZE', line, column);
        sizes = ranges;
        ranges = undefined;
      }
    }
    return { kind, name, module, tag, enums, ranges, sizes, members, entry, line, column };
  }

  /** `{ name Type, ... }` of a SEQUENCE or CHOICE. */
  private members(): { name: string; syntax: SyntaxAst }[] {
    const lx = this.lx;
    this.expect(Tok.LBrace);
    const out: { name: string; syntax: SyntaxAst }[] = [];
    while (lx.kind !== Tok.RBrace) {
      const name = this.ident('a member name');
      const syntax = this.syntax();
      out.push({ name, syntax });
      if (lx.kind === Tok.Comma) {
        lx.next();
        if (lx.kind === Tok.RBrace) this.warn('trailing-comma', 'comma before "}"');
      } else if (lx.kind === Tok.Ident) {
        this.warn('missing-comma', `missing "," before "${lx.text}"`);
      } else if (lx.kind !== Tok.RBrace) this.fail('"," or "}"');
    }
    lx.next();
    return out;
  }

  /** `DEFVAL { value }` after the keyword. */
  protected defval(): DefvalAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    if (lx.kind !== Tok.LBrace) this.fail('"{" after DEFVAL');
    const open = lx.end;
    lx.next();
    let kind: DefvalAst['kind'];
    let value: string | string[];
    switch (lx.kind) {
      case Tok.Number:
        kind = 'number';
        value = lx.raw();
        lx.next();
        break;
      case Tok.String:
        kind = 'string';
        value = lx.stringValue();
        lx.next();
        break;
      case Tok.HexString:
        kind = 'hex';
        value = lx.quotedValue();
        lx.next();
        break;
      case Tok.BinString:
        kind = 'binary';
        value = lx.quotedValue();
        lx.next();
        break;
      case Tok.Ident:
        kind = 'name';
        value = lx.text;
        lx.next();
        if (lx.kind !== Tok.RBrace) {
          // { iso 3 6 1 }: an OID value written without inner braces.
          const parts: string[] = [value];
          while (lx.kind === Tok.Ident || lx.kind === Tok.Number || lx.kind === Tok.LParen || lx.kind === Tok.RParen) {
            parts.push(lx.raw());
            lx.next();
          }
          kind = 'oid';
          value = parts;
        }
        break;
      case Tok.LBrace: {
        // { { a, b } } BITS, or { { iso 3 6 } } an OID value.
        lx.next();
        const parts: string[] = [];
        let commas = false;
        while (lx.kind !== Tok.RBrace) {
          if (lx.kind === Tok.Comma) commas = true;
          else if (lx.kind === Tok.Ident || lx.kind === Tok.Number) parts.push(lx.raw());
          else if (lx.kind === Tok.LParen || lx.kind === Tok.RParen) parts.push(lx.raw());
          else this.fail('a name or number inside DEFVAL');
          lx.next();
        }
        lx.next();
        kind = commas || parts.length <= 1 || !parts.some((p) => /^\d/.test(p)) ? 'bits' : 'oid';
        value = parts;
        break;
      }
      case Tok.RBrace:
        this.warn('empty-defval', 'empty DEFVAL');
        kind = 'string';
        value = '';
        break;
      default:
        this.fail('a DEFVAL value');
    }
    if (lx.kind !== Tok.RBrace) this.fail('"}" closing DEFVAL');
    const text = lx.src.slice(open, lx.start).trim();
    lx.next();
    return { kind, value, text, line, column };
  }
}
