/**
 * The snmpd.conf subset `tsnmp agent -c FILE` reads, with snmpd.conf(5)'s syntax:
 *
 * - `agentaddress [transport:]address[,...]`
 * - `rocommunity|rwcommunity COMMUNITY [SOURCE [OID | -V VIEW [CONTEXT]]]` (IPv4 sources),
 *   `rocommunity6|rwcommunity6` (IPv6 sources)
 * - `view NAME included|excluded OID [MASK]`
 * - `com2sec|com2sec6 [-Cn CONTEXT] SECNAME SOURCE COMMUNITY`, `group GROUP v1|v2c SECNAME`,
 *   `access GROUP CONTEXT any|v1|v2c noauth|auth|priv exact|prefix READ WRITE NOTIFY`
 * - `sysDescr`, `sysContact`, `sysName`, `sysLocation` (the rest of the line, verbatim),
 *   `sysServices NUMBER`, `sysObjectID OID`
 * - `override [-rw] OID integer|uinteger|octet_str|object_id|counter|null VALUE`
 *
 * SOURCE is `default`, an address, `address/bits` or `address/mask`, optionally preceded
 * by `!` to deny (`localhost` is 127.0.0.1 or ::1). OIDs are numeric (`.1.3.6.1.2.1.1`,
 * `iso.3.6.1`) until the MIB compiler lands. A community gets one view for reading and,
 * when writable, the same view for writing (tsnmp's community model); an `access` line
 * whose write view differs from its read view is refused.
 *
 * `includeFile` and `includeDir` read other files in place (see config-lines.ts). A
 * directive net-snmp knows and tsnmp does not implement (`master`, `rouser`, `trapsink`,
 * ... see snmpd-directives.ts) is ignored with a warning, as net-snmp's snmpd words it
 * (`FILE: line N: Warning: ...`), so that a stock snmpd.conf starts the agent. Any other
 * word, and any malformed line, is an error naming the file and line.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { ViewFamily } from '../../agent/view.js';
import type { Oid } from '../../smi/oid.js';
import { octetsFromHex, octetsFromText } from '../../smi/octets.js';
import type { VarBind } from '../../smi/types.js';
import { parseNumericOid } from '../format/oid-names.js';
import { type ConfigFiles, type ConfigLine, configError, configWarning, expandConfigLines, words } from './config-lines.js';
import { unsupportedDirectiveWarning } from './snmpd-directives.js';

/** Where a community may come from: the first rule that matches decides. */
export interface SourceRule {
  readonly deny: boolean;
  /** `ipv4` for the community directives, `ipv6` for their `6` forms. */
  readonly family: 'ipv4' | 'ipv6';
  /** Undefined for `default` (any address of the family). */
  readonly list: BlockList | undefined;
}

/** A community and what it may do. */
export interface CommunityConfig {
  readonly community: string;
  access: 'read-only' | 'read-write';
  /** The view families; undefined for everything. */
  view: ViewFamily[] | undefined;
  contextName: string;
  readonly sources: SourceRule[];
  /** Where it was first defined. */
  readonly at: ConfigLine;
}

/** An `override` line. */
export interface OverrideConfig {
  readonly varbind: VarBind;
  readonly writable: boolean;
}

/** What a configuration file says. */
export interface AgentConfig {
  addresses: string[];
  communities: CommunityConfig[];
  system: { descr?: string; contact?: string; name?: string; location?: string; services?: number; objectId?: Oid };
  overrides: OverrideConfig[];
  /** The ignored lines, one warning each (`FILE: line N: Warning: ...`), in file order. */
  warnings: string[];
}

interface Com2Sec {
  readonly secName: string;
  readonly community: string;
  readonly context: string;
  readonly source: SourceRule;
  readonly at: ConfigLine;
}

interface Access {
  readonly group: string;
  readonly context: string;
  readonly model: string;
  readonly read: string;
  readonly write: string;
  readonly at: ConfigLine;
}

function oidArg(l: ConfigLine, text: string | undefined, what: string): Oid {
  if (text === undefined) throw configError(l, `${l.directive}: missing ${what}`);
  try {
    return parseNumericOid(text);
  } catch (err) {
    throw configError(l, `${l.directive}: bad ${what} "${text}": ${(err as Error).message}`);
  }
}

/** Reads a SOURCE token. */
function sourceRule(l: ConfigLine, token: string, family: 'ipv4' | 'ipv6'): SourceRule {
  const deny = token.startsWith('!');
  const t = deny ? token.slice(1) : token;
  if (t === 'default') return { deny, family, list: undefined };
  const list = new BlockList();
  const [addrText, maskText] = t.split('/') as [string, string | undefined];
  const addr = addrText === 'localhost' ? (family === 'ipv4' ? '127.0.0.1' : '::1') : addrText;
  const ok = family === 'ipv4' ? isIPv4(addr) : isIPv6(addr);
  if (!ok) throw configError(l, `${l.directive}: source "${token}" is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address or network (host names are not supported; use an address, address/bits or default)`);
  if (maskText === undefined) list.addAddress(addr, family);
  else if (/^\d+$/.test(maskText)) {
    const bits = Number(maskText);
    if (bits > (family === 'ipv4' ? 32 : 128)) throw configError(l, `${l.directive}: bad prefix length in "${token}"`);
    list.addSubnet(addr, bits, family);
  } else if (family === 'ipv4' && isIPv4(maskText)) {
    const n = maskText.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
    const bits = 32 - Math.log2(2 ** 32 - n);
    if (!Number.isInteger(bits)) throw configError(l, `${l.directive}: mask ${maskText} is not contiguous`);
    list.addSubnet(addr, bits, family);
  } else {
    throw configError(l, `${l.directive}: bad mask in "${token}"`);
  }
  return { deny, family, list };
}

/** True when a request from `host` passes the rules (first match decides; no match denies). */
export function sourceAllowed(rules: readonly SourceRule[], host: string): boolean {
  const family = isIPv6(host) ? 'ipv6' : 'ipv4';
  for (const r of rules) {
    if (r.family !== family) continue;
    if (r.list === undefined || r.list.check(host, family)) return !r.deny;
  }
  return false;
}

function overrideValue(l: ConfigLine, oid: Oid, type: string, value: string | undefined): VarBind | undefined {
  const need = (): string => {
    if (value === undefined) throw configError(l, `override: missing value for ${type}`);
    return value;
  };
  const int = (min: number, max: number): number => {
    const v = need();
    if (!/^[+-]?\d+$/.test(v) || Number(v) < min || Number(v) > max) throw configError(l, `override: bad ${type} value "${v}"`);
    return Number(v);
  };
  switch (type) {
    case 'integer':
      return { oid, type: 'Integer32', value: int(-0x80000000, 0x7fffffff) };
    case 'uinteger':
      return { oid, type: 'Gauge32', value: int(0, 0xffffffff) };
    case 'counter':
      return { oid, type: 'Counter32', value: int(0, 0xffffffff) };
    case 'octet_str': {
      const v = need();
      if (/^0x[0-9a-fA-F]*$/.test(v)) return { oid, type: 'OctetString', value: octetsFromHex(v) };
      return { oid, type: 'OctetString', value: octetsFromText(v) };
    }
    case 'object_id':
      return { oid, type: 'ObjectIdentifier', value: oidArg(l, need(), 'OID value') };
    case 'null':
      // net-snmp 5.9 serves nothing for a null override.
      return undefined;
    default:
      throw configError(l, `override: unknown type "${type}" (integer, uinteger, octet_str, object_id, counter, null)`);
  }
}

const SYS_TEXT: Readonly<Record<string, 'descr' | 'contact' | 'name' | 'location'>> = {
  sysdescr: 'descr',
  syscontact: 'contact',
  sysname: 'name',
  syslocation: 'location',
};

/**
 * Reads a configuration.
 * @param file the file name used in messages, and the directory relative includes start from
 * @param files where included files are read from; default the file system
 * @throws InvalidArgumentError `file:line: message` for the first unknown or malformed line,
 *   or an included file that cannot be read
 */
export function parseAgentConfig(text: string, file: string, files?: ConfigFiles): AgentConfig {
  const cfg: AgentConfig = { addresses: [], communities: [], system: {}, overrides: [], warnings: [] };
  const views = new Map<string, ViewFamily[]>();
  const com2sec: Com2Sec[] = [];
  const groups = new Map<string, Set<string>>();
  const access: Access[] = [];
  const pendingViews: { c: CommunityConfig; view: string; at: ConfigLine }[] = [];
  const addCommunity = (l: ConfigLine, community: string, acc: CommunityConfig['access'], view: ViewFamily[] | undefined, context: string, source: SourceRule): CommunityConfig => {
    const existing = cfg.communities.find((c) => c.community === community);
    if (existing !== undefined) {
      if (existing.access !== acc || JSON.stringify(existing.view) !== JSON.stringify(view) || existing.contextName !== context) {
        throw configError(l, `${l.directive}: community "${community}" was given other access at line ${existing.at.line} (tsnmp gives a community one view and one access)`);
      }
      existing.sources.push(source);
      return existing;
    }
    const c: CommunityConfig = { community, access: acc, view, contextName: context, sources: [source], at: l };
    cfg.communities.push(c);
    return c;
  };

  for (const l of expandConfigLines(text, file, (w) => cfg.warnings.push(w), files)) {
    const d = l.directive.toLowerCase();
    if (SYS_TEXT[d] !== undefined) {
      if (l.rest === '') throw configError(l, `${l.directive}: missing value`);
      cfg.system[SYS_TEXT[d]] = l.rest;
      continue;
    }
    // Checked before the words are split: an ignored line's quoting is not looked at.
    const warning = unsupportedDirectiveWarning(l.directive);
    if (warning !== undefined) {
      cfg.warnings.push(configWarning(l, warning));
      continue;
    }
    const w = words(l);
    switch (d) {
      case 'agentaddress':
        if (w.length === 0) throw configError(l, 'agentaddress: missing address');
        for (const a of w.join(',').split(',')) if (a !== '') cfg.addresses.push(a);
        break;
      case 'sysservices': {
        if (w.length !== 1 || !/^\d+$/.test(w[0]!) || Number(w[0]) > 127) throw configError(l, 'sysServices: expected a number 0..127');
        cfg.system.services = Number(w[0]);
        break;
      }
      case 'sysobjectid':
        if (w.length !== 1) throw configError(l, 'sysObjectID: expected one OID');
        cfg.system.objectId = oidArg(l, w[0], 'OID');
        break;
      case 'rocommunity':
      case 'rwcommunity':
      case 'rocommunity6':
      case 'rwcommunity6': {
        const [community, source = 'default', ...more] = w;
        if (community === undefined) throw configError(l, `${l.directive}: missing community`);
        const family = d.endsWith('6') ? 'ipv6' : 'ipv4';
        let view: ViewFamily[] | undefined;
        let viewName: string | undefined;
        let context = '';
        if (more[0] === '-V') {
          viewName = more[1];
          if (viewName === undefined) throw configError(l, `${l.directive}: -V needs a view name`);
          context = more[2] ?? '';
          if (more.length > 3) throw configError(l, `${l.directive}: too many arguments`);
        } else if (more.length > 0) {
          view = [{ subtree: oidArg(l, more[0], 'OID') }];
          context = more[1] ?? '';
          if (more.length > 2) throw configError(l, `${l.directive}: too many arguments`);
        }
        const c = addCommunity(l, community, d.startsWith('rw') ? 'read-write' : 'read-only', view, context === '*' ? '' : context, sourceRule(l, source, family));
        if (viewName !== undefined) pendingViews.push({ c, view: viewName, at: l });
        break;
      }
      case 'view': {
        const [name, type, oid, mask] = w;
        if (name === undefined || type === undefined || oid === undefined) throw configError(l, 'view: expected NAME included|excluded OID [MASK]');
        if (type !== 'included' && type !== 'excluded') throw configError(l, `view: type must be included or excluded, not "${type}"`);
        if (w.length > 4) throw configError(l, 'view: too many arguments');
        const family: ViewFamily = { subtree: oidArg(l, oid, 'OID'), type, ...(mask === undefined ? {} : { mask: mask.replace(/\./g, ':') }) };
        if (mask !== undefined) {
          try {
            octetsFromHex(mask.replace(/\./g, ':'));
          } catch {
            throw configError(l, `view: bad mask "${mask}"`);
          }
        }
        const list = views.get(name) ?? [];
        list.push(family);
        views.set(name, list);
        break;
      }
      case 'com2sec':
      case 'com2sec6': {
        let args = w;
        let context = '';
        if (args[0] === '-Cn') {
          if (args[1] === undefined) throw configError(l, `${l.directive}: -Cn needs a context`);
          context = args[1];
          args = args.slice(2);
        }
        if (args.length !== 3) throw configError(l, `${l.directive}: expected [-Cn CONTEXT] SECNAME SOURCE COMMUNITY`);
        com2sec.push({ secName: args[0]!, source: sourceRule(l, args[1]!, d === 'com2sec6' ? 'ipv6' : 'ipv4'), community: args[2]!, context, at: l });
        break;
      }
      case 'group': {
        if (w.length !== 3) throw configError(l, 'group: expected GROUP MODEL SECNAME');
        const [group, model, secName] = w as [string, string, string];
        if (!['v1', 'v2c', 'usm', 'tsm', 'ksm', 'any'].includes(model)) throw configError(l, `group: unknown security model "${model}"`);
        if (model === 'v1' || model === 'v2c' || model === 'any') {
          const set = groups.get(secName) ?? new Set<string>();
          set.add(group);
          groups.set(secName, set);
        }
        break;
      }
      case 'access': {
        if (w.length !== 8) throw configError(l, 'access: expected GROUP CONTEXT MODEL LEVEL PREFX READ WRITE NOTIFY');
        const [group, context, model, level, prefx, read, write] = w as [string, string, string, string, string, string, string];
        if (!['any', 'v1', 'v2c', 'usm', 'tsm', 'ksm'].includes(model)) throw configError(l, `access: unknown security model "${model}"`);
        if (!['noauth', 'auth', 'priv'].includes(level)) throw configError(l, `access: level must be noauth, auth or priv, not "${level}"`);
        if (prefx !== 'exact' && prefx !== 'prefix') throw configError(l, `access: PREFX must be exact or prefix, not "${prefx}"`);
        access.push({ group, context, model, read, write, at: l });
        break;
      }
      case 'override': {
        let args = w;
        let writable = false;
        if (args[0] === '-rw') {
          writable = true;
          args = args.slice(1);
        }
        if (args.length < 2 || args.length > 3) throw configError(l, 'override: expected [-rw] OID TYPE VALUE');
        const oid = oidArg(l, args[0], 'OID');
        const vb = overrideValue(l, oid, args[1]!, args[2]);
        if (vb !== undefined) cfg.overrides.push({ varbind: vb, writable });
        break;
      }
      default:
        throw configError(l, `Unknown directive "${l.directive}" (tsnmp agent reads agentaddress, rocommunity, rwcommunity, view, com2sec, group, access, sysDescr, sysContact, sysName, sysLocation, sysServices, sysObjectID, override, includeFile, includeDir)`);
    }
  }

  const viewOf = (name: string, at: ConfigLine): ViewFamily[] => {
    const v = views.get(name);
    if (v === undefined) throw configError(at, `${at.directive}: unknown view "${name}"`);
    return v;
  };
  for (const p of pendingViews) p.c.view = viewOf(p.view, p.at);

  // VACM: community -> security name -> groups -> the access line of a v1/v2c model.
  for (const m of com2sec) {
    const line = access.find((a) => (groups.get(m.secName)?.has(a.group) ?? false) && ['any', 'v1', 'v2c'].includes(a.model));
    if (line === undefined) throw configError(m.at, `${m.at.directive}: no group and access line give "${m.secName}" any access`);
    if (line.read === 'none') continue;
    const read = viewOf(line.read, line.at);
    if (line.write !== 'none' && line.write !== line.read) {
      throw configError(line.at, 'access: a write view other than the read view (or none) is not supported by tsnmp (a community has one view)');
    }
    addCommunity(m.at, m.community, line.write === 'none' ? 'read-only' : 'read-write', read, m.context, m.source);
  }
  return cfg;
}

