/**
 * The SMI parser: module header, IMPORTS/EXPORTS, MACRO definitions (skipped, their names
 * kept), type assignments, TEXTUAL-CONVENTIONs, OBJECT IDENTIFIER values and the macro
 * invocations of SMIv1 (RFC 1155, RFC 1212, RFC 1215) and SMIv2 (RFC 2578, 2579, 2580).
 * Clauses are accepted in any order; a missing or misplaced clause is a warning.
 */
import { MibError } from '../errors.js';
import { newDefAst } from './ast.js';
import type { DefAst, DefMacro, ImportAst, ModuleAst, OidValueAst } from './ast.js';
import type { MibDiagnostic } from './diagnostics.js';
import { ClauseParser } from './parse-clauses.js';

// Token kinds and keyword numbers of ./tokens.ts, as constants of this module: an
// imported binding costs a lookup on every use until V8 optimizes the code (the copies
// are checked against ./tokens.ts by test/mib/lexer.test.ts).
const KW_ACCESS: number = 3;
const KW_AGENT_CAPABILITIES: number = 39;
const KW_AUGMENTS: number = 10;
const KW_AUTOMATIC: number = 77;
const KW_BEGIN: number = 55;
const KW_CONTACT_INFO: number = 19;
const KW_DEFINITIONS: number = 54;
const KW_DEFVAL: number = 11;
const KW_DESCRIPTION: number = 7;
const KW_DISPLAY_HINT: number = 12;
const KW_END: number = 56;
const KW_ENTERPRISE: number = 16;
const KW_EXPLICIT: number = 72;
const KW_EXPORTS: number = 58;
const KW_FROM: number = 59;
const KW_IDENTIFIER: number = 60;
const KW_IMPLICIT: number = 71;
const KW_IMPORTS: number = 57;
const KW_INDEX: number = 9;
const KW_LAST_UPDATED: number = 17;
const KW_MACRO: number = 53;
const KW_MAX_ACCESS: number = 4;
const KW_MODULE: number = 21;
const KW_NOTIFICATIONS: number = 14;
const KW_OBJECT: number = 24;
const KW_OBJECTS: number = 13;
const KW_OBJECT_TYPE: number = 31;
const KW_ORGANIZATION: number = 18;
const KW_PRODUCT_RELEASE: number = 26;
const KW_REFERENCE: number = 8;
const KW_REVISION: number = 20;
const KW_STATUS: number = 6;
const KW_SUPPORTS: number = 27;
const KW_SYNTAX: number = 1;
const KW_TAGS: number = 76;
const KW_TEXTUAL_CONVENTION: number = 52;
const KW_TRAP_TYPE: number = 35;
const KW_UNITS: number = 2;
const KW_VARIABLES: number = 15;
const T_ASSIGN: number = 6;
const T_COMMA: number = 13;
const T_EOF: number = 0;
const T_IDENT: number = 1;
const T_LBRACE: number = 7;
const T_RBRACE: number = 8;
const T_SEMI: number = 14;
const T_STRING: number = 3;

/** Whether a keyword number names a macro that defines a value (OBJECT-TYPE ... AGENT-CAPABILITIES). */
function isValueMacro(kw: number): boolean {
  return kw >= KW_OBJECT_TYPE && kw <= KW_AGENT_CAPABILITIES;
}

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
  return parseText(text, file, bytes, false);
}

/** How {@link parseMibText} parses. */
export interface ParseMode {
  /**
   * Skip the texts of the DESCRIPTION, REFERENCE, UNITS, ORGANIZATION, CONTACT-INFO,
   * PRODUCT-RELEASE and REVISION clauses of the macros that define values: they are
   * checked as {@link parseMib} checks them (the same errors and warnings), not copied, and
   * those definitions hold an empty string for them (a loader makes the definitions from
   * a full parse when they are first asked for). TEXTUAL-CONVENTIONs keep theirs.
   */
  readonly lazy: boolean;
  /** The text has no character above U+00FF (an ASCII or Latin-1 file): its characters are its bytes. */
  readonly latin1: boolean;
}

/**
 * Parses the text of a MIB file as {@link parseMib} does, the way a loader wants it.
 * @throws MibError as {@link parseMib}.
 */
export function parseMibText(text: string, file: string, mode: ParseMode): ParseResult {
  if (!mode.latin1) return parseText(text, file, undefined, mode.lazy);
  // The lexer's bytes are written into a buffer kept for the next parse (fresh memory
  // costs page faults); a parse started while one runs has its own.
  let b = scratch;
  scratch = undefined;
  if (b === undefined || b.length < text.length) b = Buffer.allocUnsafeSlow(Math.max(text.length, 1 << 18));
  try {
    b.write(text, 0, 'latin1');
    return parseText(text, file, b.subarray(0, text.length), mode.lazy);
  } finally {
    scratch = b;
  }
}

/** The buffer for the bytes of the text {@link parseMibText} parses. */
let scratch: Buffer | undefined;

function parseText(text: string, file: string, bytes: Uint8Array | undefined, lazy: boolean): ParseResult {
  const p = new ModuleParser(text, file, bytes);
  p.lazy = lazy;
  const modules = p.parseFile();
  const lexNotes = p.lexNotes();
  for (const n of lexNotes) p.diagnostics.warn(n.code, n.message, n.line, n.column);
  return { modules, diagnostics: p.diagnostics.list };
}

/** Parser for module structure and macro invocations. */
class ModuleParser extends ClauseParser {
  /** Whether the texts of value definitions are skipped ({@link ParseMode.lazy}). */
  lazy = false;

  lexNotes(): readonly { code: string; message: string; line: number; column: number }[] {
    return this.lx.notes;
  }

  parseFile(): ModuleAst[] {
    const out: ModuleAst[] = [];
    const lx = this.lx;
    if (lx.kind === T_EOF) throw new MibError(this.file, 1, 1, 'empty file: expected a module "NAME DEFINITIONS ::= BEGIN"');
    while (lx.kind !== T_EOF) out.push(this.module());
    return out;
  }

  private module(): ModuleAst {
    const lx = this.lx;
    const line = lx.tokLine;
    const column = lx.tokCol;
    const name = this.ident('a module name ("NAME DEFINITIONS ::= BEGIN")');
    if (lx.kind === T_LBRACE) this.oidValue(); // ASN.1 module OID, ignored
    if (lx.kw !== KW_DEFINITIONS) this.fail(`"DEFINITIONS" after module name "${name}"`);
    lx.next();
    // Tag default: EXPLICIT TAGS / IMPLICIT TAGS / AUTOMATIC TAGS
    if (lx.kw === KW_EXPLICIT || lx.kw === KW_IMPLICIT || lx.kw === KW_AUTOMATIC) {
      lx.next();
      this.expectKw(KW_TAGS, 'TAGS');
    }
    this.expect(T_ASSIGN);
    this.expectKw(KW_BEGIN, 'BEGIN');
    const mod: ModuleAst = { name, imports: [], defs: [], macros: [], exports: false, line, column };
    for (;;) {
      if (lx.kw === KW_EXPORTS) {
        mod.exports = true;
        lx.next();
        while (lx.kind !== T_SEMI && lx.kind !== T_EOF) lx.next();
        this.expect(T_SEMI);
        continue;
      }
      if (lx.kw === KW_IMPORTS) {
        lx.next();
        this.imports(mod.imports);
        continue;
      }
      break;
    }
    for (;;) {
      if (lx.kind === T_EOF) throw new MibError(this.file, lx.tokLine, lx.tokCol, `expected "END" closing module ${name} (begun at line ${line}), found end of file`);
      if (lx.kw === KW_END) {
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
      if (lx.kind === T_SEMI) {
        lx.next();
        return;
      }
      const names: { name: string; line: number; column: number }[] = [];
      for (;;) {
        if (lx.kind !== T_IDENT) this.fail('an imported name, "FROM" or ";"');
        if (lx.kw === KW_FROM && names.length > 0) break;
        names.push({ name: lx.text, line: lx.tokLine, column: lx.tokCol });
        lx.next();
        if (lx.kind === T_LBRACE) {
          // name{} : a parameterized reference (ASN.1); keep the name.
          lx.next();
          this.expect(T_RBRACE);
        }
        if (lx.kind === T_COMMA) {
          lx.next();
          continue;
        }
        if (lx.kw === KW_FROM) break;
        if (lx.kind === T_IDENT) {
          this.warn('missing-comma', `missing "," before "${lx.text}" in IMPORTS`);
          continue;
        }
        this.fail('"," or "FROM" in IMPORTS');
      }
      lx.next(); // FROM
      const ml = lx.tokLine;
      const mc = lx.tokCol;
      const module = this.ident('a module name after FROM');
      if (lx.kind === T_LBRACE) this.oidValue(); // module OID, ignored
      out.push({ module, names, line: ml, column: mc });
      if (lx.kind === T_SEMI) {
        lx.next();
        return;
      }
      if (lx.kind !== T_IDENT) this.fail('an imported name or ";" ending IMPORTS');
      // Missing ";": the next identifier starts a definition when it is followed by a
      // macro name, "OBJECT IDENTIFIER", "::=" or "MACRO".
      const m = lx.mark();
      lx.next();
      const starts = lx.kind === T_ASSIGN || isValueMacro(lx.kw) || lx.kw === KW_OBJECT || lx.kw === KW_MACRO;
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
    if (lx.kind !== T_IDENT) this.fail('a definition (a name followed by a macro, "OBJECT IDENTIFIER" or "::="), or "END"');
    const name = lx.text;
    lx.next();
    if (lx.kind === T_ASSIGN) {
      lx.next();
      this.typeAssignment(mod, name, line, column);
      return;
    }
    if (lx.kind !== T_IDENT) this.fail(`a macro name, "OBJECT IDENTIFIER", "MACRO" or "::=" after "${name}"`);
    const kw = lx.kw;
    if (isValueMacro(kw)) {
      const macro = lx.text as DefMacro;
      lx.next();
      this.checkValueName(name, line, column);
      mod.defs.push(this.macro(name, macro, kw, line, column));
      return;
    }
    if (kw === KW_OBJECT) {
      lx.next();
      this.expectKw(KW_IDENTIFIER, 'IDENTIFIER');
      this.expect(T_ASSIGN);
      const oid = this.oidValue();
      this.checkValueName(name, line, column);
      mod.defs.push(newDef(name, 'OBJECT IDENTIFIER', line, column, oid));
      return;
    }
    if (kw === KW_MACRO) {
      lx.next();
      this.expect(T_ASSIGN);
      this.expectKw(KW_BEGIN, 'BEGIN');
      while (lx.kw !== KW_END) {
        if (lx.kind === T_EOF) throw new MibError(this.file, line, column, `MACRO ${name} has no "END"`);
        lx.next();
      }
      lx.next();
      mod.macros.push(name);
      return;
    }
    this.valueAssignment(name, line, column);
  }

  /** `name Type ::= value`: a value of another type (INTEGER, a TC); not registered. */
  private valueAssignment(name: string, line: number, column: number): void {
    const lx = this.lx;
    const word = lx.text;
    const m = lx.mark();
    try {
      this.syntax();
    } catch {
      lx.reset(m);
      this.fail(`a macro name, "OBJECT IDENTIFIER", "MACRO" or "::=" after "${name}"`);
    }
    this.expect(T_ASSIGN);
    this.skipValue();
    this.diagnostics.warn('value-assignment', `value assignment "${name}" of type ${word} ignored`, line, column);
  }

  /** Skips a value: a balanced `{...}` or a single token. */
  private skipValue(): void {
    const lx = this.lx;
    if (lx.kind !== T_LBRACE) {
      if (lx.kind === T_EOF) this.fail('a value');
      lx.next();
      return;
    }
    let depth = 0;
    do {
      if (lx.kind === T_LBRACE) depth++;
      else if (lx.kind === T_RBRACE) depth--;
      else if (lx.kind === T_EOF) this.fail('"}"');
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
      if (this.lx.kind === T_LBRACE) {
        this.diagnostics.warn('untyped-value', `value "${name}" assigned without "OBJECT IDENTIFIER"`, line, column);
        mod.defs.push(newDef(name, 'OBJECT IDENTIFIER', line, column, this.oidValue()));
        return;
      }
      this.diagnostics.warn('lowercase-type', `type name "${name}" starts with a lower-case letter`, line, column);
    }
    if (this.acceptKw(KW_TEXTUAL_CONVENTION)) {
      const def = newDefAst(name, 'TEXTUAL-CONVENTION', line, column);
      this.clauses(def, false);
      if (def.syntax === undefined) this.diagnostics.error('missing-clause', `TEXTUAL-CONVENTION ${name} has no SYNTAX`, line, column);
      if (def.status === undefined) this.diagnostics.warn('missing-clause', `TEXTUAL-CONVENTION ${name} has no STATUS`, line, column);
      if (def.description === undefined) this.diagnostics.warn('missing-clause', `TEXTUAL-CONVENTION ${name} has no DESCRIPTION`, line, column);
      mod.defs.push(def);
      return;
    }
    const syntax = this.syntax();
    const def = newDefAst(name, 'TYPE', line, column);
    def.syntax = syntax;
    mod.defs.push(def);
  }

  private macro(name: string, macro: DefMacro, kw: number, line: number, column: number): DefAst {
    const lx = this.lx;
    const def = newDefAst(name, macro, line, column);
    this.clauses(def, this.lazy);
    if (lx.kind !== T_ASSIGN) this.fail(`a clause of ${macro} or "::="`);
    lx.next();
    if (kw === KW_TRAP_TYPE) {
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
        if (def.access === undefined) this.missing(def, 'ACCESS or MAX-ACCESS');
        if (def.status === undefined) this.missing(def, 'STATUS');
        break;
      case 'TRAP-TYPE':
        if (def.enterprise === undefined) this.diagnostics.error('missing-clause', `TRAP-TYPE ${def.name} has no ENTERPRISE`, def.line, def.column);
        break;
      case 'MODULE-IDENTITY':
        if (def.lastUpdated === undefined) this.missing(def, 'LAST-UPDATED');
        if (def.description === undefined) this.missing(def, 'DESCRIPTION');
        break;
      case 'OBJECT-IDENTITY':
      case 'NOTIFICATION-TYPE':
      case 'OBJECT-GROUP':
      case 'NOTIFICATION-GROUP':
      case 'MODULE-COMPLIANCE':
      case 'AGENT-CAPABILITIES':
        if (def.status === undefined) this.missing(def, 'STATUS');
        if (def.description === undefined) this.missing(def, 'DESCRIPTION');
        break;
      default:
        break;
    }
  }

  private missing(def: DefAst, clause: string): void {
    this.diagnostics.warn('missing-clause', `${def.macro} ${def.name} has no ${clause}`, def.line, def.column);
  }

  /**
   * A quoted string clause value; with `skip`, checked but not copied (an empty string
   * stands for it).
   */
  private text(skip: boolean, what: string): string {
    const lx = this.lx;
    if (lx.kind !== T_STRING) this.fail(what);
    const s = skip ? '' : lx.stringValue();
    lx.next();
    return s;
  }

  /**
   * Reads clauses until `::=` (or, for a TC, until the end of its SYNTAX).
   * @param skip whether to skip the texts of the clauses loading does not need.
   */
  private clauses(def: DefAst, skip: boolean): void {
    const lx = this.lx;
    for (;;) {
      const kw = lx.kw;
      switch (kw) {
        case KW_SYNTAX:
          lx.next();
          def.syntax = this.syntax();
          if (def.macro === 'TEXTUAL-CONVENTION') {
            // SYNTAX ends a TC; tolerate clauses written after it.
            const k = lx.kw;
            if (k === KW_STATUS || k === KW_DESCRIPTION || k === KW_REFERENCE || k === KW_DISPLAY_HINT) {
              this.warn('clause-order', `${lx.text} after SYNTAX in TEXTUAL-CONVENTION ${def.name}`);
              break;
            }
            return;
          }
          break;
        case KW_MAX_ACCESS:
        case KW_ACCESS:
          def.accessKeyword = kw === KW_ACCESS ? 'ACCESS' : 'MAX-ACCESS';
          lx.next();
          def.access = this.access('an access value (read-only, read-write, ...)');
          break;
        case KW_STATUS:
          lx.next();
          def.status = this.status('a status (current, deprecated, obsolete, mandatory, optional)');
          break;
        case KW_DESCRIPTION:
          lx.next();
          def.description = this.text(skip, 'a quoted string after DESCRIPTION');
          break;
        case KW_INDEX:
          lx.next();
          def.index = this.indexList();
          break;
        default:
          if (!this.otherClause(def, kw, skip)) return;
          break;
      }
    }
  }

  /** The clauses less common than those {@link ModuleParser.clauses} reads itself; false when `kw` starts none. */
  private otherClause(def: DefAst, kw: number, skip: boolean): boolean {
    const lx = this.lx;
    switch (kw) {
      case KW_UNITS:
        lx.next();
        def.units = this.text(skip, 'a quoted string after UNITS');
        return true;
      case KW_REFERENCE:
        lx.next();
        def.reference = this.text(skip, 'a quoted string after REFERENCE');
        return true;
      case KW_DISPLAY_HINT:
        lx.next();
        def.displayHint = this.string('a quoted string after DISPLAY-HINT');
        return true;
      case KW_AUGMENTS: {
        lx.next();
        const list = this.nameList('the augmented row');
        def.augments = list[0];
        return true;
      }
      case KW_DEFVAL:
        lx.next();
        def.defval = this.defval();
        return true;
      case KW_OBJECTS:
      case KW_VARIABLES:
      case KW_NOTIFICATIONS:
        lx.next();
        def.objects = this.nameList('a descriptor');
        return true;
      case KW_ENTERPRISE:
        lx.next();
        this.enterprise(def);
        return true;
      case KW_LAST_UPDATED:
        lx.next();
        def.lastUpdated = this.string('a date string after LAST-UPDATED');
        return true;
      case KW_ORGANIZATION:
        lx.next();
        def.organization = this.text(skip, 'a quoted string after ORGANIZATION');
        return true;
      case KW_CONTACT_INFO:
        lx.next();
        def.contactInfo = this.text(skip, 'a quoted string after CONTACT-INFO');
        return true;
      case KW_REVISION: {
        lx.next();
        const date = this.text(skip, 'a date string after REVISION');
        let description = '';
        if (this.acceptKw(KW_DESCRIPTION)) description = this.text(skip, 'a quoted string after DESCRIPTION');
        else this.warn('missing-clause', 'REVISION without DESCRIPTION');
        if (!skip) (def.revisions ??= []).push({ date, description });
        return true;
      }
      case KW_PRODUCT_RELEASE:
        lx.next();
        def.productRelease = this.text(skip, 'a quoted string after PRODUCT-RELEASE');
        return true;
      case KW_MODULE:
        lx.next();
        (def.compliance ??= []).push(this.complianceModule());
        return true;
      case KW_SUPPORTS:
        lx.next();
        (def.supports ??= []).push(this.supports());
        return true;
      default:
        return false;
    }
  }

  /** The value of an ENTERPRISE clause: a name, or (warned) an OID value whose last part names it. */
  private enterprise(def: DefAst): void {
    if (this.lx.kind === T_LBRACE) {
      const v = this.oidValue();
      const last = v.components[v.components.length - 1];
      def.enterprise = last?.name ?? String(last?.number ?? '');
      this.warn('enterprise-oid', 'ENTERPRISE written as an OID value');
    } else def.enterprise = this.ident('the enterprise after ENTERPRISE');
  }
}

function newDef(name: string, macro: DefMacro, line: number, column: number, oid: OidValueAst): DefAst {
  const d = newDefAst(name, macro, line, column);
  d.oid = oid;
  return d;
}
