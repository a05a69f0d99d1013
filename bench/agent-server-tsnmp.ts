/** tsnmp's agent for bench/agent.ts: the default agent plus the bench table, on udp:127.0.0.1:PORT. */
import { createDefaultAgent } from '../src/agent/default-agent.js';
import { TableHandler } from '../src/agent/table.js';
import { octetsFromText } from '../src/smi/octets.js';
import { BENCH_COLUMNS, BENCH_ROWS, BENCH_TABLE } from './agent-data.js';

const port = Number(process.argv[2]);
const agent = createDefaultAgent();
const table = new TableHandler(BENCH_TABLE, {
  index: [{ type: 'OctetString' }],
  columns: [{ id: 1, type: 'OctetString', access: 'not-accessible' }, ...BENCH_COLUMNS.map((c) => ({ id: c.id, type: c.type }))],
});
for (let i = 1; i <= BENCH_ROWS; i++) {
  const row: Record<number, unknown> = {};
  for (const c of BENCH_COLUMNS) row[c.id] = typeof c.value === 'string' ? octetsFromText(c.value) : c.value;
  table.setRow([octetsFromText(`e${i}`)], row);
}
agent.registry.register(table.entry, table);
await agent.listen(`udp:127.0.0.1:${port}`);
process.stdout.write('ready\n');
process.on('SIGTERM', () => void agent.close().then(() => process.exit(0)));
