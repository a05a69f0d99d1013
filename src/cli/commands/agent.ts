/**
 * `tsnmp agent`: runs an SNMP agent until SIGINT or SIGTERM, then stops listening and
 * writes its state file.
 *
 * - No arguments: the embedded default (udp:127.0.0.1:1161, communities `public`
 *   read-only and `private` read-write, the system and snmp groups, the example MIB under
 *   1.3.6.1.4.1.32473.1).
 * - `-c FILE`: an snmpd.conf subset (see agent/config.ts); a broken file is reported with
 *   its file and line and the agent does not start; a directive net-snmp knows and tsnmp
 *   does not implement is ignored with a warning. System values the file does not set are
 *   the default agent's (sysObjectID 1.3.6.1.4.1.32473.1, sysContact root@localhost,
 *   sysLocation here), with the host name as sysName, as snmpd takes it.
 * - `--snmprec FILE` (repeatable): serves recorded data (`tsnmp record` writes it). Without
 *   `-c`, the recording is the whole device: the default communities, no system or snmp
 *   group of tsnmp's own (they would hide the recorded ones), no example MIB.
 * - `--state FILE` / `--no-state`: where engine boots and persistent values are kept.
 *   Default `$XDG_STATE_HOME/tsnmp/agent-state` (or `~/.local/state/tsnmp/agent-state`).
 * - Operands are listening addresses, replacing the configuration's (as snmpd's are).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import path from 'node:path';
import { Agent } from '../../agent/agent.js';
import type { CommunityProfile } from '../../agent/community.js';
import { createDefaultAgent, DEFAULT_AGENT_ADDRESSES, DEFAULT_AGENT_SYSTEM } from '../../agent/default-agent.js';
import { MibStore } from '../../agent/mib-store.js';
import { serveSnmprec } from '../../agent/snmprec-data.js';
import { formatAddress } from '../../transport/address.js';
import { type AgentConfig, parseAgentConfig, sourceAllowed } from '../agent/config.js';
import { getopt } from '../args/getopt.js';
import type { CliIo } from '../io.js';
import { packageVersion } from '../version.js';

/** The usage of `tsnmp agent`. */
export const AGENT_USAGE = `USAGE: tsnmp agent [-c FILE] [--snmprec FILE]... [--state FILE | --no-state] [ADDRESS]...

  With no options: listens on udp:127.0.0.1:1161 with communities public (read-only)
  and private (read-write), the system and snmp groups and an example MIB.
  -c FILE            read an snmpd.conf subset: agentaddress, rocommunity, rwcommunity
                     (with SOURCE and view), view, com2sec, group, access, sysDescr,
                     sysContact, sysName, sysLocation, sysServices, sysObjectID, override,
                     includeFile, includeDir (other net-snmp directives: ignored, warned)
  --snmprec FILE     serve recorded data (snmpsim's .snmprec; tsnmp record writes it)
  --state FILE       keep engine boots and persistent values in FILE
  --no-state         keep nothing
  ADDRESS            listen here instead ([udp:|tcp:|udp6:|tcp6:]host:port)
  -h, --help         this text
  -V, --version      tsnmp's version
SIGINT or SIGTERM stops the agent and saves its state.
`;

/** The default agent's communities. */
const DEFAULT_COMMUNITIES: CommunityProfile[] = [
  { community: 'public', access: 'read-only', name: 'public' },
  { community: 'private', access: 'read-write', name: 'private' },
];

function defaultStateFile(env: CliIo['env']): string | undefined {
  const base = env.XDG_STATE_HOME ?? (env.HOME !== undefined ? path.join(env.HOME, '.local', 'state') : homedir() === '' ? undefined : path.join(homedir(), '.local', 'state'));
  return base === undefined ? undefined : path.join(base, 'tsnmp', 'agent-state');
}

/** Builds the agent a configuration describes. @throws InvalidArgumentError, DecodeError */
export function agentFromConfig(cfg: AgentConfig, stateFile: string | undefined): Agent {
  const rules = new Map<string, AgentConfig['communities'][number]['sources']>();
  const communities: CommunityProfile[] = cfg.communities.map((c, i) => {
    const name = `config-community-${i + 1}`;
    rules.set(name, c.sources);
    return { community: c.community, access: c.access, name, contextName: c.contextName, ...(c.view === undefined ? {} : { view: c.view }) };
  });
  const s = cfg.system;
  const agent = new Agent({
    communities,
    // What the file does not set is tsnmp's agent's own (snmpd too fills in every
    // system value): its sysObjectID, sysContact and sysLocation, and the host name as
    // sysName, as snmpd names itself.
    system: {
      ...DEFAULT_AGENT_SYSTEM,
      name: hostname(),
      ...(s.descr === undefined ? {} : { descr: s.descr }),
      ...(s.contact === undefined ? {} : { contact: s.contact }),
      ...(s.name === undefined ? {} : { name: s.name }),
      ...(s.location === undefined ? {} : { location: s.location }),
      ...(s.services === undefined ? {} : { services: s.services }),
      ...(s.objectId === undefined ? {} : { objectId: s.objectId }),
    },
    ...(stateFile === undefined ? {} : { stateFile }),
    checkAuthenticity: (req) => {
      const r = rules.get(req.access.name);
      const host = req.source?.remote.host;
      return r === undefined || host === undefined || sourceAllowed(r, host);
    },
  });
  for (const o of cfg.overrides) {
    const vb = o.varbind;
    const store = new MibStore([{ name: vb.oid, type: vb.type, value: vb.value as never, access: o.writable ? 'read-write' : 'read-only' }]);
    agent.registry.register(vb.oid, store, { priority: 1, kind: 'override' });
  }
  return agent;
}

/**
 * Runs `tsnmp agent ARGS` until the io's signal aborts; resolves with the exit status.
 */
export async function runAgent(argv: readonly string[], io: CliIo): Promise<number> {
  let configFile: string | undefined;
  const snmprec: string[] = [];
  let stateFile: string | undefined = defaultStateFile(io.env);
  let operands: string[];
  try {
    const r = getopt(argv, {
      short: { c: 'required', h: 'none', V: 'none' },
      long: { snmprec: 'required', state: 'required', 'no-state': 'none', help: 'none', version: 'none' },
    });
    for (const o of r.options) {
      if (o.name === 'h' || o.name === 'help') {
        io.stdout(AGENT_USAGE);
        return 0;
      }
      if (o.name === 'V' || o.name === 'version') {
        io.stdout(`tsnmp version: ${packageVersion()}\n`);
        return 0;
      }
      if (o.name === 'c') configFile = o.value;
      else if (o.name === 'snmprec') snmprec.push(o.value!);
      else if (o.name === 'state') stateFile = o.value;
      else if (o.name === 'no-state') stateFile = undefined;
    }
    operands = r.operands;
  } catch (err) {
    io.stderr(`tsnmp agent: ${(err as Error).message}\n${AGENT_USAGE}`);
    return 1;
  }

  let agent: Agent;
  let addresses: string[];
  try {
    if (stateFile !== undefined) mkdirSync(path.dirname(stateFile), { recursive: true });
    if (configFile === undefined && snmprec.length > 0) {
      // A recording is the device: tsnmp's own system and snmp groups would hide its values.
      agent = new Agent({ communities: DEFAULT_COMMUNITIES, builtins: false, ...(stateFile === undefined ? {} : { stateFile }) });
      addresses = [...DEFAULT_AGENT_ADDRESSES];
    } else if (configFile === undefined) {
      agent = createDefaultAgent(stateFile === undefined ? {} : { stateFile });
      addresses = [...DEFAULT_AGENT_ADDRESSES];
    } else {
      let text: string;
      try {
        text = readFileSync(configFile, 'utf8');
      } catch (err) {
        io.stderr(`tsnmp agent: cannot read ${configFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
        return 1;
      }
      const cfg = parseAgentConfig(text, configFile);
      for (const w of cfg.warnings) io.stderr(`tsnmp agent: ${w}\n`);
      agent = agentFromConfig(cfg, stateFile);
      addresses = cfg.addresses.length > 0 ? cfg.addresses : [...DEFAULT_AGENT_ADDRESSES];
    }
    for (const file of snmprec) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        io.stderr(`tsnmp agent: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
        return 1;
      }
      try {
        serveSnmprec(agent.registry, text);
      } catch (err) {
        io.stderr(`tsnmp agent: ${file}: ${(err as Error).message}\n`);
        return 1;
      }
    }
  } catch (err) {
    io.stderr(`tsnmp agent: ${(err as Error).message}\n`);
    return 1;
  }
  if (operands.length > 0) addresses = operands;

  try {
    const bound = await agent.listen(addresses);
    const where = bound.map((a) => formatAddress(a)).join(', ');
    const who = configFile === undefined ? ' (communities public: read-only, private: read-write)' : '';
    io.stderr(`tsnmp agent: listening on ${where}${who}\n`);
  } catch (err) {
    await agent.close();
    io.stderr(`tsnmp agent: cannot listen on ${addresses.join(', ')}: ${(err as Error).message}\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    if (io.signal === undefined) return;
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await agent.close();
  io.stderr(`tsnmp agent: stopped${stateFile === undefined ? '' : `; state saved in ${stateFile}`}\n`);
  return 0;
}
