/**
 * The floor of the bulk walk benchmark: a bare Node program that does only the I/O of the
 * same walk, with no SNMP library. A `dgram` socket connected to the agent, each GetBulk
 * built from bytes around the last OID of the previous response, and of each response
 * nothing read but where its varbinds' names are (to find the last one in the subtree):
 * no value decoded, nothing printed. It prints one line, the number of varbinds. Its time
 * is what Node's start and UDP I/O cost for the walk: no command on Node can go below it.
 *
 *   node dist/bench/bulkwalk-floor.js [-v2c] [-c COMMUNITY] [-CrN] [-On] AGENT OID
 */
import { createSocket } from 'node:dgram';

let community = 'public';
let reps = 10;
const positional: string[] = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === '-c') community = argv[++i] ?? community;
  else if (a.startsWith('-Cr')) reps = Number(a.slice(3));
  else if (a === '-v2c' || a === '-On') continue;
  else positional.push(a);
}
const [agent, rootText] = positional;
const m = /^(?:udp:)?([0-9.]+):(\d+)$/.exec(agent ?? '');
if (m === null || rootText === undefined) {
  process.stderr.write('usage: bulkwalk-floor.js [-c COMMUNITY] [-CrN] udp:IPv4:PORT OID\n');
  process.exit(1);
}
const host = m[1]!;
const port = Number(m[2]);

function oidContent(text: string): Buffer {
  const arcs = text.replace(/^\./, '').split('.').map(Number);
  const out = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const bytes: number[] = [];
    let v = arc;
    do {
      bytes.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < bytes.length - 1; i++) bytes[i]! |= 0x80;
    out.push(...bytes);
  }
  return Buffer.from(out);
}

const root = oidContent(rootText);
const comm = Buffer.from(community);
const out = Buffer.alloc(1024);
let requestId = 0x40000000;
let count = 0;

/** Writes the GetBulk for the OID at `src[start..end)`, backwards from the end of `out`. */
function request(src: Uint8Array, start: number, end: number): Buffer {
  const n = end - start;
  let p = out.length;
  out[--p] = 0x00;
  out[--p] = 0x05;
  p -= n;
  out.set(src.subarray(start, end), p);
  out[--p] = n;
  out[--p] = 0x06;
  out[--p] = n + 4;
  out[--p] = 0x30;
  out[--p] = n + 6;
  out[--p] = 0x30;
  out[--p] = reps;
  out[--p] = 0x01;
  out[--p] = 0x02;
  out[--p] = 0x00;
  out[--p] = 0x01;
  out[--p] = 0x02;
  requestId++;
  p -= 4;
  out.writeUInt32BE(requestId, p);
  out[--p] = 0x04;
  out[--p] = 0x02;
  const pduLength = out.length - p;
  out[--p] = pduLength;
  out[--p] = 0xa5;
  p -= comm.length;
  comm.copy(out, p);
  out[--p] = comm.length;
  out[--p] = 0x04;
  out[--p] = 0x01;
  out[--p] = 0x01;
  out[--p] = 0x02;
  const messageLength = out.length - p;
  out[--p] = messageLength;
  out[--p] = 0x30;
  return out.subarray(p);
}

let pos = 0;
/** A definite length at `pos`, which moves past it (read it before using `pos`). */
function length(b: Uint8Array): number {
  const first = b[pos++]!;
  if (first < 0x80) return first;
  let v = 0;
  for (let k = first & 0x7f; k > 0; k--) v = v * 256 + b[pos++]!;
  return v;
}

/** Skips the contents whose length is at `pos`. */
function skip(b: Uint8Array): void {
  const n = length(b);
  pos += n;
}

function inSubtree(b: Uint8Array, start: number, n: number): boolean {
  if (n < root.length) return false;
  for (let i = 0; i < root.length; i++) if (b[start + i] !== root[i]) return false;
  return true;
}

const socket = createSocket({ type: 'udp4', lookup: (address, family, callback) => callback(null, address, family as number) });
socket.on('message', (msg: Buffer) => {
  pos = 1;
  length(msg); // Message
  pos += 3; // version
  pos++;
  skip(msg); // community
  pos++;
  length(msg); // PDU
  for (let k = 0; k < 3; k++) {
    pos++;
    skip(msg); // request-id, error-status, error-index
  }
  pos++;
  const listLength = length(msg); // VarBindList
  const end = pos + listLength;
  let last = -1;
  let lastLength = 0;
  while (pos < end) {
    pos++;
    const vbLength = length(msg);
    const vbEnd = pos + vbLength;
    pos++;
    const n = length(msg);
    if (!inSubtree(msg, pos, n) || msg[pos + n] === 0x82) {
      last = -1;
      break;
    }
    count++;
    last = pos;
    lastLength = n;
    pos = vbEnd;
  }
  if (last < 0) {
    process.stdout.write(`${count} varbinds\n`);
    socket.close();
    return;
  }
  socket.send(request(msg, last, last + lastLength));
});
socket.bind(0, () => socket.connect(port, host, () => socket.send(request(root, 0, root.length))));
