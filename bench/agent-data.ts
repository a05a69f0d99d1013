/**
 * The data every agent of bench/agent.ts serves, shaped like what snmpd serves with 100
 * `extend` lines: nsExtendConfigTable (NET-SNMP-EXTEND-MIB, 1.3.6.1.4.1.8072.1.3.2.2.1),
 * indexed by the extend's name (e1..e100), three OCTET STRING and five INTEGER columns.
 */

/** Rows of the bench table. */
export const BENCH_ROWS = 100;
/** The table's entry OID (nsExtendConfigEntry). */
export const BENCH_TABLE = '1.3.6.1.4.1.8072.1.3.2.2.1';
/** Its columns: id, type, value in every row. */
export const BENCH_COLUMNS: readonly { id: number; type: 'OctetString' | 'Integer32'; value: string | number }[] = [
  { id: 2, type: 'OctetString', value: '/bin/true' },
  { id: 3, type: 'OctetString', value: '' },
  { id: 4, type: 'OctetString', value: '' },
  { id: 5, type: 'Integer32', value: 5 },
  { id: 6, type: 'Integer32', value: 1 },
  { id: 7, type: 'Integer32', value: 1 },
  { id: 20, type: 'Integer32', value: 3 },
  { id: 21, type: 'Integer32', value: 1 },
];
/** The 10 scalars of the 10-varbind GET (all three agents serve them). */
export const GET10: readonly string[] = [
  '1.3.6.1.2.1.1.1.0',
  '1.3.6.1.2.1.1.2.0',
  '1.3.6.1.2.1.1.3.0',
  '1.3.6.1.2.1.1.4.0',
  '1.3.6.1.2.1.1.5.0',
  '1.3.6.1.2.1.1.6.0',
  '1.3.6.1.2.1.1.7.0',
  '1.3.6.1.2.1.1.8.0',
  '1.3.6.1.2.1.11.1.0',
  '1.3.6.1.2.1.11.3.0',
];
