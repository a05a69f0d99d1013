/**
 * A manager session against tsnmp's default agent (started here on a free port so that
 * the example runs anywhere): get, walk, a refused and an accepted set, and a table.
 *
 *   npm run build && node dist/examples/manager.js
 */
import { createDefaultAgent, formatAddress, Oid, octetsFromText, octetsToText, ResponseStatusError, Session } from '../src/index.js';

const agent = createDefaultAgent();
const [bound] = await agent.listen('udp:127.0.0.1:0');
const peer = formatAddress(bound!);

const reader = new Session({ peer, version: 'v2c', community: 'public', timeout: 1000, retries: 2 });
const writer = new Session({ peer, version: 'v2c', community: 'private' });

const [descr, upTime] = await reader.get(['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.3.0']);
if (descr?.type === 'OctetString') console.log('sysDescr:', octetsToText(descr.value));
if (upTime?.type === 'TimeTicks') console.log('sysUpTime:', upTime.value);

for await (const vb of reader.walk('1.3.6.1.2.1.1')) console.log(`walk: ${vb.oid} ${vb.type}`);

const sysLocation = Oid.parse('1.3.6.1.2.1.1.6.0');
try {
  await reader.set([{ oid: sysLocation, type: 'OctetString', value: octetsFromText('lab') }]);
} catch (err) {
  if (!(err instanceof ResponseStatusError)) throw err;
  console.log(`set through public: ${err.status} (${err.statusCode}) at ${err.oid}`);
}
const [set] = await writer.set([{ oid: sysLocation, type: 'OctetString', value: octetsFromText('lab') }]);
if (set?.type === 'OctetString') console.log(`set through private: ${set.oid} = ${octetsToText(set.value)}`);

for await (const row of reader.table('1.3.6.1.4.1.32473.1.10.1', { columns: [2, 3] })) {
  const name = row.columns.get(2);
  const value = row.columns.get(3);
  console.log(`row ${row.index}: ${name?.type === 'OctetString' ? octetsToText(name.value) : '?'} = ${value?.value}`);
}

await writer.close();
await reader.close();
await agent.close();
