/** RFC 3430 §2.1 stream framing: the decoder alone, then through a listening TCP transport. */
import assert from 'node:assert/strict';
import { type Socket, connect } from 'node:net';
import { describe, test } from 'node:test';
import { DecodeError, InvalidArgumentError } from '../../src/errors.js';
import { TransportChannels, type TransportDropEvent } from '../../src/transport/diagnostics.js';
import { FrameDecoder } from '../../src/transport/tcp-framing.js';
import { TcpListenerTransport } from '../../src/transport/tcp-listener.js';
import type { MessageSource } from '../../src/transport/types.js';
import { capture, frame, frameIndex, hex, until } from './helpers.js';

function collect(max?: number): { decoder: FrameDecoder; out: Uint8Array[] } {
  const out: Uint8Array[] = [];
  return { decoder: new FrameDecoder((m) => out.push(m), max), out };
}

function concat(...parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts);
}

describe('FrameDecoder', () => {
  test('a message split byte by byte comes out once, whole', () => {
    const { decoder, out } = collect();
    const m = frame(1, 300);
    for (let i = 0; i < m.length; i++) {
      decoder.push(Buffer.from([m[i]!]));
      assert.equal(out.length, i === m.length - 1 ? 1 : 0);
    }
    assert.equal(hex(out[0]!), hex(m));
    assert.equal(decoder.buffered, 0);
  });

  test('three messages in one chunk come out as three, in order', () => {
    const { decoder, out } = collect();
    const ms = [frame(1, 10), frame(2, 200), frame(3, 6)];
    decoder.push(concat(...ms));
    assert.deepEqual(out.map(hex), ms.map(hex));
  });

  test('messages straddling chunk boundaries, in every split, come out whole', () => {
    const ms = [frame(1, 6), frame(2, 130), frame(3, 300), frame(4, 7)];
    const all = concat(...ms);
    for (let a = 1; a < all.length; a += 7) {
      for (let b = a; b < all.length; b += 31) {
        const { decoder, out } = collect();
        decoder.push(all.subarray(0, a));
        decoder.push(all.subarray(a, b));
        decoder.push(all.subarray(b));
        assert.deepEqual(out.map(hex), ms.map(hex), `split at ${a}, ${b}`);
      }
    }
  });

  test('a message of 64 KiB in many chunks', () => {
    const { decoder, out } = collect();
    const m = frame(9, 65536);
    for (let at = 0; at < m.length; at += 1000) decoder.push(Buffer.from(m.subarray(at, at + 1000)));
    assert.equal(out.length, 1);
    assert.equal(hex(out[0]!), hex(m));
  });

  test('delivered messages are never overwritten by later traffic', () => {
    const { decoder, out } = collect();
    const chunk = Buffer.from(concat(frame(1, 50), frame(2, 60).subarray(0, 10)));
    decoder.push(chunk);
    decoder.push(Buffer.from(frame(2, 60).subarray(10)));
    const kept = hex(out[0]!);
    for (let i = 3; i < 50; i++) decoder.push(Buffer.from(frame(i, 50)));
    assert.equal(hex(out[0]!), kept);
    assert.equal(hex(out[1]!), hex(frame(2, 60)));
    assert.equal(frameIndex(out[48]!), 49);
  });

  const bad: Array<[string, number[], string, number]> = [
    ['garbage first byte', [0x02, 0x01, 0x00], 'badFrame', 0],
    ['indefinite length', [0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00], 'indefiniteLength', 1],
    ['hostile length 0x84 0x7fffffff', [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff], 'limitExceeded', 1],
    ['length of five octets', [0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x10], 'badLength', 1],
    ['reserved length octet 0xff', [0x30, 0xff], 'badLength', 1],
  ];
  for (const [what, bytes, kind, offset] of bad) {
    test(`${what} is a DecodeError (${kind}) and the decoder stays failed`, () => {
      const { decoder, out } = collect();
      decoder.push(Buffer.from(frame(1, 10)));
      assert.throws(
        () => decoder.push(Buffer.from(bytes)),
        (err: unknown) => err instanceof DecodeError && err.kind === kind && err.offset === 10 + offset,
      );
      assert.equal(out.length, 1);
      assert.throws(() => decoder.push(Buffer.from(frame(2, 10))), DecodeError);
    });
  }

  test('a hostile length is refused from its header alone, without waiting for the bytes', () => {
    const { decoder, out } = collect(1000);
    decoder.push(Buffer.from([0x30, 0x82, 0x10]));
    assert.equal(decoder.buffered, 3);
    assert.throws(() => decoder.push(Buffer.from([0x00])), (err: unknown) => err instanceof DecodeError && err.kind === 'limitExceeded' && err.offset === 1);
    assert.equal(out.length, 0);
  });

  test('maxMessageSize counts the header: a message of exactly the maximum passes, one byte more does not', () => {
    const ok = collect(300);
    ok.decoder.push(Buffer.from(frame(1, 300)));
    assert.equal(ok.out.length, 1);
    const over = collect(300);
    assert.throws(() => over.decoder.push(Buffer.from(frame(1, 301).subarray(0, 4))), (err: unknown) => err instanceof DecodeError && err.kind === 'limitExceeded');
    assert.throws(() => new FrameDecoder(() => {}, 0), InvalidArgumentError);
  });
});

/** A raw client socket on the listener, with what it receives and when it closes. */
async function rawClient(port: number): Promise<{ socket: Socket; closed: Promise<void>; write: (b: Uint8Array) => Promise<void> }> {
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.setNoDelay(true);
  socket.on('error', () => {}); // a reset from the listener is expected in some tests
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed, write: (b) => new Promise<void>((resolve) => socket.write(b, () => resolve())) };
}

describe('TCP listener framing', () => {
  async function listener(options: { maxMessageSize?: number; idleTimeout?: number; maxConnections?: number } = {}) {
    const t = await TcpListenerTransport.listen({ domain: 'tcp', host: '127.0.0.1', port: 0 }, options);
    const got: Array<{ message: Uint8Array; source: MessageSource }> = [];
    t.onMessage((message, source) => got.push({ message, source }));
    return { t, got };
  }

  test('a message written byte by byte, three in one write, and one of 64 KiB all arrive whole', async () => {
    const { t, got } = await listener();
    const c = await rawClient(t.local.port);
    try {
      const m1 = frame(1, 100);
      for (const b of m1) await c.write(new Uint8Array([b]));
      await until(() => got.length === 1);
      const three = [frame(2, 30), frame(3, 140), frame(4, 6)];
      await c.write(concat(...three));
      const big = frame(5, 65536);
      await c.write(big);
      await until(() => got.length === 5);
      assert.deepEqual(got.map((g) => hex(g.message)), [m1, ...three, big].map(hex));
      // Messages are not views into one buffer reused across reads: each keeps its bytes.
      assert.equal(hex(got[0]!.message), hex(m1));
      // The reply goes back on the same connection.
      const echoed: Buffer[] = [];
      c.socket.on('data', (d: Buffer) => echoed.push(d));
      await t.send(frame(6, 20), got[0]!.source.remote);
      await until(() => Buffer.concat(echoed).length === 20);
      assert.equal(Buffer.concat(echoed).toString('hex'), hex(frame(6, 20)));
    } finally {
      c.socket.destroy();
      await t.close();
    }
  });

  const attacks: Array<[string, number[], TransportDropEvent['reason']]> = [
    ['garbage first byte', [0x47, 0x45, 0x54, 0x20, 0x2f], 'badFrame'],
    ['indefinite length', [0x30, 0x80, 0x02, 0x01, 0x00, 0x00, 0x00], 'badFrame'],
    ['hostile length', [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff], 'tooLarge'],
  ];
  for (const [what, bytes, reason] of attacks) {
    test(`${what}: that connection is closed and reported; the listener serves others`, async () => {
      const { t, got } = await listener();
      const drops = capture<TransportDropEvent>(TransportChannels.drop);
      const good = await rawClient(t.local.port);
      const bad = await rawClient(t.local.port);
      try {
        await good.write(frame(1, 20));
        await until(() => got.length === 1);
        const badPort = bad.socket.localPort;
        await bad.write(new Uint8Array(bytes));
        await bad.closed;
        await until(() => t.connectionCount === 1, 5000, 'the bad connection to go');
        await good.write(frame(2, 20));
        await until(() => got.length === 2);
        assert.deepEqual(got.map((g) => frameIndex(g.message)), [1, 2]);
        const mine = drops.events.filter((d) => d.local.port === t.local.port);
        assert.equal(mine.length, 1);
        assert.equal(mine[0]!.reason, reason);
        assert.ok(mine[0]!.error instanceof DecodeError);
        assert.equal(mine[0]!.remote?.port, badPort);
        const late = await rawClient(t.local.port);
        await late.write(frame(3, 20));
        await until(() => got.length === 3);
        late.socket.destroy();
      } finally {
        drops.stop();
        good.socket.destroy();
        await t.close();
      }
    });
  }

  test('a message above maxMessageSize closes its connection', async () => {
    const { t, got } = await listener({ maxMessageSize: 1000 });
    const c = await rawClient(t.local.port);
    try {
      await c.write(frame(1, 1000));
      await until(() => got.length === 1);
      await c.write(frame(2, 1001));
      await c.closed;
      assert.equal(got.length, 1);
    } finally {
      await t.close();
    }
  });

  test('idle connections are closed after idleTimeout', async () => {
    const { t } = await listener({ idleTimeout: 100 });
    const c = await rawClient(t.local.port);
    try {
      await c.write(frame(1, 20));
      await c.closed; // the test fails by its own timeout if the listener never closes it
      await until(() => t.connectionCount === 0);
    } finally {
      await t.close();
    }
  });

  test('connections beyond maxConnections are closed and reported', async () => {
    const { t, got } = await listener({ maxConnections: 1 });
    const drops = capture<TransportDropEvent>(TransportChannels.drop);
    const first = await rawClient(t.local.port);
    try {
      await first.write(frame(1, 20));
      await until(() => got.length === 1);
      const second = await rawClient(t.local.port);
      await second.closed;
      await until(() => drops.events.some((d) => d.reason === 'connectionLimit' && d.local.port === t.local.port));
      await first.write(frame(2, 20));
      await until(() => got.length === 2);
    } finally {
      drops.stop();
      first.socket.destroy();
      await t.close();
    }
  });

  test('close ends open connections and resolves once they are closed', async () => {
    const { t } = await listener();
    const a = await rawClient(t.local.port);
    const b = await rawClient(t.local.port);
    await until(() => t.connectionCount === 2);
    await t.close();
    await Promise.all([a.closed, b.closed]);
    assert.equal(t.connectionCount, 0);
  });
});
