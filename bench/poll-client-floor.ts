/**
 * The floor of the polling benchmark: a bare Node program that does only the I/O of the
 * same polls, with no SNMP library. One `dgram` socket (4 MiB buffers, as tsnmp's), the
 * same GET of 10 OIDs as a byte template with the request id written in, responses
 * matched by request id and source port through a Map, and nothing decoded beyond the
 * request id. Its CPU per poll is what Node's UDP I/O itself costs here: no client built
 * on `dgram` can go below it.
 *
 *   node dist/bench/poll-client-floor.js <ports.json> [warmupMs] [measureMs] [concurrency]
 */
import { createSocket } from 'node:dgram';
import { POLL_OIDS, type PollCounters, pollArgs, runPoll } from './poll-common.js';

const args = pollArgs();

/** BER length octets. */
function len(n: number): number[] {
  return n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
}

function oidContent(text: string): number[] {
  const arcs = text.split('.').map(Number);
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
  return out;
}

// SNMPv2c GetRequest { request-id (4 octets), 0, 0, { {oid, NULL} x 10 } }, community "public".
const varbinds = POLL_OIDS.flatMap((o) => {
  const oid = oidContent(o);
  const vb = [0x06, ...len(oid.length), ...oid, 0x05, 0x00];
  return [0x30, ...len(vb.length), ...vb];
});
const pduBody = [0x02, 0x04, 0x40, 0, 0, 0, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00, 0x30, ...len(varbinds.length), ...varbinds];
const messageBody = [0x02, 0x01, 0x01, 0x04, 0x06, ...Buffer.from('public'), 0xa0, ...len(pduBody.length), ...pduBody];
const template = Buffer.from([0x30, ...len(messageBody.length), ...messageBody]);
const idAt = template.length - pduBody.length + 2;

interface Pending {
  readonly port: number;
  readonly worker: number;
  readonly index: number;
}

const socket = createSocket({ type: 'udp4', lookup: (address, family, callback) => callback(null, address, family as number) });
await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
socket.setRecvBufferSize(4 * 1024 * 1024);
socket.setSendBufferSize(4 * 1024 * 1024);
const pending = new Map<number, Pending>();
const counters: PollCounters = { ok: 0, errors: 0, running: true };
const ports = args.ports;
const c = args.concurrency;
const onSent = (err: Error | null): void => {
  if (err !== null) counters.errors++;
};

function poll(worker: number, index: number): void {
  let id: number;
  do id = 0x40000000 + ((Math.random() * 0x3fffffff) | 0);
  while (pending.has(id));
  const bytes = Buffer.allocUnsafe(template.length);
  template.copy(bytes);
  bytes.writeUInt32BE(id, idAt);
  const port = ports[index]!;
  pending.set(id, { port, worker, index });
  socket.send(bytes, port, '127.0.0.1', onSent);
}

socket.on('message', (m: Buffer, rinfo) => {
  // 30 L 02 01 01 04 06 public A2 L 02 n id...
  let p = 1 + (m[1]! & 0x80 ? 1 + (m[1]! & 0x7f) : 1) + 11;
  p += m[p + 1]! & 0x80 ? 2 + (m[p + 1]! & 0x7f) : 2;
  const n = m[p + 1]!;
  let id = 0;
  for (let i = 0; i < n; i++) id = id * 256 + m[p + 2 + i]!;
  const r = pending.get(id);
  if (r === undefined || r.port !== rinfo.port) return;
  pending.delete(id);
  counters.ok++;
  if (counters.running) {
    // The worker's next agent, as the other clients' workers do (agents w, w + c, w + 2c, …).
    let next = r.index + c;
    if (next >= ports.length) next = r.worker;
    poll(r.worker, next);
  }
});

await runPoll(
  'floor',
  args,
  counters,
  () => {
    for (let w = 0; w < c; w++) poll(w, w);
  },
  () => new Promise<void>((resolve) => socket.close(() => resolve())),
);
