/**
 * The agent `tsnmp agent` runs with no configuration: loopback port 1161, communities
 * `public` (read-only) and `private` (read-write), the system and snmp groups, and a small
 * example MIB under the documentation enterprise number 32473 (RFC 5612).
 */
import { ErrorStatus } from '../pdu/error-status.js';
import { Oid } from '../smi/oid.js';
import { octetsFromText } from '../smi/octets.js';
import { Agent, type AgentOptions } from './agent.js';
import type { SystemGroupOptions } from './builtins.js';
import { TableHandler } from './table.js';

/** Root of the example MIB: `1.3.6.1.4.1.32473.1` (enterprise 32473 is reserved for examples, RFC 5612). */
export const EXAMPLE_MIB = '1.3.6.1.4.1.32473.1';

/** Where the default agent listens. */
export const DEFAULT_AGENT_ADDRESSES: readonly string[] = ['udp:127.0.0.1:1161'];

/**
 * Adds the example MIB to an agent:
 * - `.1.0` exampleDescr (OCTET STRING, read-only), `.2.0` exampleLevel (INTEGER 0..100,
 *   read-write, persistent), `.3.0` exampleNote (OCTET STRING, read-write, persistent),
 *   `.4.0` exampleRequests (Counter32: snmpInPkts of the agent), `.5.0` exampleOctets
 *   (Counter64), `.6.0` exampleAddress (IpAddress, read-write)
 * - `.10.1` exampleEntry: a table indexed by an INTEGER with exampleName (`.2`, OCTET
 *   STRING), exampleValue (`.3`, Gauge32) and exampleMode (`.4`, INTEGER, read-create);
 *   rows can be created with a Set of exampleMode.
 * Returns the table.
 */
export function addExampleMib(agent: Agent): TableHandler {
  const m = EXAMPLE_MIB;
  agent.mib.add({ name: `${m}.1.0`, type: 'OctetString', value: octetsFromText('tsnmp example MIB'), description: 'exampleDescr' });
  agent.mib.add({
    name: `${m}.2.0`,
    type: 'Integer32',
    value: 50,
    access: 'read-write',
    persistent: true,
    validate: (v) => (v >= 0 && v <= 100 ? 0 : ErrorStatus.wrongValue),
    description: 'exampleLevel',
  });
  agent.mib.add({ name: `${m}.3.0`, type: 'OctetString', value: octetsFromText(''), access: 'read-write', persistent: true, size: [0, 255], description: 'exampleNote' });
  agent.mib.add({ name: `${m}.4.0`, type: 'Counter32', read: () => agent.counters.inPkts, description: 'exampleRequests' });
  agent.mib.add({ name: `${m}.5.0`, type: 'Counter64', value: 12345678901234567890n, description: 'exampleOctets' });
  agent.mib.add({ name: `${m}.6.0`, type: 'IpAddress', value: '192.0.2.1', access: 'read-write', description: 'exampleAddress' });
  const table = new TableHandler(`${m}.10.1`, {
    index: [{ type: 'Integer' }],
    rowCreation: true,
    columns: [
      { id: 1, type: 'Integer32', access: 'not-accessible' },
      { id: 2, type: 'OctetString', access: 'read-write' },
      { id: 3, type: 'Gauge32' },
      { id: 4, type: 'Integer32', access: 'read-create', validate: (v) => (v === 1 || v === 2 ? 0 : ErrorStatus.wrongValue) },
    ],
  });
  for (let i = 1; i <= 3; i++) table.setRow([i], { 1: i, 2: octetsFromText(`row ${i}`), 3: i * 100, 4: 1 });
  agent.registry.register(table.entry, table, { kind: 'example' });
  agent.sysOr?.add(Oid.parse(m), 'tsnmp example MIB');
  return table;
}

/**
 * The system group of tsnmp's own agents (`tsnmp agent`, with or without `-c`): sysObjectID
 * the example MIB's root, sysContact `root@localhost`, sysName `tsnmp` (`tsnmp agent -c`
 * takes the host name, as snmpd does), sysLocation `here`; sysDescr and sysServices are
 * the built-in defaults.
 */
export const DEFAULT_AGENT_SYSTEM: Readonly<SystemGroupOptions> = Object.freeze({ objectId: EXAMPLE_MIB, contact: 'root@localhost', name: 'tsnmp', location: 'here' });

/**
 * The default agent (not yet listening): communities `public` (read-only) and `private`
 * (read-write) seeing everything, the built-in groups and the example MIB. Options are
 * merged over these defaults.
 *
 * ```ts
 * const agent = createDefaultAgent();
 * await agent.listen(DEFAULT_AGENT_ADDRESSES);
 * ```
 * @throws InvalidArgumentError, DecodeError as the Agent constructor does.
 */
export function createDefaultAgent(options: AgentOptions = {}): Agent {
  const agent = new Agent({
    communities: [
      { community: 'public', access: 'read-only', name: 'public' },
      { community: 'private', access: 'read-write', name: 'private' },
    ],
    system: { descr: `tsnmp agent on Node.js ${process.version}`, ...DEFAULT_AGENT_SYSTEM },
    ...options,
  });
  addExampleMib(agent);
  return agent;
}
