/**
 * `tsnmp mib compile MODULE... --out DIR`: the MIB compiler's generator on the command line
 * (seed 004's compiler, for TypeScript). For each module it writes `<module>.ts` (OIDs,
 * enumerations, types, typed rows and index codecs), `<module>-agent.ts` (the agent
 * subtree), `<module>-handlers.ts` (the handlers stub, which the user edits: never
 * overwritten unless `--force`) and `<module>.json` (the compiled module). A MODULE is a
 * module name looked up on the search path (`-M`, MIBDIRS and net-snmp's default
 * directories, as the other commands), or a file path. Broken modules are reported as
 * `FILE:LINE:COLUMN: error: …` and make the exit status 1; the other modules are still
 * compiled.
 *
 * `tsnmp mib json MODULE...`: prints the JSON form of each module.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, MibError } from '../../errors.js';
import type { GeneratedFile } from '../../mib/generate.js';
import type { MibModule } from '../../mib/model.js';
import type { MibStore } from '../../mib/store.js';
import { getopt } from '../args/getopt.js';
import type { CliIo } from '../io.js';
import { isModuleNotFound, mibSelection } from '../mibs.js';

/** The usage text of `tsnmp mib`. */
export const MIB_USAGE = `USAGE: tsnmp mib compile MODULE [MODULE]... --out DIR [OPTIONS]
       tsnmp mib json MODULE [MODULE]... [OPTIONS]

  compile  write TypeScript for each module: MODULE.ts (OIDs, enumerations, types, table
           rows and index codecs), MODULE-agent.ts (the agent subtree: typed handlers and
           tables, registration in an agent's registry), MODULE-handlers.ts (the stub of
           the handlers to fill in; never overwritten once it exists, unless --force) and
           MODULE.json (the compiled module); file names are the module name in lower case
  json     print the JSON form of each module (one JSON document per module)

  MODULE is a module name looked up on the search path, or the path of a MIB file.

OPTIONS:
  -h, --help              display this help message
  -M DIR[:...]            look in given list of directories for MIBs (+DIRS or -DIRS add
                          to net-snmp's default directories; also MIBDIRS)
  -o, --out DIR           compile: the directory to write to (made if missing)
  --import-from SPEC      compile: the module specifier the generated code imports tsnmp
                          from (default 'tsnmp'; e.g. a relative path to tsnmp's index.js)
  --force                 compile: overwrite the handlers stub too
  --json                  compile: print what was done as JSON objects, one a line
                          ({"module","file","role","action"}), instead of text
  --strict                treat the MIB warnings (common vendor mistakes) as errors

Exit status: 0 when every module compiled, 1 otherwise.
`;

interface MibArgs {
  sub: 'compile' | 'json';
  modules: string[];
  mibDirs: string[];
  out: string | undefined;
  importFrom: string | undefined;
  force: boolean;
  json: boolean;
  strict: boolean;
  help: boolean;
}

function parseArgs(argv: readonly string[]): MibArgs | string {
  const [sub, ...rest] = argv;
  if (sub === '-h' || sub === '--help' || sub === 'help') return { sub: 'compile', modules: [], mibDirs: [], out: undefined, importFrom: undefined, force: false, json: false, strict: false, help: true };
  if (sub !== 'compile' && sub !== 'json') return sub === undefined ? 'missing subcommand (compile or json)' : `unknown subcommand "${sub}" (compile or json)`;
  const a: MibArgs = { sub, modules: [], mibDirs: [], out: undefined, importFrom: undefined, force: false, json: false, strict: false, help: false };
  try {
    const r = getopt(rest, {
      short: { h: 'none', M: 'required', o: 'required' },
      long: { help: 'none', out: 'required', 'import-from': 'required', force: 'none', json: 'none', strict: 'none' },
      onOption: (o) => {
        switch (o.name) {
          case 'h':
          case 'help':
            a.help = true;
            break;
          case 'M':
            a.mibDirs.push(o.value!);
            break;
          case 'o':
          case 'out':
            a.out = o.value!;
            break;
          case 'import-from':
            a.importFrom = o.value!;
            break;
          case 'force':
            a.force = true;
            break;
          case 'json':
            a.json = true;
            break;
          case 'strict':
            a.strict = true;
            break;
        }
      },
    });
    a.modules = r.operands;
  } catch (err) {
    if (err instanceof InvalidArgumentError) return err.message;
    throw err;
  }
  if (a.help) return a;
  if (a.modules.length === 0) return 'no MODULE given';
  if (a.sub === 'compile' && a.out === undefined) return 'compile needs --out DIR';
  if (a.sub === 'json' && (a.out !== undefined || a.importFrom !== undefined || a.force || a.json)) return 'json takes no --out, --import-from, --force or --json';
  return a;
}

/** An operand that names a file rather than a module. */
function isFileOperand(operand: string): boolean {
  if (!/[/\\]/.test(operand) && !/\.(txt|mib|my|smi)$/i.test(operand)) return false;
  try {
    return statSync(operand).isFile();
  } catch {
    return false;
  }
}

/** A MibError as a compiler error line: `FILE:LINE:COLUMN: error: message`. */
function errorLine(err: MibError, operand: string): string {
  if (isModuleNotFound(err, operand)) return `tsnmp mib: ${err.message.slice(`${err.file}:0:0: `.length)}\n`;
  const prefix = `${err.file}:${err.line}:${err.column}: `;
  const text = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  return `${prefix}error: ${text}\n`;
}

/** Loads one operand; the modules it names, or undefined after reporting the error. */
function loadOperand(store: MibStore, operand: string, io: CliIo): MibModule[] | undefined {
  try {
    if (isFileOperand(operand)) return store.loadFile(operand);
    return [store.load(operand)];
  } catch (err) {
    if (!(err instanceof MibError)) throw err;
    io.stderr(errorLine(err, operand));
    return undefined;
  }
}

/** Runs `tsnmp mib SUBCOMMAND ARGS`; resolves with the exit status. */
export async function runMib(argv: readonly string[], io: CliIo): Promise<number> {
  const a = parseArgs(argv);
  if (typeof a === 'string') {
    io.stderr(`tsnmp mib: ${a}\n${MIB_USAGE}`);
    return 1;
  }
  if (a.help) {
    io.stdout(MIB_USAGE);
    return 0;
  }
  const [{ MibStore }, { formatDiagnostic }, gen] = await Promise.all([import('../../mib/store.js'), import('../../mib/diagnostics.js'), import('../../mib/generate.js')]);
  const { dirs } = mibSelection({ mibs: [], mibDirs: a.mibDirs }, io.env);
  // net-snmp: directories later in the list take precedence; the store takes the first found.
  const store = new MibStore({ path: [...dirs].reverse(), strict: a.strict });
  let status = 0;
  const done = new Set<string>();
  for (const operand of a.modules) {
    const modules = loadOperand(store, operand, io);
    if (modules === undefined) {
      status = 1;
      continue;
    }
    for (const m of modules) {
      if (done.has(m.name)) continue;
      done.add(m.name);
      for (const d of m.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
      if (a.sub === 'json') {
        io.stdout(gen.moduleJsonText(store, m.name));
        continue;
      }
      const files = gen.generateModule(store, m.name, a.importFrom === undefined ? {} : { importFrom: a.importFrom });
      if (!writeFiles(m.name, files, a, io)) status = 1;
    }
  }
  return status;
}

/** Writes a module's files; false when one could not be written. */
function writeFiles(module: string, files: readonly GeneratedFile[], a: MibArgs, io: CliIo): boolean {
  const dir = a.out!;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    io.stderr(`tsnmp mib compile: cannot make ${dir}: ${(err as Error).message}\n`);
    return false;
  }
  let ok = true;
  for (const f of files) {
    const file = path.join(dir, f.name);
    let action: 'written' | 'unchanged' | 'kept';
    const exists = existsSync(file);
    if (exists && f.userEdited && !a.force) {
      action = 'kept';
      io.stderr(`tsnmp mib compile: ${file} exists (the handlers you edit): not overwritten; --force overwrites it\n`);
    } else if (exists && sameText(file, f.text)) {
      action = 'unchanged';
    } else {
      try {
        writeFileSync(file, f.text);
        action = 'written';
      } catch (err) {
        io.stderr(`tsnmp mib compile: cannot write ${file}: ${(err as Error).message}\n`);
        ok = false;
        continue;
      }
    }
    if (a.json) io.stdout(`${JSON.stringify({ module, file, role: f.role, action })}\n`);
    else io.stdout(`${module}: ${action === 'written' ? 'wrote' : action} ${file} (${f.role})\n`);
  }
  return ok;
}

function sameText(file: string, text: string): boolean {
  try {
    return readFileSync(file, 'utf8') === text;
  } catch {
    return false;
  }
}
