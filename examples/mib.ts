/**
 * MIB names and formatting: load IF-MIB from a directory of modules (the built-in base
 * modules need no files), translate names and OIDs, decode a table index, format a value
 * as net-snmp does.
 *
 *   npm run build && node dist/examples/mib.js [MIB-DIR]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatOid, formatVarBind, MibModuleStore, Oid, parseOid } from '../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? path.resolve(here, '../../test/fixtures/cli/mibs');

const store = new MibModuleStore({ path: [dir] });
store.load('IF-MIB');

const ifDescr1 = parseOid(store, 'IF-MIB::ifDescr.1');
console.log(ifDescr1.toString());
console.log(formatOid(store, Oid.parse('1.3.6.1.2.1.2.2.1.8.3')));
console.log(formatOid(store, Oid.parse('1.3.6.1.2.1.2.2.1.8.3'), { format: 'full' }));
console.log(formatVarBind(store, { oid: Oid.parse('1.3.6.1.2.1.2.2.1.8.3'), type: 'Integer32', value: 2 }));
console.log(formatVarBind(store, { oid: Oid.parse('1.3.6.1.2.1.2.2.1.6.3'), type: 'OctetString', value: Uint8Array.of(0, 0x1b, 0x21, 0x3a, 0x4f, 0x02) }));
console.log(store.object('ifTable')?.kind, store.object('ifEntry')?.index?.map((p) => p.name).join(','));
