/**
 * Which MIB modules a command loads, as net-snmp decides (snmpcmd(1) `-m`, `-M`, and the
 * MIBS and MIBDIRS environment variables): a default list of modules and of directories,
 * replaced by a list, or extended by one that starts with `+` (after) or `-` (before);
 * `ALL` loads every module found. Directories later in the list take precedence. Modules
 * of the default list that are not installed are skipped quietly; one named explicitly and
 * missing is reported. Compiled modules are cached (`$XDG_CACHE_HOME/tsnmp/mibs`, or
 * `TSNMP_MIB_CACHE`; empty for none) so that commands start fast.
 */
import path from 'node:path';
import { MibError } from '../errors.js';
import type { CommonArgs } from './args/snmpcmd.js';
import { BaseOidNamer, type OidNamer } from './format/oid-names.js';
import type { CliIo } from './io.js';

/** net-snmp 5.9's default module list (configure's default `--with-mib-modules` set). */
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
  'UCD-SNMP-MIB',
  'UCD-DEMO-MIB',
  'SNMP-TARGET-MIB',
  'NET-SNMP-AGENT-MIB',
  'HOST-RESOURCES-TYPES',
  'SNMP-MPD-MIB',
  'SNMP-USER-BASED-SM-MIB',
  'SNMP-FRAMEWORK-MIB',
  'SNMP-VIEW-BASED-ACM-MIB',
  'SNMP-COMMUNITY-MIB',
  'IPV6-ICMP-MIB',
  'IPV6-MIB',
  'IPV6-TCP-MIB',
  'IPV6-UDP-MIB',
  'IP-FORWARD-MIB',
  'NET-SNMP-PASS-MIB',
  'NET-SNMP-EXTEND-MIB',
  'UCD-DLMOD-MIB',
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

/** The modules and directories in effect, and which modules were asked for by name. */
export function mibSelection(common: Pick<CommonArgs, 'mibs' | 'mibDirs'>, env: CliIo['env']): { modules: string[]; dirs: string[]; explicit: Set<string> } {
  let modules: string[] = [...NET_SNMP_DEFAULT_MIBS];
  const explicit = new Set<string>();
  const specs = [...(env.MIBS === undefined ? [] : [env.MIBS]), ...common.mibs];
  for (const spec of specs) {
    modules = applyList(modules, spec);
    for (const m of applyList([], spec)) explicit.add(m);
  }
  let dirs = defaultMibDirs(env);
  for (const spec of [...(env.MIBDIRS === undefined ? [] : [env.MIBDIRS]), ...common.mibDirs]) dirs = applyList(dirs, spec);
  return { modules, dirs, explicit };
}

function cacheDir(env: CliIo['env']): string | undefined {
  if (env.TSNMP_MIB_CACHE !== undefined) return env.TSNMP_MIB_CACHE === '' ? undefined : env.TSNMP_MIB_CACHE;
  const base = env.XDG_CACHE_HOME ?? (env.HOME === undefined ? undefined : path.join(env.HOME, '.cache'));
  return base === undefined ? undefined : path.join(base, 'tsnmp', 'mibs');
}

/**
 * The namer for a command: the MIBs selected by its options and environment, or
 * net-snmp's no-MIB naming when none is selected or found. The MIB layer is loaded only
 * when modules are asked for, so that commands without MIBs start fast.
 */
export async function commandNamer(common: Pick<CommonArgs, 'mibs' | 'mibDirs'>, io: CliIo, name: string): Promise<OidNamer> {
  const { modules, dirs, explicit } = mibSelection(common, io.env);
  if (modules.length === 0) return new BaseOidNamer();
  const [{ MibStore }, { MibOidNamer }] = await Promise.all([import('../mib/store.js'), import('./format/mib-namer.js')]);
  const cache = cacheDir(io.env);
  // net-snmp: directories later in the list take precedence; the store takes the first found.
  const store = new MibStore({ path: [...dirs].reverse(), ...(cache === undefined ? {} : { cacheDir: cache }) });
  let loaded = 0;
  for (const m of modules) {
    if (m === 'ALL') {
      loaded += store.loadAll().loaded.length;
      continue;
    }
    try {
      store.load(m);
      loaded++;
    } catch (err) {
      if (!(err instanceof MibError)) throw err;
      if (explicit.has(m)) io.stderr(`${name}: Cannot find module (${m}): ${err.message}\n`);
    }
  }
  return loaded === 0 ? new BaseOidNamer() : new MibOidNamer(store);
}
