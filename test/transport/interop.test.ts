/**
 * A real SNMP GetRequest over every transport to net-snmp's snmpd (started privately on
 * loopback, listening on udp, tcp, udp6 and tcp6), and its Response decoded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeMessage, encodeCommunityMessage } from '../../src/message/codec.js';
import type { CommunityMessage } from '../../src/message/types.js';
import { Oid } from '../../src/smi/oid.js';
import { nullVarBind } from '../../src/smi/values.js';
import { parseAddress } from '../../src/transport/address.js';
import { openTransport } from '../../src/transport/open.js';
import { type SnmpdHandle, snmpdPath, startSnmpd } from '../support/snmpd.js';
import { until } from './helpers.js';

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';

describe('transports against net-snmp snmpd', { skip: snmpdPath() === undefined ? 'snmpd is not installed' : false }, () => {
  let snmpd: SnmpdHandle;
  before(async () => {
    snmpd = await startSnmpd();
  });
  after(async () => {
    await snmpd?.stop();
  });

  for (const [domain, host] of [
    ['udp', '127.0.0.1'],
    ['tcp', '127.0.0.1'],
    ['udp6', '[::1]'],
    ['tcp6', '[::1]'],
  ] as const) {
    test(`GetRequest over ${domain} gets a Response`, async () => {
      const target = parseAddress(`${domain}:${host}:${snmpd.port}`);
      const transport = await openTransport(target);
      try {
        const responses: Array<{ bytes: Uint8Array; from: string }> = [];
        transport.onMessage((bytes, source) => responses.push({ bytes, from: `${source.remote.domain}:${source.remote.host}:${source.remote.port}` }));
        for (const [i, requestId] of [0x1234, 0x7eadbeef].entries()) {
          const request: CommunityMessage = {
            version: 1,
            community: new TextEncoder().encode('public'),
            pdu: { type: 'GetRequest', requestId, errorStatus: 0, errorIndex: 0, varbinds: [nullVarBind(SYS_DESCR), nullVarBind(SYS_UPTIME)] },
          };
          await transport.send(encodeCommunityMessage(request), target);
          await until(() => responses.length === i + 1, 5000, `the response over ${domain}`);
          const got = responses[i]!;
          assert.equal(got.from, `${domain}:${target.host}:${snmpd.port}`);
          const message = decodeMessage(got.bytes);
          assert.ok(message.version === 1, 'a v2c message');
          const pdu = (message as CommunityMessage).pdu;
          assert.equal(pdu.type, 'Response');
          assert.ok(pdu.type === 'Response');
          assert.equal(pdu.requestId, requestId);
          assert.equal(pdu.errorStatus, 0);
          assert.deepEqual(pdu.varbinds.map((vb) => vb.oid.toString()), [SYS_DESCR, SYS_UPTIME]);
          assert.ok(pdu.varbinds[0]!.oid.equals(Oid.parse(SYS_DESCR)));
          assert.equal(pdu.varbinds[0]!.type, 'OctetString');
          assert.equal(pdu.varbinds[1]!.type, 'TimeTicks');
        }
      } finally {
        await transport.close();
      }
    });
  }
});
