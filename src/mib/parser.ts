/**
 * The SMI parser: module header, IMPORTS/EXPORTS, MACRO definitions (skipped, their names
 * kept), type assignments, TEXTUAL-CONVENTIONs, OBJECT IDENTIFIER values and the macro
 * invocations of SMIv1 (RFC 1155, RFC 1212, RFC 1215) and SMIv2 (RFC 2578, 2579, 2580).
 * Clauses are accepted in any order; a missing or misplaced clause is a warning.
 */
import { MibError } from '../errors.js';
import { DefAst } from './ast.js';
import type { ComplianceModuleAst, DefMacro, ImportAst, ModuleAst, OidValueAst, SupportsAst, SyntaxAst } from './ast.js';
import type { MibDiagnostic } from './diagnostics.js';
import { Tok } from './lexer.js';
import { CLAUSE_WORDS, SyntaxParser } from './parse-syntax.js';

/** Macros a definition can invoke. */
const MACROS: ReadonlySet<string> = new Set([
  'OBJECT-TYPE', 'MODULE-IDENTITY', 'OBJECT-IDENTITY', 'NOTIFICATION-TYPE', 'TRAP-TYPE', 'OBJECT-GROUP',
  'NOTIFICATION-GROUP', 'MODULE-COMPLIANCE', 'AGENT-CAPABILITIES',
]);

const TC_CLAUSES: ReadonlySet<string> = new Set(['STATUS', 'DESCRIPTION', 'REFERENCE', 'DISPLAY-HINT']);
const ACCESS_VALUES: ReadonlySet<string> = new Set(['read-only', 'read-write', 'write-only', 'not-accessible', 'accessible-for-notify', 'read-create', 'not-implemented']);
const STATUS_VALUES: ReadonlySet<string> = new Set(['current', 'deprecated', 'obsolete', 'mandatory', 'optional']);

/** The result of parsing one file. */
export interface ParseResult {
  /** The modules in the file (usually one). */
  readonly modules: ModuleAst[];
  /** Warnings found while parsing. */
  readonly diagnostics: MibDiagnostic[];
}

/**
 * Parses the text of a MIB file into module syntax trees.
 * @param text the file contents.
 * @param file the name used in diagnostics and errors.
 * @param bytes the text's characters as bytes, when the caller has them (an ASCII or
 *   Latin-1 file's contents); default: made from the text.
 * @throws MibError at the first syntax error, with file, line, column and what was expected.
 */
export function parseMib(text: string, file: string, bytes?: Uint8Array): ParseResult {
  const p = new ModuleParser(text, file, bytes);
  const modules = p.parseFile();
  const lexNotes = p.lexNotes();
  for (const n of lexNotes) p.diagnostics.warn(n.code, n.message, n.line, n.column);
  return { modules, diagnostics: p.diagnostics.list };
}

/** Parser for module structure and macro invocations. */
class ModuleParser extends SyntaxParser {
  lexNotes(): readonly { code: string; message: string; line: number; column: number }[] {
    return this.lx.notes;
  }

  parseFile(): ModuleAst[] {
    const out: ModuleAst[] = [];
    const lx = this.lx;
    if (lx.kind === Tok.Eof) throw new MibError(this.file, 1, 1, 'empty file: expected a module "NAME DEFINITIONS ::= BEGIN"');
    while (lx.kind !== Tok.Eof) out.push(this.module());
    return out;
  }

  private module(): ModuleAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    const name = this.ident('a module name ("NAME DEFINITIONS ::= BEGIN")');
    if (lx.kind === Tok.LBrace) this.oidValue(); // ASN.1 module OID, ignored
    if (!this.is('DEFINITIONS')) this.fail(`"DEFINITIONS" after module name "${name}"`);
    lx.next();
    // Tag default: EXPLICIT TAGS / IMPLICIT TAGS / AUTOMATIC TAGS
    if (this.is('EXPLICIT') || this.is('IMPLICIT') || this.is('AUTOMATIC')) {
      lx.next();
      this.expectWord('TAGS');
    }
    this.expect(Tok.Assign);
    this.expectWord('BEGIN');
    const mod: ModuleAst = { name, imports: [], defs: [], macros: [], exports: false, line, column };
    for (;;) {
      if (this.is('EXPORTS')) {
        mod.exports = true;
        lx.next();
        while (lx.kind !== Tok.Semi && lx.kind !== Tok.Eof) lx.next();
        this.expect(Tok.Semi);
        continue;
      }
      if (this.is('IMPORTS')) {
        lx.next();
        this.imports(mod.imports);
        continue;
      }
      break;
    }
    for (;;) {
      if (lx.kind === Tok.Eof) throw new MibError(this.file, lx.tokLine, lx.tokCol, `expected "END" closing module ${name} (begun at line ${line}), found end of file`);
      if (this.is('END')) {
        lx.next();
        break;
      }
      this.assignment(mod);
    }
    return mod;
  }

  private imports(out: ImportAst[]): void {
    const lx = this.lx;
    for (;;) {
      if (lx.kind === Tok.Semi) {
        lx.next();
        return;
      }
      const line = lx.tokLine;
      const column = lx.tokCol;
      const names: { name: string; line: number; column: number }[] = [];
      for (;;) {
        if (lx.kind !== Tok.Ident) this.fail('an imported name, "FROM" or ";"');
        if (lx.text === 'FROM' && names.length > 0) break;
        names.push({ name: lx.text, line: lx.tokLine, column: lx.tokCol });
        lx.next();
        if (lx.kind === Tok.LBrace) {
          // name{} : a parameterized reference (ASN.1); keep the name.
          lx.next();
          this.expect(Tok.RBrace);
        }
        if (lx.kind === Tok.Comma) {
          lx.next();
          continue;
        }
        if (this.is('FROM')) break;
        if (lx.kind === Tok.Ident) {
          this.warn('missing-comma', `missing "," before "${lx.text}" in IMPORTS`);
          continue;
        }
        this.fail('"," or "FROM" in IMPORTS');
      }
      lx.next(); // FROM
      const ml = lx.tokLine;
      const mc = lx.tokCol;
      const module = this.ident('a module name after FROM');
      if (lx.kind === Tok.LBrace) this.oidValue(); // module OID, ignored
      out.push({ module, names, line: ml, column: mc });
      void line;
      void column;
      if (lx.kind === Tok.Semi) {
        lx.next();
        return;
      }
      if (lx.kind !== Tok.Ident) this.fail('an imported name or ";" ending IMPORTS');
      // Missing ";": the next identifier starts a definition when it is followed by a
      // macro name, "OBJECT IDENTIFIER", "::=" or "MACRO".
      const m = lx.mark();
      lx.next();
      const starts = lx.kind === Tok.Assign || (lx.kind === Tok.Ident && (MACROS.has(lx.text) || lx.text === 'OBJECT' || lx.text === 'MACRO'));
      lx.reset(m);
      if (starts) {
        this.warn('missing-semicolon', 'missing ";" at the end of IMPORTS');
        return;
      }
    }
  }

  private assignment(mod: ModuleAst): void {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    if (lx.kind !== Tok.Ident) this.fail('a definition (a name followed by a macro, "OBJECT IDENTIFIER" or "::="), or "END"');
    const name = lx.text;
    lx.next();
    if (lx.kind === Tok.Assign) {
      lx.next();
      this.typeAssignment(mod, name, line, column);
      return;
    }
    if (lx.kind !== Tok.Ident) this.fail(`a macro name, "OBJECT IDENTIFIER", "MACRO" or "::=" after "${name}"`);
    const word = lx.text;
    if (word === 'MACRO') {
      lx.next();
      this.expect(Tok.Assign);
      this.expectWord('BEGIN');
      while (!this.is('END')) {
        if (lx.kind === Tok.Eof) throw new MibError(this.file, line, column, `MACRO ${name} has no "END"`);
        lx.next();
      }
      lx.next();
      mod.macros.push(name);
      return;
    }
    if (word === 'OBJECT') {
      lx.next();
      this.expectWord('IDENTIFIER');
      this.expect(Tok.Assign);
      const oid = this.oidValue();
      this.checkValueName(name, line, column);
      mod.defs.push(newDef(name, 'OBJECT IDENTIFIER', line, column, oid));
      return;
    }
    if (MACROS.has(word)) {
      lx.next();
      this.checkValueName(name, line, column);
      mod.defs.push(this.macro(name, word as DefMacro, line, column));
      return;
    }
    // `name Type ::= value`: a value of another type (INTEGER, a TC); not registered.
    const m = lx.mark();
    try {
      this.syntax();
    } catch {
      lx.reset(m);
      this.fail(`a macro name, "OBJECT IDENTIFIER", "MACRO" or "::=" after "${name}"`);
    }
    this.expect(Tok.Assign);
    this.skipValue();
    this.diagnostics.warn('value-assignment', `value assignment "${name}" of type ${word} ignored`, line, column);
  }

  /** Skips a value: a balanced `{...}` or a single token. */
  private skipValue(): void {
    const lx = this.lx;
    if (lx.kind !== Tok.LBrace) {
      if (lx.kind === Tok.Eof) this.fail('a value');
      lx.next();
      return;
    }
    let depth = 0;
    do {
      if (lx.kind === Tok.LBrace) depth++;
      else if (lx.kind === Tok.RBrace) depth--;
      else if (lx.kind === Tok.Eof) this.fail('"}"');
      lx.next();
    } while (depth > 0);
  }

  private checkValueName(name: string, line: number, column: number): void {
    const c = name.charCodeAt(0);
    if (c >= 65 && c <= 90) this.diagnostics.warn('uppercase-descriptor', `descriptor "${name}" starts with an upper-case letter`, line, column);
    if (name.length > 64) this.diagnostics.warn('long-descriptor', `descriptor "${name}" is longer than 64 characters`, line, column);
  }

  private typeAssignment(mod: ModuleAst, name: string, line: number, column: number): void {
    const c = name.charCodeAt(0);
    if (c >= 97 && c <= 122) {
      // `name ::= { ... }`? Not SMI; tolerate an OID value.
      if (this.lx.kind === Tok.LBrace) {
        this.diagnostics.warn('untyped-value', `value "${name}" assigned without "OBJECT IDENTIFIER"`, line, column);
        mod.defs.push(newDef(name, 'OBJECT IDENTIFIER', line, column, this.oidValue()));
        return;
      }
      this.diagnostics.warn('lowercase-type', `type name "${name}" starts with a lower-case letter`, line, column);
    }
    if (this.acceptWord('TEXTUAL-CONVENTION')) {
      const def = new DefAst(name, 'TEXTUAL-CONVENTION', line, column);
      this.clauses(def);
      if (def.syntax === undefined) this.diagnostics.error('missing-clause', `TEXTUAL-CONVENTION ${name} has no SYNTAX`, line, column);
      if (def.status === undefined) this.diagnostics.warn('missing-clause', `TEXTUAL-CONVENTION ${name} has no STATUS`, line, column);
      if (def.description === undefined) this.diagnostics.warn('missing-clause', `TEXTUAL-CONVENTION ${name} has no DESCRIPTION`, line, column);
      mod.defs.push(def);
      return;
    }
    const syntax = this.syntax();
    const def = new DefAst(name, 'TYPE', line, column);
    def.syntax = syntax;
    mod.defs.push(def);
  }

  private macro(name: string, macro: DefMacro, line: number, column: number): DefAst {
    const lx = this.lx;
    const def = new DefAst(name, macro, line, column);
    this.clauses(def);
    if (lx.kind !== Tok.Assign) this.fail(`a clause of ${macro} or "::="`);
    lx.next();
    if (macro === 'TRAP-TYPE') {
      def.trapNumber = this.number('the trap number after "::="');
    } else {
      def.oid = this.oidValue();
    }
    this.checkRequired(def);
    return def;
  }

  private checkRequired(def: DefAst): void {
    switch (def.macro) {
      case 'OBJECT-TYPE':
        if (def.syntax === undefined) this.diagnostics.error('missing-clause', `OBJECT-TYPE ${def.name} has no SYNTAX`, def.line, def.column);
        if (!(def.access !== undefined)) this.missing(def, 'ACCESS or MAX-ACCESS');
        if (!(def.status !== undefined)) this.missing(def, 'STATUS');
        break;
      case 'TRAP-TYPE':
        if (def.enterprise === undefined) this.diagnostics.error('missing-clause', `TRAP-TYPE ${def.name} has no ENTERPRISE`, def.line, def.column);
        break;
      case 'MODULE-IDENTITY':
        if (!(def.lastUpdated !== undefined)) this.missing(def, 'LAST-UPDATED');
        if (!(def.description !== undefined)) this.missing(def, 'DESCRIPTION');
        break;
      case 'OBJECT-IDENTITY':
      case 'NOTIFICATION-TYPE':
      case 'OBJECT-GROUP':
      case 'NOTIFICATION-GROUP':
      case 'MODULE-COMPLIANCE':
      case 'AGENT-CAPABILITIES':
        if (!(def.status !== undefined)) this.missing(def, 'STATUS');
        if (!(def.description !== undefined)) this.missing(def, 'DESCRIPTION');
        break;
      default:
        break;
    }
  }

  private missing(def: DefAst, clause: string): void {
    this.diagnostics.warn('missing-clause', `${def.macro} ${def.name} has no ${clause}`, def.line, def.column);
  }

  /** Reads clauses until `::=` (or, for a TC, until the end of its SYNTAX). */
  private clauses(def: DefAst): void {
    const lx = this.lx;
    for (;;) {
      if (lx.kind !== Tok.Ident) return;
      const w = lx.text;
      switch (w) {
        case 'SYNTAX':
          lx.next();
          def.syntax = this.syntax();
          if (def.macro === 'TEXTUAL-CONVENTION') {
            // SYNTAX ends a TC; tolerate clauses written after it.
            if (lx.kind === Tok.Ident && TC_CLAUSES.has(lx.text)) {
              this.warn('clause-order', `${lx.text} after SYNTAX in TEXTUAL-CONVENTION ${def.name}`);
              break;
            }
            return;
          }
          break;
        case 'UNITS':
          lx.next();
          def.units = this.string('a quoted string after UNITS');
          break;
        case 'ACCESS':
        case 'MAX-ACCESS':
          lx.next();
          def.accessKeyword = w;
          def.access = this.keywordValue(ACCESS_VALUES, 'an access value (read-only, read-write, ...)');
          break;
        case 'STATUS':
          lx.next();
          def.status = this.keywordValue(STATUS_VALUES, 'a status (current, deprecated, obsolete, mandatory, optional)');
          break;
        case 'DESCRIPTION':
          lx.next();
          def.description = this.string('a quoted string after DESCRIPTION');
          break;
        case 'REFERENCE':
          lx.next();
          def.reference = this.string('a quoted string after REFERENCE');
          break;
        case 'DISPLAY-HINT':
          lx.next();
          def.displayHint = this.string('a quoted string after DISPLAY-HINT');
          break;
        case 'INDEX':
          lx.next();
          def.index = this.indexList();
          break;
        case 'AUGMENTS': {
          lx.next();
          const list = this.nameList('the augmented row');
          def.augments = list[0];
          break;
        }
        case 'DEFVAL':
          lx.next();
          def.defval = this.defval();
          break;
        case 'OBJECTS':
        case 'VARIABLES':
        case 'NOTIFICATIONS':
          lx.next();
          def.objects = this.nameList('a descriptor');
          break;
        case 'ENTERPRISE':
          lx.next();
          if (lx.kind === Tok.LBrace) {
            const v = this.oidValue();
            const last = v.components[v.components.length - 1];
            def.enterprise = last?.name ?? String(last?.number ?? '');
            this.warn('enterprise-oid', 'ENTERPRISE written as an OID value');
          } else def.enterprise = this.ident('the enterprise after ENTERPRISE');
          break;
        case 'LAST-UPDATED':
          lx.next();
          def.lastUpdated = this.string('a date string after LAST-UPDATED');
          break;
        case 'ORGANIZATION':
          lx.next();
          def.organization = this.string('a quoted string after ORGANIZATION');
          break;
        case 'CONTACT-INFO':
          lx.next();
          def.contactInfo = this.string('a quoted string after CONTACT-INFO');
          break;
        case 'REVISION': {
          lx.next();
          const date = this.string('a date string after REVISION');
          let description = '';
          if (this.acceptWord('DESCRIPTION')) description = this.string('a quoted string after DESCRIPTION');
          else this.warn('missing-clause', 'REVISION without DESCRIPTION');
          (def.revisions ??= []).push({ date, description });
          break;
        }
        case 'PRODUCT-RELEASE':
          lx.next();
          def.productRelease = this.string('a quoted string after PRODUCT-RELEASE');
          break;
        case 'MODULE':
          lx.next();
          (def.compliance ??= []).push(this.complianceModule());
          break;
        case 'SUPPORTS':
          lx.next();
          (def.supports ??= []).push(this.supports());
          break;
        default:
          return;
      }
    }
  }

  private keywordValue(values: ReadonlySet<string>, what: string): string {
    const lx = this.lx;
    if (lx.kind !== Tok.Ident) this.fail(what);
    const v = lx.text;
    if (!values.has(v)) {
      // Vendor variants such as "read_only" or "Read-Only".
      const fixed = v.toLowerCase().replace(/_/g, '-');
      if (values.has(fixed)) {
        this.warn('bad-keyword', `"${v}" read as "${fixed}"`);
        lx.next();
        return fixed;
      }
      this.fail(what);
    }
    lx.next();
    return v;
  }

  private indexList(): { name: string; implied: boolean; line: number; column: number }[] {
    const lx = this.lx;
    this.expect(Tok.LBrace);
    const out: { name: string; implied: boolean; line: number; column: number }[] = [];
    while (lx.kind !== Tok.RBrace) {
      const line = lx.tokLine;
      const column = lx.tokCol;
      const implied = this.acceptWord('IMPLIED');
      if (lx.kind !== Tok.Ident) this.fail('an index object');
      // SMIv1 allows types in INDEX: "OCTET STRING", "OBJECT IDENTIFIER", INTEGER, NetworkAddress...
      let name = lx.text;
      lx.next();
      if ((name === 'OCTET' && this.is('STRING')) || (name === 'OBJECT' && this.is('IDENTIFIER'))) {
        name = `${name} ${lx.text}`;
        lx.next();
      } else if (lx.kind === Tok.Dot) {
        lx.next();
        name = this.ident('a descriptor after "."');
      }
      out.push({ name, implied, line, column });
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

  private complianceModule(): ComplianceModuleAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    let module: string | undefined;
    if (lx.kind === Tok.Ident && !CLAUSE_WORDS.has(lx.text)) {
      module = lx.text;
      lx.next();
      if (lx.kind === Tok.LBrace) this.oidValue();
    }
    const mandatoryGroups: string[] = [];
    const refinements: ComplianceModuleAst['refinements'][number][] = [];
    for (;;) {
      if (this.acceptWord('MANDATORY-GROUPS')) {
        mandatoryGroups.push(...this.nameList('a group name'));
      } else if (this.acceptWord('GROUP')) {
        const name = this.ident('a group name after GROUP');
        let description: string | undefined;
        if (this.acceptWord('DESCRIPTION')) description = this.string('a quoted string after DESCRIPTION');
        else this.warn('missing-clause', `GROUP ${name} has no DESCRIPTION`);
        refinements.push({ kind: 'group', name, syntax: undefined, writeSyntax: undefined, minAccess: undefined, description });
      } else if (this.acceptWord('OBJECT')) {
        const name = this.ident('an object name after OBJECT');
        let syntax: SyntaxAst | undefined;
        let writeSyntax: SyntaxAst | undefined;
        let minAccess: string | undefined;
        let description: string | undefined;
        for (;;) {
          if (this.acceptWord('SYNTAX')) syntax = this.syntax();
          else if (this.acceptWord('WRITE-SYNTAX')) writeSyntax = this.syntax();
          else if (this.acceptWord('MIN-ACCESS')) minAccess = this.keywordValue(ACCESS_VALUES, 'an access value after MIN-ACCESS');
          else if (this.acceptWord('DESCRIPTION')) description = this.string('a quoted string after DESCRIPTION');
          else break;
        }
        refinements.push({ kind: 'object', name, syntax, writeSyntax, minAccess, description });
      } else break;
    }
    return { module, mandatoryGroups, refinements, line, column };
  }

  private supports(): SupportsAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    const module = this.ident('a module name after SUPPORTS');
    if (lx.kind === Tok.LBrace) this.oidValue();
    this.expectWord('INCLUDES');
    const includes = this.nameList('a group name');
    const variations: SupportsAst['variations'][number][] = [];
    while (this.acceptWord('VARIATION')) {
      const name = this.ident('an object name after VARIATION');
      let syntax: SyntaxAst | undefined;
      let writeSyntax: SyntaxAst | undefined;
      let access: string | undefined;
      let creationRequires: string[] | undefined;
      let defval: SupportsAst['variations'][number]['defval'];
      let description: string | undefined;
      for (;;) {
        if (this.acceptWord('SYNTAX')) syntax = this.syntax();
        else if (this.acceptWord('WRITE-SYNTAX')) writeSyntax = this.syntax();
        else if (this.acceptWord('ACCESS')) access = this.keywordValue(ACCESS_VALUES, 'an access value after ACCESS');
        else if (this.acceptWord('CREATION-REQUIRES')) creationRequires = this.nameList('an object name');
        else if (this.acceptWord('DEFVAL')) defval = this.defval();
        else if (this.acceptWord('DESCRIPTION')) description = this.string('a quoted string after DESCRIPTION');
        else break;
      }
      variations.push({ name, syntax, writeSyntax, access, creationRequires, defval, description });
    }
    return { module, includes, variations, line, column };
  }
}

function newDef(name: string, macro: DefMacro, line: number, column: number, oid: OidValueAst): DefAst {
  const d = new DefAst(name, macro, line, column);
  d.oid = oid;
  return d;
}
