/** openTransport picks the transport for the address and passes the options on. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbortError, InvalidArgumentError, TransportError } from '../../src/errors.js';
import { openTransport } from '../../src/transport/open.js';
import { TcpClientTransport } from '../../src/transport/tcp-client.js';
import { TcpListenerTransport } from '../../src/transport/tcp-listener.js';
import { UdpTransport } from '../../src/transport/udp.js';

test('openTransport returns the transport of the domain, listening or not', async () => {
  const udp = await openTransport('127.0.0.1:0', { listen: true });
  const udp6 = await openTransport('[::1]:0', { listen: true });
  const tcp = await openTransport('tcp:127.0.0.1:0', { listen: true });
  const tcp6 = await openTransport('tcp6:[::1]:0', { listen: true });
  try {
    assert.ok(udp instanceof UdpTransport && udp.domain === 'udp');
    assert.ok(udp6 instanceof UdpTransport && udp6.domain === 'udp6');
    assert.ok(tcp instanceof TcpListenerTransport && tcp.domain === 'tcp');
    assert.ok(tcp6 instanceof TcpListenerTransport && tcp6.domain === 'tcp6');
    const client = await openTransport(`tcp6:[::1]:${tcp6.local.port}`, { localAddress: '::1' });
    assert.ok(client instanceof TcpClientTransport);
    assert.equal(client.local.host, '::1');
    await client.close();
    // A UDP client binds where it is told, whatever peer the address names.
    const udpClient = await openTransport('udp:192.0.2.1:161', { localAddress: '127.0.0.1' });
    assert.ok(udpClient instanceof UdpTransport);
    assert.equal(udpClient.local.host, '127.0.0.1');
    await udpClient.close();
  } finally {
    await Promise.all([udp.close(), udp6.close(), tcp.close(), tcp6.close()]);
  }
});

test('openTransport: a udp and a udp6 listener may share a port number (IPv6-only sockets)', async () => {
  const v4 = await openTransport('udp:0.0.0.0:0', { listen: true });
  try {
    const v6 = await openTransport(`udp6:[::]:${v4.local.port}`, { listen: true });
    await v6.close();
  } finally {
    await v4.close();
  }
});

test('openTransport: bad addresses, busy ports, aborts', async () => {
  await assert.rejects(openTransport('udp:[::1]:161'), InvalidArgumentError);
  await assert.rejects(openTransport('unix:/tmp/x'), InvalidArgumentError);
  const busy = await openTransport('tcp:127.0.0.1:0', { listen: true });
  try {
    await assert.rejects(openTransport(busy.local, { listen: true }), (err: unknown) => err instanceof TransportError && /EADDRINUSE/.test(err.message));
  } finally {
    await busy.close();
  }
  const ac = new AbortController();
  ac.abort();
  for (const address of ['udp:127.0.0.1:0', 'tcp:127.0.0.1:0']) {
    await assert.rejects(openTransport(address, { listen: true, signal: ac.signal }), AbortError);
  }
  await assert.rejects(openTransport('tcp:127.0.0.1:0', { listen: true, maxConnections: 0 }), InvalidArgumentError);
  await assert.rejects(openTransport('tcp:127.0.0.1:161', { connectTimeout: 0 }), InvalidArgumentError);
});

test('openTransport: connect gives a UDP client connected to the address; without it the socket serves any peer', async () => {
  const agent = await openTransport('127.0.0.1:0', { listen: true });
  try {
    const connected = await openTransport(`udp:127.0.0.1:${agent.local.port}`, { connect: true });
    const shared = await openTransport(`udp:127.0.0.1:${agent.local.port}`);
    try {
      assert.ok(connected instanceof UdpTransport && shared instanceof UdpTransport);
      assert.deepEqual(connected.peer, { domain: 'udp', host: '127.0.0.1', port: agent.local.port });
      assert.equal(shared.peer, undefined);
      await assert.rejects(connected.send(new Uint8Array([0x30, 0]), { domain: 'udp', host: '127.0.0.1', port: agent.local.port + 1 === 65536 ? 1 : agent.local.port + 1 }), TransportError);
    } finally {
      await connected.close();
      await shared.close();
    }
  } finally {
    await agent.close();
  }
});
