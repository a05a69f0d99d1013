/**
 * Serving recorded data (snmpsim's `.snmprec`) so that pollers can be tested without the
 * device: the records become read-only entries of a store registered at their longest
 * common prefix.
 */
import { InvalidArgumentError } from '../errors.js';
import { Oid, oidArcs, oidFromTrustedArcs } from '../smi/oid.js';
import { parseSnmprec } from '../smi/snmprec.js';
import type { VarBind } from '../smi/types.js';
import { MibStore } from './mib-store.js';
import type { Registration, Registry } from './registry.js';

/** Options of {@link serveSnmprec}. */
export interface ServeSnmprecOptions {
  /** Registration root. Default the longest common prefix of the records' OIDs (at least one arc). */
  root?: Oid | string;
  /** Registration priority. Default 127. */
  priority?: number;
  /** Let Set change the values (in memory only). Default false. */
  writable?: boolean;
}

/** The longest common prefix of the OIDs (at least one arc). */
function commonPrefix(vbs: readonly VarBind[]): Oid {
  let prefix = oidArcs(vbs[0]!.oid);
  let n = prefix.length;
  for (const vb of vbs) {
    const a = oidArcs(vb.oid);
    let i = 0;
    while (i < n && i < a.length && a[i] === prefix[i]) i++;
    n = i;
  }
  prefix = prefix.slice(0, Math.max(n, 1));
  return oidFromTrustedArcs(prefix);
}

/** A store holding records as entries (exceptions and NULLs are left out, as snmpsim serves them as absent). */
export function snmprecStore(records: readonly VarBind[], writable = false): MibStore {
  const store = new MibStore();
  for (const vb of records) {
    const t = vb.type;
    if (t === 'NoSuchObject' || t === 'NoSuchInstance' || t === 'EndOfMibView') continue;
    store.add({ name: vb.oid, type: t, value: vb.value as never, access: writable ? 'read-write' : 'read-only' });
  }
  return store;
}

/**
 * Parses `.snmprec` text (or takes parsed records) and registers them in a registry.
 *
 * ```ts
 * serveSnmprec(agent.registry, readFileSync('device.snmprec', 'utf8'));
 * ```
 * @throws DecodeError (line and column) when the text does not parse.
 * @throws InvalidArgumentError when there are no records or the registration is refused.
 */
export function serveSnmprec(registry: Registry, data: string | readonly VarBind[], options: ServeSnmprecOptions = {}): { store: MibStore; registration: Registration } {
  const records = typeof data === 'string' ? parseSnmprec(data) : data;
  if (records.length === 0) throw new InvalidArgumentError('No .snmprec records to serve');
  const store = snmprecStore(records, options.writable ?? false);
  const root = options.root === undefined ? commonPrefix(records) : Oid.of(options.root);
  const registration = registry.register(root, store, { priority: options.priority ?? 127, kind: 'snmprec' });
  return { store, registration };
}
