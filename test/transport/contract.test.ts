/**
 * The contract every transport keeps (src/transport/types.ts), run for udp, udp6, tcp and
 * tcp6 alike: a listener and a client on loopback, real ports, whole messages.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TransportError } from '../../src/errors.js';
import { TransportChannels, type TransportErrorEvent } from '../../src/transport/diagnostics.js';
import { openTransport } from '../../src/transport/open.js';
import type { MessageSource, Transport, TransportDomain } from '../../src/transport/types.js';
import { capture, frame, frameIndex, hex, until } from './helpers.js';

const LOOPBACK: Record<TransportDomain, string> = {
  udp: 'udp:127.0.0.1:0',
  udp6: 'udp6:[::1]:0',
  tcp: 'tcp:127.0.0.1:0',
  tcp6: 'tcp6:[::1]:0',
};
const LOOPBACK_HOST: Record<TransportDomain, string> = { udp: '127.0.0.1', udp6: '::1', tcp: '127.0.0.1', tcp6: '::1' };

interface Received {
  message: Uint8Array;
  source: MessageSource;
}

async function pair(domain: TransportDomain): Promise<{ listener: Transport; client: Transport; atListener: Received[]; atClient: Received[]; close: () => Promise<void> }> {
  const listener = await openTransport(LOOPBACK[domain], { listen: true });
  const client = await openTransport(listener.local, { localAddress: LOOPBACK_HOST[domain] });
  const atListener: Received[] = [];
  const atClient: Received[] = [];
  listener.onMessage((message, source) => atListener.push({ message, source }));
  client.onMessage((message, source) => atClient.push({ message, source }));
  return { listener, client, atListener, atClient, close: async () => void (await Promise.all([client.close(), listener.close()])) };
}

for (const domain of ['udp', 'udp6', 'tcp', 'tcp6'] as const) {
  describe(`transport contract: ${domain}`, () => {
    test('reports its domain and the real local port when 0 was asked', async () => {
      const p = await pair(domain);
      try {
        for (const t of [p.listener, p.client]) {
          assert.equal(t.domain, domain);
          assert.equal(t.local.domain, domain);
          assert.equal(t.local.host, LOOPBACK_HOST[domain]);
          assert.ok(t.local.port > 0 && t.local.port < 65536, `port ${t.local.port}`);
        }
        assert.notEqual(p.client.local.port, p.listener.local.port);
      } finally {
        await p.close();
      }
    });

    test('close is idempotent and resolves; closed turns true', async () => {
      const p = await pair(domain);
      assert.equal(p.listener.closed, false);
      assert.equal(p.client.closed, false);
      const first = p.client.close();
      const second = p.client.close();
      await Promise.all([first, second, p.listener.close()]);
      await p.listener.close();
      assert.equal(p.client.closed, true);
      assert.equal(p.listener.closed, true);
    });

    test('round trip: the listener sees the client as source.remote and replies to it', async () => {
      const p = await pair(domain);
      try {
        const request = frame(7, 40);
        await p.client.send(request, p.listener.local);
        await until(() => p.atListener.length === 1, 5000, 'request');
        const got = p.atListener[0]!;
        assert.equal(hex(got.message), hex(request));
        assert.deepEqual(got.source.remote, { domain, host: LOOPBACK_HOST[domain], port: p.client.local.port });
        assert.equal(got.source.local.port, p.listener.local.port);
        const reply = frame(8, 300);
        await p.listener.send(reply, got.source.remote);
        await until(() => p.atClient.length === 1, 5000, 'reply');
        assert.equal(hex(p.atClient[0]!.message), hex(reply));
        assert.deepEqual(p.atClient[0]!.source.remote, p.listener.local);
      } finally {
        await p.close();
      }
    });

    test('a burst of messages arrives whole and, on TCP, in order', async () => {
      const p = await pair(domain);
      const count = domain.startsWith('tcp') ? 2000 : 300;
      try {
        const sent: Uint8Array[] = [];
        for (let i = 0; i < count; i++) sent.push(frame(i, 20 + (i % 300)));
        await Promise.all(sent.map((m) => p.client.send(m, p.listener.local)));
        await until(() => p.atListener.length === count, 10000, `${count} messages`);
        const order = p.atListener.map((r) => frameIndex(r.message));
        for (const r of p.atListener) assert.equal(hex(r.message), hex(sent[frameIndex(r.message)]!));
        if (domain.startsWith('tcp')) assert.deepEqual(order, [...sent.keys()]);
        else assert.equal(new Set(order).size, count);
      } finally {
        await p.close();
      }
    });

    test('after close, send rejects with TransportError', async () => {
      const p = await pair(domain);
      await p.client.send(frame(1), p.listener.local);
      await until(() => p.atListener.length === 1);
      const remote = p.atListener[0]!.source.remote;
      await p.close();
      await assert.rejects(p.client.send(frame(2), p.listener.local), TransportError);
      await assert.rejects(p.listener.send(frame(3), remote), TransportError);
    });

    test('a handler that throws is reported and the transport goes on', async () => {
      const p = await pair(domain);
      const errors = capture<TransportErrorEvent>(TransportChannels.error);
      try {
        const seen: number[] = [];
        p.listener.onMessage((message) => {
          seen.push(frameIndex(message));
          if (seen.length === 1) throw new Error('handler failure');
        });
        await p.client.send(frame(1), p.listener.local);
        await until(() => seen.length === 1);
        await p.client.send(frame(2), p.listener.local);
        await until(() => seen.length === 2);
        assert.deepEqual(seen, [1, 2]);
        const handlerErrors = errors.events.filter((e) => e.where === 'handler');
        assert.equal(handlerErrors.length, 1);
        assert.match(String((handlerErrors[0]!.error as Error).message), /handler failure/);
        assert.equal(handlerErrors[0]!.domain, domain);
      } finally {
        errors.stop();
        await p.close();
      }
    });

    test('a later onMessage replaces the handler', async () => {
      const p = await pair(domain);
      try {
        const second: number[] = [];
        p.listener.onMessage((message) => second.push(frameIndex(message)));
        await p.client.send(frame(5), p.listener.local);
        await until(() => second.length === 1);
        assert.deepEqual(second, [5]);
        assert.equal(p.atListener.length, 0);
      } finally {
        await p.close();
      }
    });
  });
}
