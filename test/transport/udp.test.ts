/** UDP specifics beyond the contract suite: buffers, bind errors, send errors, the datagram handed over as it is. */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createSocket } from 'node:dgram';
import { test } from 'node:test';
import { InvalidArgumentError, TransportError } from '../../src/errors.js';
import { TransportChannels } from '../../src/transport/diagnostics.js';
import { UdpTransport } from '../../src/transport/udp.js';
import type { MessageSource } from '../../src/transport/types.js';
import { capture, until } from './helpers.js';

test('udp: the socket asks for large buffers (capped by the system)', async () => {
  const t = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  try {
    const { recv, send } = t.bufferSizes();
    // Linux doubles what it grants; the default of 212992 is what we get without asking.
    assert.ok(recv > 212992, `recv buffer ${recv}`);
    assert.ok(send > 212992, `send buffer ${send}`);
  } finally {
    await t.close();
  }
});

test('udp: binding a port in use is a TransportError', async () => {
  const a = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  try {
    await assert.rejects(UdpTransport.open('udp', { localAddress: '127.0.0.1', localPort: a.local.port }), (err: unknown) => err instanceof TransportError && /EADDRINUSE/.test(err.message));
  } finally {
    await a.close();
  }
});

test('udp: bad local options are InvalidArgumentError or TransportError', async () => {
  await assert.rejects(UdpTransport.open('udp', { localPort: 70000 }), InvalidArgumentError);
  await assert.rejects(UdpTransport.open('udp', { localAddress: '::1' }), InvalidArgumentError);
  await assert.rejects(UdpTransport.open('udp6', { localAddress: '127.0.0.1' }), InvalidArgumentError);
  await assert.rejects(UdpTransport.open('udp', { localAddress: '192.0.2.1' }), (err: unknown) => err instanceof TransportError && /EADDRNOTAVAIL/.test(err.message));
  await assert.rejects(UdpTransport.open('udp6', { localAddress: 'no-such-host.invalid' }), TransportError);
});

test('udp: send errors reject that send and the transport goes on', async () => {
  const t = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  const peer = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  try {
    await assert.rejects(t.send(new Uint8Array([0x30, 0]), { domain: 'udp', host: '127.0.0.1', port: 0 }), TransportError);
    await assert.rejects(t.send(new Uint8Array(70000), peer.local), (err: unknown) => err instanceof TransportError && /EMSGSIZE/.test(err.message));
    await assert.rejects(t.send(new Uint8Array([0x30, 0]), { domain: 'udp6', host: '::1', port: 161 }), /on a udp transport/);
    await assert.rejects(t.send(new Uint8Array([0x30, 0]), { domain: 'udp', host: 'no-such-host.invalid', port: 161 }), /Unknown host/);
    const got = new Promise<Uint8Array>((resolve) => peer.onMessage((m) => resolve(m)));
    await t.send(new Uint8Array([0x30, 1, 7]), { domain: 'udp', host: 'localhost', port: peer.local.port });
    assert.deepEqual([...(await got)], [0x30, 1, 7]);
  } finally {
    await t.close();
    await peer.close();
  }
});

test('udp: sending to a port where nothing listens (ICMP unreachable) neither throws nor breaks the socket', async () => {
  for (const [domain, host] of [
    ['udp', '127.0.0.1'],
    ['udp6', '::1'],
  ] as const) {
    const t = await UdpTransport.open(domain, { localAddress: host });
    const closedPort = (await UdpTransport.open(domain, { localAddress: host }).then(async (x) => (await x.close(), x))).local.port;
    const peer = await UdpTransport.open(domain, { localAddress: host });
    try {
      const got: Uint8Array[] = [];
      t.onMessage((m) => got.push(m));
      for (let i = 0; i < 5; i++) await t.send(new Uint8Array([0x30, 0]), { domain, host, port: closedPort }).catch(() => undefined);
      await peer.send(new Uint8Array([0x30, 1, 9]), t.local);
      await until(() => got.length === 1);
      await t.send(new Uint8Array([0x30, 0]), peer.local);
    } finally {
      await t.close();
      await peer.close();
    }
  }
});

test('udp: each datagram is its own Buffer, the whole of it', async () => {
  const t = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  const raw = createSocket('udp4');
  try {
    const got: Array<[Uint8Array, MessageSource]> = [];
    const done = new Promise<void>((resolve) =>
      t.onMessage((m, s) => {
        got.push([m, s]);
        if (got.length === 3) resolve();
      }),
    );
    for (const n of [1, 2, 3]) await new Promise<void>((r) => raw.send(new Uint8Array([0x30, 1, n]), t.local.port, '127.0.0.1', () => r()));
    await done;
    const rawPort = raw.address().port;
    for (const [i, [m, s]] of got.entries()) {
      assert.equal(m.byteOffset, 0);
      assert.equal(m.buffer.byteLength, 3);
      assert.deepEqual([...m], [0x30, 1, i + 1]);
      assert.deepEqual(s.remote, { domain: 'udp', host: '127.0.0.1', port: rawPort });
      assert.equal(s.local, t.local);
    }
    assert.notEqual(got[0]![0].buffer, got[1]![0].buffer);
  } finally {
    raw.close();
    await t.close();
  }
});

test('udp: a datagram with no handler set is dropped and reported', async () => {
  const t = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  const c = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  let onDrop: (m: unknown) => void = () => {};
  const dropped = new Promise<{ reason: string; bytes: number }>((resolve) => {
    onDrop = (m) => resolve(m as { reason: string; bytes: number });
  });
  subscribe(TransportChannels.drop, onDrop);
  try {
    await c.send(new Uint8Array([0x30, 0]), t.local);
    const ev = await dropped;
    assert.equal(ev.reason, 'noHandler');
    assert.equal(ev.bytes, 2);
  } finally {
    unsubscribe(TransportChannels.drop, onDrop);
    await t.close();
    await c.close();
  }
});

test('udp: post sends without a promise and reports the outcome to its callback, or else on the error channel', async () => {
  const t = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  const peer = await UdpTransport.open('udp', { localAddress: '127.0.0.1' });
  const errors = capture<{ where: string; error: unknown }>(TransportChannels.error);
  try {
    const got: number[] = [];
    peer.onMessage((m) => got.push(m[2]!));
    const outcomes: Array<TransportError | undefined> = [];
    t.post(new Uint8Array([0x30, 1, 1]), peer.local, (e) => outcomes.push(e));
    t.post(new Uint8Array([0x30, 1, 2]), peer.local);
    await until(() => got.length === 2 && outcomes.length === 1);
    assert.deepEqual(got.sort(), [1, 2]);
    assert.deepEqual(outcomes, [undefined]);

    // Failures that show at once call back before post returns.
    const now: TransportError[] = [];
    t.post(new Uint8Array(70000), peer.local, (e) => void (e !== undefined && now.push(e)));
    t.post(new Uint8Array([0x30, 0]), { domain: 'udp6', host: '::1', port: 161 }, (e) => void (e !== undefined && now.push(e)));
    t.post(new Uint8Array([0x30, 0]), { domain: 'udp', host: 'localhost', port: peer.local.port }, (e) => void (e !== undefined && now.push(e)));
    t.post(new Uint8Array([0x30, 0]), { domain: 'udp', host: '127.0.0.1', port: 0 }, (e) => void (e !== undefined && now.push(e)));
    assert.equal(now.length, 4);
    assert.ok(now.every((e) => e instanceof TransportError));
    assert.match(now[0]!.message, /EMSGSIZE/);
    assert.match(now[1]!.message, /on a udp transport/);
    assert.match(now[2]!.message, /IP addresses only/);
    // Without a callback the same failure goes to tsnmp:transport:error.
    t.post(new Uint8Array(70000), peer.local);
    assert.equal(errors.events.length, 1);
    assert.equal(errors.events[0]!.where, 'send');
    assert.match(String(errors.events[0]!.error), /EMSGSIZE/);
    // The socket goes on.
    t.post(new Uint8Array([0x30, 1, 3]), peer.local);
    await until(() => got.length === 3);
    await t.close();
    t.post(new Uint8Array([0x30, 1, 4]), peer.local, (e) => void (e !== undefined && now.push(e)));
    assert.ok(now[4] instanceof TransportError && /closed/.test(now[4].message));
  } finally {
    errors.stop();
    await t.close();
    await peer.close();
  }
});

test('udp: a transport connected to one peer hears only that peer and sends only to it', async () => {
  for (const [domain, host] of [
    ['udp', '127.0.0.1'],
    ['udp6', '::1'],
  ] as const) {
    const agent = await UdpTransport.open(domain, { localAddress: host });
    const stranger = await UdpTransport.open(domain, { localAddress: host });
    const t = await UdpTransport.open(domain, { localAddress: host, connectTo: { domain, host: agent.local.host, port: agent.local.port } });
    try {
      assert.deepEqual(t.peer, agent.local);
      const heard: Array<[number, MessageSource]> = [];
      t.onMessage((m, s) => heard.push([m[2]!, s]));
      const atAgent = new Promise<MessageSource>((resolve) => agent.onMessage((_m, s) => resolve(s)));
      await t.send(new Uint8Array([0x30, 1, 1]), agent.local);
      const source = await atAgent;
      assert.deepEqual(source.remote, t.local);
      await stranger.send(new Uint8Array([0x30, 1, 2]), t.local);
      await agent.send(new Uint8Array([0x30, 1, 3]), source.remote);
      await until(() => heard.length === 1);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(
        heard.map(([n]) => n),
        [3],
        'the stranger was not heard',
      );
      assert.deepEqual(heard[0]![1].remote, agent.local);
      await assert.rejects(t.send(new Uint8Array([0x30, 0]), stranger.local), (e: unknown) => e instanceof TransportError && /connected to/.test(e.message));
    } finally {
      await t.close();
      await agent.close();
      await stranger.close();
    }
  }
  await assert.rejects(UdpTransport.open('udp', { connectTo: { domain: 'udp6', host: '::1', port: 161 } }), InvalidArgumentError);
  await assert.rejects(UdpTransport.open('udp', { connectTo: { domain: 'udp', host: '127.0.0.1', port: 0 } }), InvalidArgumentError);
});
