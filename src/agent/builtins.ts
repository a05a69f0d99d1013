/**
 * Built-in MIBs of every agent: the system group (RFC 3418 §2: sysDescr ... sysServices,
 * sysORLastChange, sysORTable) and the snmp group counters (RFC 3418: snmpInPkts ...
 * snmpProxyDrops, snmpEnableAuthenTraps).
 */
import { ErrorStatus } from '../pdu/error-status.js';
import { Oid } from '../smi/oid.js';
import { octetsFromText } from '../smi/octets.js';
import type { MibStore } from './mib-store.js';
import type { AgentCounters } from './responder.js';
import { TableHandler } from './table.js';

/** The system group: `1.3.6.1.2.1.1`. */
export const SYSTEM = '1.3.6.1.2.1.1';
/** The snmp group: `1.3.6.1.2.1.11`. */
export const SNMP_GROUP = '1.3.6.1.2.1.11';
/** sysOREntry: `1.3.6.1.2.1.1.9.1`. */
export const SYS_OR_ENTRY = '1.3.6.1.2.1.1.9.1';

/** The system group's configurable values. */
export interface SystemGroupOptions {
  /** sysDescr. Default `tsnmp agent on Node.js <version>`. */
  readonly descr?: string;
  /** sysObjectID. Default `0.0` (zeroDotZero: none assigned). */
  readonly objectId?: Oid | string;
  /** sysContact (writable, persistent). Default `''`. */
  readonly contact?: string;
  /** sysName (writable, persistent). Default `''`. */
  readonly name?: string;
  /** sysLocation (writable, persistent). Default `''`. */
  readonly location?: string;
  /** sysServices (RFC 3418: a sum of 2^(layer-1)). Default 72 (applications and end-to-end). */
  readonly services?: number;
}

/** DisplayString (RFC 2579): at most 255 octets. */
const DISPLAY_STRING: readonly [number, number] = [0, 255];

/** The sysORTable (RFC 3418 §2) and how to add to it. */
export interface SysOrTable {
  /** The table handler, registered at {@link SYS_OR_ENTRY}. */
  readonly table: TableHandler;
  /** Adds a row for a capability (an AGENT-CAPABILITIES or MODULE-IDENTITY OID); returns its sysORIndex. */
  add(id: Oid | string, descr: string): number;
}

/**
 * Adds the system group scalars to a store and returns the sysORTable.
 * @throws InvalidArgumentError on a bad option.
 */
export function addSystemGroup(store: MibStore, upTime: () => number, options: SystemGroupOptions = {}): SysOrTable {
  const s = SYSTEM;
  let orLastChange = 0;
  let next = 1;
  store.add({ name: `${s}.1.0`, type: 'OctetString', value: octetsFromText(options.descr ?? `tsnmp agent on Node.js ${process.version}`), description: 'sysDescr' });
  store.add({ name: `${s}.2.0`, type: 'ObjectIdentifier', value: Oid.of(options.objectId ?? '0.0'), description: 'sysObjectID' });
  store.add({ name: `${s}.3.0`, type: 'TimeTicks', read: upTime, description: 'sysUpTime' });
  store.add({ name: `${s}.4.0`, type: 'OctetString', value: octetsFromText(options.contact ?? ''), access: 'read-write', persistent: true, size: DISPLAY_STRING, description: 'sysContact' });
  store.add({ name: `${s}.5.0`, type: 'OctetString', value: octetsFromText(options.name ?? ''), access: 'read-write', persistent: true, size: DISPLAY_STRING, description: 'sysName' });
  store.add({ name: `${s}.6.0`, type: 'OctetString', value: octetsFromText(options.location ?? ''), access: 'read-write', persistent: true, size: DISPLAY_STRING, description: 'sysLocation' });
  store.add({ name: `${s}.7.0`, type: 'Integer32', value: options.services ?? 72, description: 'sysServices' });
  store.add({ name: `${s}.8.0`, type: 'TimeTicks', read: () => orLastChange, description: 'sysORLastChange' });
  const table = new TableHandler(SYS_OR_ENTRY, {
    index: [{ type: 'Integer' }],
    columns: [
      { id: 1, type: 'Integer32', access: 'not-accessible' },
      { id: 2, type: 'ObjectIdentifier' },
      { id: 3, type: 'OctetString' },
      { id: 4, type: 'TimeTicks' },
    ],
  });
  return {
    table,
    add(id, descr) {
      const index = next++;
      const now = upTime();
      table.setRow([index], { 1: index, 2: Oid.of(id), 3: octetsFromText(descr), 4: now });
      orLastChange = now;
      return index;
    },
  };
}

/** Adds the snmp group (RFC 3418 §2) to a store; snmpEnableAuthenTraps is writable and persistent. */
export function addSnmpGroup(store: MibStore, counters: AgentCounters): void {
  const g = SNMP_GROUP;
  store.add({ name: `${g}.1.0`, type: 'Counter32', read: () => counters.inPkts, description: 'snmpInPkts' });
  store.add({ name: `${g}.3.0`, type: 'Counter32', read: () => counters.inBadVersions, description: 'snmpInBadVersions' });
  store.add({ name: `${g}.4.0`, type: 'Counter32', read: () => counters.inBadCommunityNames, description: 'snmpInBadCommunityNames' });
  store.add({ name: `${g}.5.0`, type: 'Counter32', read: () => counters.inBadCommunityUses, description: 'snmpInBadCommunityUses' });
  store.add({ name: `${g}.6.0`, type: 'Counter32', read: () => counters.inASNParseErrs, description: 'snmpInASNParseErrs' });
  store.add({
    name: `${g}.30.0`,
    type: 'Integer32',
    value: 2,
    access: 'read-write',
    persistent: true,
    // enabled(1), disabled(2)
    validate: (v) => (v === 1 || v === 2 ? 0 : ErrorStatus.wrongValue),
    description: 'snmpEnableAuthenTraps',
  });
  store.add({ name: `${g}.31.0`, type: 'Counter32', read: () => counters.silentDrops, description: 'snmpSilentDrops' });
  store.add({ name: `${g}.32.0`, type: 'Counter32', read: () => counters.proxyDrops, description: 'snmpProxyDrops' });
}
