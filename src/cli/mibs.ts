/**
 * Which MIB modules a command loads, as net-snmp decides (snmpcmd(1) `-m`, `-M`, and the
 * MIBS and MIBDIRS environment variables): a default list of modules and of directories,
 * replaced by a list, or extended by one that starts with `+` (after) or `-` (before);
 * `ALL` loads every module found. As in net-snmp, `-m` takes the place of MIBS and `-M`
 * of MIBDIRS (the last one given counts), and directories later in the list take
 * precedence. Modules of the default list that are not installed are skipped quietly;
 * when the list comes from `-m` or MIBS, a missing one is reported with net-snmp's lines.
 * Compiled modules are cached (`$XDG_CACHE_HOME/tsnmp/mibs`, or `TSNMP_MIB_CACHE`; empty
 * for none) so that commands start fast.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { MibError } from '../errors.js';
import type { MibStore } from '../mib/store.js';
import type { CommonArgs } from './args/snmpcmd.js';
import { BaseOidNamer, type OidNamer } from './format/oid-names.js';
import type { CliIo } from './io.js';

/** net-snmp 5.9's default module list, in its order (Debian's build, as `snmptranslate -m +X` shows it). */
export const NET_SNMP_DEFAULT_MIBS: readonly string[] = [
  'SNMPv2-MIB',
  'IF-MIB',
  'IP-MIB',
  'TCP-MIB',
  'UDP-MIB',
  'HOST-RESOURCES-MIB',
  'NOTIFICATION-LOG-MIB',
  'DISMAN-EVENT-MIB',
  'DISMAN-SCHEDULE-MIB',
  'HOST-RESOURCES-TYPES',
  'MTA-MIB',
  'NETWORK-SERVICES-MIB',
  'UCD-DISKIO-MIB',
  'UCD-DLMOD-MIB',
  'LM-SENSORS-MIB',
  'UCD-SNMP-MIB',
  'UCD-DEMO-MIB',
  'SNMP-TARGET-MIB',
  'NET-SNMP-AGENT-MIB',
  'SNMP-FRAMEWORK-MIB',
  'SNMP-MPD-MIB',
  'SNMP-USER-BASED-SM-MIB',
  'SNMP-VIEW-BASED-ACM-MIB',
  'SNMP-COMMUNITY-MIB',
  'IPV6-ICMP-MIB',
  'IPV6-MIB',
  'IPV6-TCP-MIB',
  'IPV6-UDP-MIB',
  'IP-FORWARD-MIB',
  'NET-SNMP-PASS-MIB',
  'NET-SNMP-EXTEND-MIB',
  'SNMP-NOTIFICATION-MIB',
  'SNMPv2-TM',
  'NET-SNMP-VACM-MIB',
];

/** net-snmp's default directories (Debian's build). */
export function defaultMibDirs(env: CliIo['env']): string[] {
  const home = env.HOME;
  return [...(home === undefined ? [] : [path.join(home, '.snmp', 'mibs')]), '/usr/share/snmp/mibs', '/usr/share/snmp/mibs/iana', '/usr/share/snmp/mibs/ietf'];
}

/** Applies a `-m`/`-M`/MIBS/MIBDIRS list to the current one. */
export function applyList(current: readonly string[], spec: string): string[] {
  const sep = process.platform === 'win32' ? ';' : ':';
  const parts = (s: string): string[] => s.split(sep).filter((p) => p !== '');
  if (spec.startsWith('+')) return [...current, ...parts(spec.slice(1))];
  if (spec.startsWith('-')) return [...parts(spec.slice(1)), ...current];
  return parts(spec);
}

/** The modules and directories a command uses. */
export interface MibSelection {
  /** The modules to load, in order (`ALL` for every module found). */
  readonly modules: string[];
  /** The directories in net-snmp's order (later ones take precedence). */
  readonly dirs: string[];
  /** Modules whose absence is reported (every module of a list given by `-m` or MIBS). */
  readonly explicit: Set<string>;
}

/**
 * The modules and directories in effect: the last `-m` (else MIBS) applied to the default
 * list, the last `-M` (else MIBDIRS) applied to the default directories.
 */
export function mibSelection(common: Pick<CommonArgs, 'mibs' | 'mibDirs'>, env: CliIo['env']): MibSelection {
  const spec = common.mibs.at(-1) ?? env.MIBS;
  const modules = spec === undefined ? [...NET_SNMP_DEFAULT_MIBS] : applyList(NET_SNMP_DEFAULT_MIBS, spec);
  const dirSpec = common.mibDirs.at(-1) ?? env.MIBDIRS;
  const dirs = dirSpec === undefined ? defaultMibDirs(env) : applyList(defaultMibDirs(env), dirSpec);
  return { modules, dirs, explicit: new Set(spec === undefined ? [] : modules) };
}

/** The directory of the compiled-module cache, or undefined for none. */
export function mibCacheDir(env: CliIo['env']): string | undefined {
  if (env.TSNMP_MIB_CACHE !== undefined) return env.TSNMP_MIB_CACHE === '' ? undefined : env.TSNMP_MIB_CACHE;
  const base = env.XDG_CACHE_HOME ?? (env.HOME === undefined ? undefined : path.join(env.HOME, '.cache'));
  return base === undefined ? undefined : path.join(base, 'tsnmp', 'mibs');
}

/** A store of the selected modules, and what went wrong while loading them. */
export interface LoadedMibs {
  readonly store: MibStore;
  /** How many modules of the selection loaded (every module found, for `ALL`). */
  readonly loaded: number;
  /** net-snmp's lines for modules that were asked for and are missing or broken (each ends with a newline). */
  readonly messages: string;
}

/**
 * The N of net-snmp's `Cannot find module (X): At line N in (none)`: whatever line its
 * scanner last read: 1 after reading the headers of a directory's files (mostly; 2 when
 * the last file read starts with a comment line), 0 when no directory holds a file.
 */
export function notFoundLine(dirs: readonly string[]): number {
  // net-snmp's directory scan skips names starting with a dot; with no file read, 0.
  const hasFile = (d: string): boolean => {
    try {
      return readdirSync(d).some((f) => !f.startsWith('.'));
    } catch {
      return false;
    }
  };
  return dirs.some(hasFile) ? 1 : 0;
}

/**
 * The MIB layer's notes for a module a name asked for and the search path does not hold,
 * as net-snmp prints them (`print_module_not_found`): `MIB search path:` with the
 * directories in net-snmp's order, once in a process (not again after the loading of the
 * selected modules printed it); `Cannot find module (X): At line N in (none)` unless X was
 * the module of the last such line. Returns the function that rewrites a failure's notes.
 */
export function moduleNotFoundNotes(sel: MibSelection, startupMessages: string): (notes: readonly string[]) => string[] {
  let pathShown = startupMessages.includes('MIB search path: ');
  let lastModule = [...startupMessages.matchAll(/^Cannot find module \((.*)\): At line/gm)].at(-1)?.[1];
  let line: number | undefined;
  return (notes) => {
    const out: string[] = [];
    for (const n of notes) {
      if (n.startsWith('MIB search path: ')) {
        if (!pathShown) out.push(`MIB search path: ${sel.dirs.join(':')}`);
        pathShown = true;
        continue;
      }
      const m = /^Cannot find module \((.*)\): At line \d+ in \(none\)$/.exec(n);
      if (m === null) {
        out.push(n);
        continue;
      }
      line ??= notFoundLine(sel.dirs);
      if (m[1] !== lastModule) out.push(`Cannot find module (${m[1]}): At line ${line} in (none)`);
      lastModule = m[1];
    }
    return out;
  };
}

/** True for the store's "module not found" error (as opposed to a broken module). */
export function isModuleNotFound(err: MibError, module: string): boolean {
  return err.line === 0 && err.file === module;
}

/**
 * Loads the selected modules into a new store (with the cache). Missing modules asked for
 * explicitly give net-snmp's `MIB search path: …` and `Cannot find module (X): At line 0
 * in (none)` lines; a broken one gives tsnmp's error with file, line and column.
 */
export async function loadSelectedMibs(sel: MibSelection, env: CliIo['env']): Promise<LoadedMibs> {
  const { MibStore } = await import('../mib/store.js');
  const cache = mibCacheDir(env);
  // net-snmp: directories later in the list take precedence; the store takes the first found.
  const store = new MibStore({ path: [...sel.dirs].reverse(), ...(cache === undefined ? {} : { cacheDir: cache }) });
  let loaded = 0;
  let messages = '';
  let searchPathShown = false;
  let line: number | undefined;
  for (const m of sel.modules) {
    if (m === 'ALL') {
      loaded += store.loadAll().loaded.length;
      continue;
    }
    try {
      store.load(m);
      loaded++;
    } catch (err) {
      if (!(err instanceof MibError)) throw err;
      if (!sel.explicit.has(m)) continue;
      if (isModuleNotFound(err, m)) {
        if (!searchPathShown) messages += `MIB search path: ${sel.dirs.join(':')}\n`;
        searchPathShown = true;
        line ??= notFoundLine(sel.dirs);
        messages += `Cannot find module (${m}): At line ${line} in (none)\n`;
      } else {
        messages += `${err.message}\n`;
      }
    }
  }
  return { store, loaded, messages };
}

/**
 * The namer for a command: the MIBs selected by its options and environment, or
 * net-snmp's no-MIB naming when none is selected or found. The MIB layer is loaded only
 * when modules are asked for, so that commands without MIBs start fast; an operand
 * naming its module (`SNMPv2-MIB::sysDescr.0`) asks for the MIB layer too, which loads
 * that module from the search path when the selection does not hold it, as net-snmp does.
 */
export async function commandNamer(common: Pick<CommonArgs, 'mibs' | 'mibDirs'> & Partial<Pick<CommonArgs, 'operands' | 'oidPrefix'>>, io: CliIo, _name: string): Promise<OidNamer> {
  const sel = mibSelection(common, io.env);
  const qualified = [common.oidPrefix ?? '', ...(common.operands ?? []).slice(1)].some((t) => MODULE_QUALIFIED.test(t));
  if (sel.modules.length === 0 && !qualified) return new BaseOidNamer();
  const [{ store, loaded, messages }, { MibOidNamer }] = await Promise.all([loadSelectedMibs(sel, io.env), import('./format/mib-namer.js')]);
  io.stderr(messages);
  return loaded === 0 && !qualified ? new BaseOidNamer() : new MibOidNamer(store, moduleNotFoundNotes(sel, messages));
}

/** A name with its module (`SNMPv2-MIB::sysDescr.0`, net-snmp's test in `get_node`). */
const MODULE_QUALIFIED = /^[A-Za-z0-9-]+:/;
