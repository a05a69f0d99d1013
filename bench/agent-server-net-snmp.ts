/** The npm net-snmp agent for bench/agent.ts: the same scalars and bench table, on udp:127.0.0.1:PORT. */
import { createRequire } from 'node:module';
import { BENCH_COLUMNS, BENCH_ROWS, BENCH_TABLE, GET10 } from './agent-data.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const snmp = require('net-snmp') as {
  createAgent(options: object, callback: (error: unknown) => void): { getMib(): Mib; getAuthorizer(): { addCommunity(c: string): void }; close(): void };
  MibProviderType: { Scalar: number; Table: number };
  ObjectType: Record<string, number>;
  MaxAccess: Record<string, number>;
};
interface Mib {
  registerProvider(p: object): void;
  setScalarValue(name: string, value: unknown): void;
  addTableRow(name: string, row: unknown[]): void;
}

const port = Number(process.argv[2]);
const agent = snmp.createAgent({ port, address: '127.0.0.1', transport: 'udp4' }, () => undefined);
agent.getAuthorizer().addCommunity('public');
const mib = agent.getMib();
const T = snmp.ObjectType;
const types = [T.OctetString, T.OID, T.TimeTicks, T.OctetString, T.OctetString, T.OctetString, T.Integer, T.TimeTicks, T.Counter, T.Counter];
const values: unknown[] = ['net-snmp npm agent', '1.3.6.1.4.1.8072.3.2.10', 0, 'root@localhost', 'bench', 'here', 72, 0, 0, 0];
GET10.forEach((oid, i) => {
  const name = `s${i}`;
  mib.registerProvider({ name, type: snmp.MibProviderType.Scalar, oid: oid.slice(0, -2), scalarType: types[i], maxAccess: snmp.MaxAccess['read-only'] });
  mib.setScalarValue(name, values[i]);
});
mib.registerProvider({
  name: 'benchTable',
  type: snmp.MibProviderType.Table,
  oid: BENCH_TABLE,
  maxAccess: snmp.MaxAccess['not-accessible'],
  tableColumns: [
    { number: 1, name: 'token', type: T.OctetString, maxAccess: snmp.MaxAccess['not-accessible'] },
    ...BENCH_COLUMNS.map((c) => ({ number: c.id, name: `c${c.id}`, type: c.type === 'OctetString' ? T.OctetString : T.Integer, maxAccess: snmp.MaxAccess['read-only'] })),
  ],
  tableIndex: [{ columnName: 'token' }],
});
for (let i = 1; i <= BENCH_ROWS; i++) mib.addTableRow('benchTable', [`e${i}`, ...BENCH_COLUMNS.map((c) => c.value)]);
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  agent.close();
  process.exit(0);
});
