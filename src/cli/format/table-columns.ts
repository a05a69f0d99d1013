/**
 * A table's columns as net-snmp 5.9's snmptable takes them from the MIB
 * (`get_field_names`): the table's entry is the child net-snmp's tree lists first (the one
 * defined last), and the columns are the entry's children whose MAX-ACCESS is not
 * `not-accessible` (so `accessible-for-notify` columns and nodes without an access clause
 * count), in the order they are defined (net-snmp reverses its child list, which holds them
 * last-defined first). For the usual MIB that is increasing column number.
 */
import type { MibStore } from '../../mib/store.js';
import type { MibNode } from '../../mib/tree.js';
import type { Oid } from '../../smi/oid.js';

/** A table's entry and its column numbers, in snmptable's order. */
export interface TableColumns {
  /** The entry (`TABLE.1` for every ordinary table). */
  readonly entry: Oid;
  /** The numbers (arcs after the entry) of the columns, in snmptable's order. */
  readonly columns: readonly number[];
}

/** Children in definition order: by module load order, then position in the module; names without a definition last, by arc. */
function definitionOrder(store: MibStore, nodes: readonly MibNode[]): MibNode[] {
  const moduleRank = new Map(store.modules().map((m, i) => [m.name, i] as const));
  const key = (n: MibNode): [number, number] => {
    const o = n.object;
    if (o === undefined) return [Number.MAX_SAFE_INTEGER, n.arc];
    const pos = store.module(o.module)?.objects.indexOf(o) ?? -1;
    return [moduleRank.get(o.module) ?? Number.MAX_SAFE_INTEGER - 1, pos < 0 ? n.arc : pos];
  };
  const keys = new Map(nodes.map((n) => [n, key(n)] as const));
  return [...nodes].sort((a, b) => {
    const ka = keys.get(a)!;
    const kb = keys.get(b)!;
    return ka[0] - kb[0] || ka[1] - kb[1] || a.arc - b.arc;
  });
}

/**
 * The columns of the table at `table` as the loaded MIB modules describe it, or undefined
 * when they do not know that OID (exactly), it has no child, or its entry has no accessible
 * column (then snmptable says "Was that a table?"; tsnmp takes the columns the agent has).
 */
export function mibTableColumns(store: MibStore, table: Oid): TableColumns | undefined {
  const node = store.node(table);
  if (node === undefined || node.childCount === 0) return undefined;
  const entry = definitionOrder(store, node.children()).at(-1)!;
  const columns = definitionOrder(store, entry.children())
    .filter((c) => c.object?.access !== 'not-accessible')
    .map((c) => c.arc);
  return columns.length === 0 ? undefined : { entry: entry.oid, columns };
}
