/** Helpers for agent tests: build a request, pass it through Agent.handleMessage, decode the answer. */
import { Agent, type AgentOptions } from '../../src/agent/agent.js';
import { decodeMessage, encodeCommunityMessage } from '../../src/message/codec.js';
import type { Pdu } from '../../src/pdu/types.js';
import { Oid } from '../../src/smi/oid.js';
import { octetsFromText } from '../../src/smi/octets.js';
import type { VarBind } from '../../src/smi/types.js';

/** What a test asks. */
export interface Ask {
  version?: 0 | 1;
  community?: string;
  type: 'GetRequest' | 'GetNextRequest' | 'GetBulkRequest' | 'SetRequest';
  /** OIDs (read with a NULL value) or full varbinds (for Set). */
  varbinds: (string | VarBind)[];
  nonRepeaters?: number;
  maxRepetitions?: number;
  requestId?: number;
}

/** The request's bytes. */
export function requestBytes(a: Ask): Uint8Array {
  const varbinds: VarBind[] = a.varbinds.map((v) => (typeof v === 'string' ? { oid: Oid.parse(v), type: 'Null', value: null } : v));
  const requestId = a.requestId ?? 4242;
  const pdu: Pdu =
    a.type === 'GetBulkRequest'
      ? { type: 'GetBulkRequest', requestId, nonRepeaters: a.nonRepeaters ?? 0, maxRepetitions: a.maxRepetitions ?? 10, varbinds }
      : { type: a.type, requestId, errorStatus: 0, errorIndex: 0, varbinds };
  return encodeCommunityMessage({ version: a.version ?? 1, community: octetsFromText(a.community ?? 'public'), pdu });
}

/** The decoded Response PDU, or undefined when the agent dropped the request. */
export async function ask(agent: Agent, a: Ask): Promise<(Pdu & { type: 'Response' }) | undefined> {
  const out = await agent.handleMessage(requestBytes(a));
  if (out === undefined) return undefined;
  const msg = decodeMessage(out);
  if (msg.version === 3 || msg.pdu.type !== 'Response') throw new Error('not a community Response');
  return msg.pdu as Pdu & { type: 'Response' };
}

/** An agent with public (ro), private (rw) and no built-ins unless asked. */
export function testAgent(options: AgentOptions = {}): Agent {
  return new Agent({
    communities: [
      { community: 'public', name: 'public' },
      { community: 'private', access: 'read-write', name: 'private' },
    ],
    builtins: false,
    ...options,
  });
}

/** `oid = type:value` lines for compact assertions. */
export function lines(vbs: readonly VarBind[]): string[] {
  return vbs.map((vb) => `${vb.oid.toString()}=${vb.type}:${show(vb)}`);
}

function show(vb: VarBind): string {
  if (vb.value === null) return '';
  if (vb.value instanceof Uint8Array) return Buffer.from(vb.value).toString('latin1');
  if (vb.value instanceof Oid) return vb.value.toString();
  if (typeof vb.value === 'object') return JSON.stringify({ bytes: Array.from(vb.value.bytes), unusedBits: vb.value.unusedBits });
  return String(vb.value);
}
