/**
 * A minimal `bulkwalk` command on tsnmp's Session, printing what `snmpbulkwalk -On` prints:
 * the benchmark's stand-in for `tsnmp bulkwalk` (process start included).
 *
 *   node dist/bench/bulkwalk-cmd.js [-v2c] [-c COMMUNITY] [-CrN] [-On] AGENT OID
 *
 * It walks with a socket of its own connected to the agent (Dispatcher `connectUdp`) and
 * prints a response at a time (`pages()`); for comparison, BENCH_SHARED_SOCKET=1 uses the
 * shared unconnected socket and BENCH_ITEMS=1 a `for await` over the varbinds.
 */
import { Dispatcher } from '../src/manager/dispatcher.js';
import { Session } from '../src/manager/session.js';
import { formatVarBind } from './bulkwalk-format.js';

let community = 'public';
let maxRepetitions = 10;
const positional: string[] = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '-c') community = argv[++i] ?? community;
  else if (a.startsWith('-Cr')) maxRepetitions = Number(a.slice(3));
  else if (a === '-v2c' || a === '-On' || a === '-v' || a === '2c') continue;
  else positional.push(a);
}
const [agent, root] = positional;
if (agent === undefined || root === undefined) {
  process.stderr.write('usage: bulkwalk-cmd.js [-c COMMUNITY] [-CrN] AGENT OID\n');
  process.exit(1);
}

// One agent: a socket of its own, connected to it (cheaper sends than a shared socket).
const dispatcher = new Dispatcher({ connectUdp: process.env.BENCH_SHARED_SOCKET !== '1' });
const session = new Session({ peer: agent, community, version: 'v2c', retries: 5, timeout: 1000, dispatcher });
let out = '';
let status = 0;
try {
  const walk = session.bulkWalk(root, { maxRepetitions });
  if (process.env.BENCH_ITEMS === '1') {
    // A varbind at a time (for comparison): a promise per varbind.
    for await (const vb of walk) {
      out += `${formatVarBind(vb)}\n`;
      if (out.length > 65536) {
        process.stdout.write(out);
        out = '';
      }
    }
  } else {
    // A response at a time: no promise per varbind.
    for await (const page of walk.pages()) {
      for (const vb of page) out += `${formatVarBind(vb)}\n`;
      if (out.length > 65536) {
        process.stdout.write(out);
        out = '';
      }
    }
  }
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  status = 1;
} finally {
  process.stdout.write(out);
  await session.close();
}
process.exitCode = status;
