/** Free loopback ports for tests that start real peers. */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/**
 * A port that is free on 127.0.0.1 for both UDP and TCP right now (the OS picks it; the
 * caller binds it soon after). High ports only.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createSocket('udp4');
      s.once('error', reject);
      s.bind(0, '127.0.0.1', () => {
        const p = s.address().port;
        s.close(() => resolve(p));
      });
    });
    if (port < 10000) continue;
    const tcpFree = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (tcpFree) return port;
  }
  throw new Error('no free port found');
}
