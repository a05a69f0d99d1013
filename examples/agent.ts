/**
 * An agent of your own: the system group, a scalar computed on every read, a writable
 * entry, and a table; communities bound to views. Then net-snmp's tools (or tsnmp's) can
 * query it: `snmpwalk -v2c -c public -On 127.0.0.1:1161 1.3.6.1.4.1.32473.2`.
 *
 *   npm run build && node dist/examples/agent.js [PORT]   (default 1161; 0 picks a free one)
 */
import { loadavg } from 'node:os';
import { Agent, MibView, octetsFromText, scalarHandler, TableHandler, TransportError } from '../src/index.js';

const base = '1.3.6.1.4.1.32473.2';
const agent = new Agent({
  communities: [
    { community: 'public', access: 'read-only', name: 'public', view: new MibView([{ subtree: base }, { subtree: '1.3.6.1.2.1.1' }]) },
    { community: 'private', access: 'read-write', name: 'private' },
  ],
  system: { descr: 'example agent', contact: 'ops@example.org', name: 'example', location: 'rack 4' },
});

// A scalar read on every request (instance .1.0).
agent.registry.register(`${base}.1`, scalarHandler(`${base}.1`, { type: 'Gauge32', get: () => Math.round(loadavg()[0]! * 100) }));

// A writable entry with a check (instance .2.0).
agent.mib.add({ name: `${base}.2.0`, type: 'OctetString', value: octetsFromText('hello'), access: 'read-write', size: [0, 64] });

// A table indexed by an INTEGER: base.3.1.COLUMN.INDEX
const table = new TableHandler(`${base}.3.1`, {
  index: [{ type: 'Integer' }],
  columns: [
    { id: 1, type: 'Integer32', access: 'not-accessible' },
    { id: 2, type: 'OctetString' },
    { id: 3, type: 'Counter32' },
  ],
});
table.setRow([1], { 1: 1, 2: octetsFromText('eth0'), 3: 1234 });
table.setRow([2], { 1: 2, 2: octetsFromText('eth1'), 3: 5678 });
agent.registry.register(table.entry, table);

agent.on('authenticationFailure', (e) => console.error('authentication failure:', e.reason, 'from', e.source?.remote.host));

const port = Number(process.argv[2] ?? 1161);
let bound;
try {
  bound = await agent.listen([`udp:127.0.0.1:${port}`]);
} catch (err) {
  // A taken port (EADDRINUSE) or one that needs root: say so in one line.
  if (!(err instanceof TransportError)) throw err;
  console.error(`${err.message}; choose another port: node dist/examples/agent.js PORT (0 picks a free one)`);
  process.exit(1);
}
console.log(`listening on udp:127.0.0.1:${bound[0]!.port}; Ctrl-C to stop`);
process.once('SIGINT', () => void agent.close());
process.once('SIGTERM', () => void agent.close());
