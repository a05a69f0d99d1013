/**
 * The same bulk walk with the npm `net-snmp` package (`session.subtree`, GetBulk), printing
 * the same `-On` lines, for the bulk walk benchmark.
 *
 *   node dist/bench/bulkwalk-net-snmp.js [-c COMMUNITY] [-CrN] udp:HOST:PORT OID
 */
import { createRequire } from 'node:module';
import { Oid } from '../src/smi/oid.js';
import type { VarBind } from '../src/smi/types.js';
import { formatValue } from './bulkwalk-format.js';

interface NsVarbind {
  oid: string;
  type: number;
  value: unknown;
}
interface NsSession {
  subtree(oid: string, maxRepetitions: number, feed: (vbs: NsVarbind[]) => void, done: (error?: Error) => void): void;
  close(): void;
}
const snmp = createRequire(import.meta.url)('net-snmp') as {
  createSession(host: string, community: string, options: Record<string, unknown>): NsSession;
  Version2c: number;
  ObjectType: Record<string, number>;
};
const T = snmp.ObjectType;

let community = 'public';
let maxRepetitions = 10;
const positional: string[] = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '-c') community = argv[++i] ?? community;
  else if (a.startsWith('-Cr')) maxRepetitions = Number(a.slice(3));
  else if (a === '-v2c' || a === '-On') continue;
  else positional.push(a);
}
const [agent, root] = positional;
const m = /^(?:udp:)?([^:]+):(\d+)$/.exec(agent ?? '');
if (m === null || root === undefined) {
  process.stderr.write('usage: bulkwalk-net-snmp.js [-c COMMUNITY] [-CrN] udp:HOST:PORT OID\n');
  process.exit(1);
}

/** net-snmp's value as the tsnmp varbind it stands for, to print it the same way. */
function toVarBind(v: NsVarbind): VarBind {
  const oid = Oid.empty;
  const value = v.value;
  switch (v.type) {
    case T.Integer:
      return { oid, type: 'Integer32', value: value as number };
    case T.OctetString:
      return { oid, type: 'OctetString', value: value as Buffer };
    case T.OID:
      return { oid, type: 'ObjectIdentifier', value: Oid.parse(value as string) };
    case T.IpAddress:
      return { oid, type: 'IpAddress', value: value as string };
    case T.Counter:
      return { oid, type: 'Counter32', value: value as number };
    case T.Gauge:
      return { oid, type: 'Gauge32', value: value as number };
    case T.TimeTicks:
      return { oid, type: 'TimeTicks', value: value as number };
    case T.Counter64: {
      const b = value as Buffer;
      return { oid, type: 'Counter64', value: b.length === 0 ? 0n : BigInt(`0x${b.toString('hex')}`) };
    }
    case T.Opaque:
      return { oid, type: 'Opaque', value: value as Buffer };
    case T.NoSuchObject:
      return { oid, type: 'NoSuchObject', value: null };
    case T.NoSuchInstance:
      return { oid, type: 'NoSuchInstance', value: null };
    case T.EndOfMibView:
      return { oid, type: 'EndOfMibView', value: null };
    default:
      return { oid, type: 'Null', value: null };
  }
}

const session = snmp.createSession(m[1]!, community, { port: Number(m[2]), version: snmp.Version2c, retries: 5, timeout: 1000 });
let out = '';
session.subtree(
  root,
  maxRepetitions,
  (vbs) => {
    for (const v of vbs) out += `.${v.oid} = ${formatValue(toVarBind(v))}\n`;
    if (out.length > 65536) {
      process.stdout.write(out);
      out = '';
    }
  },
  (error) => {
    process.stdout.write(out);
    if (error) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    }
    session.close();
  },
);
