/**
 * Clause values of the SMI macros that are more than a token: access and status keywords
 * (with the vendor variants read as warnings), INDEX lists (RFC 2578 §7.7), the MODULE
 * parts of a MODULE-COMPLIANCE (RFC 2580 §5) and the SUPPORTS parts of an
 * AGENT-CAPABILITIES (RFC 2580 §6).
 */
import type { ComplianceModuleAst, IndexAst, SupportsAst, SyntaxAst } from './ast.js';
import { SyntaxParser, isClauseWord } from './parse-syntax.js';
import { tokName } from './tokens.js';

// Token kinds and keyword numbers of ./tokens.ts, as constants of this module: an
// imported binding costs a lookup on every use until V8 optimizes the code (the copies
// are checked against ./tokens.ts by test/mib/lexer.test.ts).
const KW_ACCESS: number = 3;
const KW_CREATION_REQUIRES: number = 30;
const KW_CURRENT: number = 47;
const KW_DEFVAL: number = 11;
const KW_DESCRIPTION: number = 7;
const KW_GROUP: number = 23;
const KW_IDENTIFIER: number = 60;
const KW_IMPLIED: number = 73;
const KW_INCLUDES: number = 28;
const KW_MANDATORY_GROUPS: number = 22;
const KW_MIN_ACCESS: number = 5;
const KW_NOT_IMPLEMENTED: number = 46;
const KW_OBJECT: number = 24;
const KW_OCTET: number = 61;
const KW_OPTIONAL: number = 51;
const KW_READ_ONLY: number = 40;
const KW_STRING: number = 62;
const KW_SYNTAX: number = 1;
const KW_VARIATION: number = 29;
const KW_WRITE_SYNTAX: number = 25;
const T_DOT: number = 17;
const T_IDENT: number = 1;
const T_LBRACE: number = 7;
const T_RBRACE: number = 8;

const ACCESS_VALUES: ReadonlySet<string> = new Set(['read-only', 'read-write', 'write-only', 'not-accessible', 'accessible-for-notify', 'read-create', 'not-implemented']);
const STATUS_VALUES: ReadonlySet<string> = new Set(['current', 'deprecated', 'obsolete', 'mandatory', 'optional']);

/** Parser of the clause values shared by the macros. */
export class ClauseParser extends SyntaxParser {
  /** An access value (`read-only`...). */
  protected access(what: string): string {
    return this.keywordValue(KW_READ_ONLY, KW_NOT_IMPLEMENTED, ACCESS_VALUES, what);
  }

  /** A status value (`current`...). */
  protected status(what: string): string {
    return this.keywordValue(KW_CURRENT, KW_OPTIONAL, STATUS_VALUES, what);
  }

  /**
   * One of the keywords numbered `first..last` (written as `values`), or a vendor
   * variant of one ("read_only", "Read-Only"), warned.
   */
  private keywordValue(first: number, last: number, values: ReadonlySet<string>, what: string): string {
    const lx = this.lx;
    const kw = lx.kw;
    if (kw >= first && kw <= last) {
      const v = lx.text;
      lx.next();
      return v;
    }
    if (lx.kind !== T_IDENT) this.fail(what);
    const v = lx.text;
    const fixed = v.toLowerCase().replace(/_/g, '-');
    if (!values.has(fixed)) this.fail(what);
    this.warn('bad-keyword', `"${v}" read as "${fixed}"`);
    lx.next();
    return fixed;
  }

  /** `{ [IMPLIED] name, ... }` of an INDEX clause. */
  protected indexList(): IndexAst[] {
    const lx = this.lx;
    if (lx.kind !== T_LBRACE) this.fail(tokName(T_LBRACE));
    lx.next();
    const out: IndexAst[] = [];
    while (lx.kind !== T_RBRACE) {
      const line = lx.tokLine;
      const column = lx.tokCol;
      const implied = this.acceptKw(KW_IMPLIED);
      if (lx.kind !== T_IDENT) this.fail('an index object');
      // SMIv1 allows types in INDEX: "OCTET STRING", "OBJECT IDENTIFIER", INTEGER, NetworkAddress...
      let name = lx.text;
      const kw = lx.kw;
      lx.next();
      if ((kw === KW_OCTET && lx.kw === KW_STRING) || (kw === KW_OBJECT && lx.kw === KW_IDENTIFIER)) {
        name = `${name} ${lx.text}`;
        lx.next();
      } else if (lx.kind === T_DOT) {
        lx.next();
        name = this.ident('a descriptor after "."');
      }
      out.push({ name, implied, line, column });
      if (lx.kind !== T_RBRACE) this.listSeparator();
    }
    lx.next();
    return out;
  }

  /** A MODULE part of a MODULE-COMPLIANCE, after the keyword. */
  protected complianceModule(): ComplianceModuleAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    let module: string | undefined;
    if (lx.kind === T_IDENT && !isClauseWord(lx.kw)) {
      module = lx.text;
      lx.next();
      if (lx.kind === T_LBRACE) this.oidValue();
    }
    const mandatoryGroups: string[] = [];
    const refinements: ComplianceModuleAst['refinements'][number][] = [];
    for (;;) {
      if (this.acceptKw(KW_MANDATORY_GROUPS)) {
        mandatoryGroups.push(...this.nameList('a group name'));
      } else if (this.acceptKw(KW_GROUP)) {
        const name = this.ident('a group name after GROUP');
        let description: string | undefined;
        if (this.acceptKw(KW_DESCRIPTION)) description = this.string('a quoted string after DESCRIPTION');
        else this.warn('missing-clause', `GROUP ${name} has no DESCRIPTION`);
        refinements.push({ kind: 'group', name, syntax: undefined, writeSyntax: undefined, minAccess: undefined, description });
      } else if (this.acceptKw(KW_OBJECT)) {
        const name = this.ident('an object name after OBJECT');
        let syntax: SyntaxAst | undefined;
        let writeSyntax: SyntaxAst | undefined;
        let minAccess: string | undefined;
        let description: string | undefined;
        for (;;) {
          if (this.acceptKw(KW_SYNTAX)) syntax = this.syntax();
          else if (this.acceptKw(KW_WRITE_SYNTAX)) writeSyntax = this.syntax();
          else if (this.acceptKw(KW_MIN_ACCESS)) minAccess = this.access('an access value after MIN-ACCESS');
          else if (this.acceptKw(KW_DESCRIPTION)) description = this.string('a quoted string after DESCRIPTION');
          else break;
        }
        refinements.push({ kind: 'object', name, syntax, writeSyntax, minAccess, description });
      } else break;
    }
    return { module, mandatoryGroups, refinements, line, column };
  }

  /** A SUPPORTS part of an AGENT-CAPABILITIES, after the keyword. */
  protected supports(): SupportsAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    const module = this.ident('a module name after SUPPORTS');
    if (lx.kind === T_LBRACE) this.oidValue();
    this.expectKw(KW_INCLUDES, 'INCLUDES');
    const includes = this.nameList('a group name');
    const variations: SupportsAst['variations'][number][] = [];
    while (this.acceptKw(KW_VARIATION)) {
      const name = this.ident('an object name after VARIATION');
      let syntax: SyntaxAst | undefined;
      let writeSyntax: SyntaxAst | undefined;
      let access: string | undefined;
      let creationRequires: string[] | undefined;
      let defval: SupportsAst['variations'][number]['defval'];
      let description: string | undefined;
      for (;;) {
        if (this.acceptKw(KW_SYNTAX)) syntax = this.syntax();
        else if (this.acceptKw(KW_WRITE_SYNTAX)) writeSyntax = this.syntax();
        else if (this.acceptKw(KW_ACCESS)) access = this.access('an access value after ACCESS');
        else if (this.acceptKw(KW_CREATION_REQUIRES)) creationRequires = this.nameList('an object name');
        else if (this.acceptKw(KW_DEFVAL)) defval = this.defval();
        else if (this.acceptKw(KW_DESCRIPTION)) description = this.string('a quoted string after DESCRIPTION');
        else break;
      }
      variations.push({ name, syntax, writeSyntax, access, creationRequires, defval, description });
    }
    return { module, includes, variations, line, column };
  }
}
