/** The TCP client transport: one peer, reconnection after the peer closed, refused and aborted connects. */
import assert from 'node:assert/strict';
import { type Server, type Socket, createServer } from 'node:net';
import { test } from 'node:test';
import { AbortError, InvalidArgumentError, TransportError } from '../../src/errors.js';
import { TcpClientTransport } from '../../src/transport/tcp-client.js';
import { freePort } from '../support/ports.js';
import { frame, frameIndex, hex, until } from './helpers.js';

/** A raw TCP peer that records every connection and the bytes each one received. */
async function rawServer(): Promise<{ server: Server; port: number; sockets: Socket[]; received: Buffer[][]; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const received: Buffer[][] = [];
  let closing = false;
  const server = createServer((s) => {
    if (closing) s.destroy();
    const mine: Buffer[] = [];
    sockets.push(s);
    received.push(mine);
    s.on('data', (d: Buffer) => mine.push(d));
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    sockets,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

test('tcp client: sends to its peer, receives from it, and connects again after the peer closed', async () => {
  const peer = await rawServer();
  const t = await TcpClientTransport.connect({ domain: 'tcp', host: 'localhost', port: peer.port });
  const got: number[] = [];
  t.onMessage((m, source) => {
    assert.deepEqual(source.remote, { domain: 'tcp', host: '127.0.0.1', port: peer.port });
    got.push(frameIndex(m));
  });
  try {
    assert.deepEqual(t.resolvedPeer, { domain: 'tcp', host: '127.0.0.1', port: peer.port });
    await t.send(frame(1, 30), t.peer); // the name as given is accepted
    await until(() => Buffer.concat(peer.received[0] ?? []).length === 30);
    peer.sockets[0]!.write(Buffer.concat([frame(10, 40), frame(11, 8)]));
    await until(() => got.length === 2);
    const firstLocal = t.local.port;
    peer.sockets[0]!.end();
    await until(() => !t.connected, 5000, 'the client to notice the close');
    await t.send(frame(2, 30), t.resolvedPeer); // reconnects
    assert.equal(peer.sockets.length, 2);
    await until(() => Buffer.concat(peer.received[1] ?? []).length === 30);
    assert.equal(Buffer.concat(peer.received[1]!).toString('hex'), hex(frame(2, 30)));
    assert.notEqual(t.local.port, firstLocal);
    peer.sockets[1]!.write(frame(12, 20));
    await until(() => got.length === 3);
    assert.deepEqual(got, [10, 11, 12]);
  } finally {
    await t.close();
    await peer.close();
  }
});

test('tcp client: concurrent sends after a close share one reconnection, in order', async () => {
  const peer = await rawServer();
  const t = await TcpClientTransport.connect({ domain: 'tcp', host: '127.0.0.1', port: peer.port });
  try {
    peer.sockets[0]!.destroy();
    await until(() => !t.connected);
    await Promise.all([1, 2, 3].map((i) => t.send(frame(i, 10), t.peer)));
    await until(() => Buffer.concat(peer.received[1] ?? []).length === 30);
    assert.equal(peer.sockets.length, 2);
    assert.equal(Buffer.concat(peer.received[1]!).toString('hex'), [1, 2, 3].map((i) => hex(frame(i, 10))).join(''));
  } finally {
    await t.close();
    await peer.close();
  }
});

test('tcp client: sending to another address is a TransportError', async () => {
  const peer = await rawServer();
  const t = await TcpClientTransport.connect({ domain: 'tcp', host: '127.0.0.1', port: peer.port });
  try {
    await assert.rejects(t.send(frame(1), { domain: 'tcp', host: '127.0.0.1', port: peer.port + 1 }), (err: unknown) => err instanceof TransportError && /connected to tcp:127\.0\.0\.1/.test(err.message));
    await assert.rejects(t.send(frame(1), { domain: 'udp', host: '127.0.0.1', port: peer.port }), TransportError);
  } finally {
    await t.close();
    await peer.close();
  }
});

test('tcp client: a refused connection, an unknown host, bad options', async () => {
  const port = await freePort();
  await assert.rejects(TcpClientTransport.connect({ domain: 'tcp', host: '127.0.0.1', port }), (err: unknown) => err instanceof TransportError && /ECONNREFUSED/.test(err.message));
  await assert.rejects(TcpClientTransport.connect({ domain: 'tcp6', host: '::1', port }), (err: unknown) => err instanceof TransportError && /ECONNREFUSED/.test(err.message));
  await assert.rejects(TcpClientTransport.connect({ domain: 'tcp', host: 'no-such-host.invalid', port: 161 }), /Unknown host/);
  await assert.rejects(TcpClientTransport.connect({ domain: 'udp', host: '127.0.0.1', port: 161 }), InvalidArgumentError);
  await assert.rejects(TcpClientTransport.connect({ domain: 'tcp', host: '127.0.0.1', port: 0 }), InvalidArgumentError);
});

test('tcp client: a reconnection that is refused rejects that send; a later one succeeds', async () => {
  const peer = await rawServer();
  const port = peer.port;
  const t = await TcpClientTransport.connect({ domain: 'tcp', host: '127.0.0.1', port });
  try {
    await peer.close();
    await until(() => !t.connected);
    await assert.rejects(t.send(frame(1), t.peer), (err: unknown) => err instanceof TransportError && /ECONNREFUSED/.test(err.message));
    const again = createServer((s) => s.on('error', () => {}).resume());
    await new Promise<void>((resolve) => again.listen(port, '127.0.0.1', resolve));
    try {
      await t.send(frame(2), t.peer);
      assert.equal(t.connected, true);
    } finally {
      await t.close();
      await new Promise<void>((resolve) => again.close(() => resolve()));
    }
  } finally {
    await t.close();
  }
});

test('tcp client: an aborted signal stops the connect with AbortError', async () => {
  const peer = await rawServer();
  try {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(TcpClientTransport.connect({ domain: 'tcp', host: '127.0.0.1', port: peer.port }, { signal: ac.signal }), AbortError);
  } finally {
    await peer.close();
  }
});
