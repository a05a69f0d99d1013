/** The SNMPv3 slot: a message handler given the responder's services serves a scoped PDU like a community request. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { processPdu, type AgentRequestPdu } from '../../src/agent/processor.js';
import type { V3MessageHandler } from '../../src/agent/responder.js';
import { MibView } from '../../src/agent/view.js';
import { decodeMessage, encodeV3Message } from '../../src/message/codec.js';
import { MsgFlags } from '../../src/message/types.js';
import { octetsFromText } from '../../src/smi/octets.js';
import { Oid } from '../../src/smi/oid.js';
import { testAgent } from './helpers.js';

test('a v3 handler processes the scoped PDU with processPdu and the context registry it is lent', async () => {
  // A stand-in for USM + VACM: every noAuthNoPriv user reads everything.
  const v3: V3MessageHandler = {
    handle(message, _bytes, source, services) {
      if (message.scopedPdu === undefined) return undefined;
      const registry = services.registryFor(Buffer.from(message.scopedPdu.contextName).toString());
      if (registry === undefined) return undefined;
      const out = processPdu({
        version: 3,
        pdu: message.scopedPdu.pdu as AgentRequestPdu,
        access: { name: 'user', readView: MibView.all, writeView: undefined, contextName: '' },
        registry,
        source,
        maxVarBindBytes: services.maxMessageSize - 200,
        maxBulkVarBinds: services.maxBulkVarBinds,
      });
      const respond = (o: Awaited<typeof out>) =>
        encodeV3Message(
          { version: 3, msgId: message.msgId, msgMaxSize: 65507, msgFlags: 0, msgSecurityModel: 3 },
          { raw: message.msgSecurityParameters },
          { ...message.scopedPdu!, pdu: { type: 'Response', requestId: message.scopedPdu!.pdu.type === 'Trap' ? 0 : message.scopedPdu!.pdu.requestId, errorStatus: o.errorStatus, errorIndex: o.errorIndex, varbinds: o.varbinds } },
        ).bytes;
      return out instanceof Promise ? out.then(respond) : respond(out);
    },
  };
  const agent = testAgent({ v3 });
  agent.mib.add({ name: '1.3.6.1.4.1.32473.30.1.0', type: 'OctetString', value: octetsFromText('v3 ok') });
  const req = encodeV3Message(
    { version: 3, msgId: 77, msgMaxSize: 65507, msgFlags: MsgFlags.reportable, msgSecurityModel: 3 },
    { usm: { msgAuthoritativeEngineId: agent.engineId, msgAuthoritativeEngineBoots: 1, msgAuthoritativeEngineTime: 0, msgUserName: octetsFromText('user'), msgAuthenticationParameters: new Uint8Array(0), msgPrivacyParameters: new Uint8Array(0) } },
    { contextEngineId: agent.engineId, contextName: new Uint8Array(0), pdu: { type: 'GetRequest', requestId: 5, errorStatus: 0, errorIndex: 0, varbinds: [{ oid: Oid.parse('1.3.6.1.4.1.32473.30.1.0'), type: 'Null', value: null }] } },
  ).bytes;
  const out = await agent.handleMessage(req);
  assert.ok(out instanceof Uint8Array);
  const msg = decodeMessage(out);
  assert.ok(msg.version === 3 && msg.scopedPdu !== undefined && msg.msgId === 77);
  const vb = msg.scopedPdu.pdu.varbinds[0]!;
  assert.equal(vb.type, 'OctetString');
  assert.equal(Buffer.from(vb.value as Uint8Array).toString(), 'v3 ok');
  assert.equal(agent.counters.inBadVersions, 0);
});
