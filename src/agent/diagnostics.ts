/**
 * What the agent throws away, reported without throwing: the `tsnmp:agent:drop` channel
 * of `node:diagnostics_channel` for programs, and `util.debuglog('tsnmp')`
 * (NODE_DEBUG=tsnmp) for people. Nothing is built unless someone listens.
 */
import { channel } from 'node:diagnostics_channel';
import { debuglog } from 'node:util';
import type { MessageSource } from '../transport/types.js';

/** Channel names published by the agent. */
export const AgentChannels = {
  /** A received message that got no response. Message: {@link AgentDropEvent}. */
  drop: 'tsnmp:agent:drop',
} as const;

/** Why a received message got no response. */
export type AgentDropReason =
  | 'parseError'
  | 'badVersion'
  | 'badCommunity'
  | 'notARequest'
  | 'unknownContext'
  | 'overload'
  | 'timeout'
  | 'tooBig';

/** Published on `tsnmp:agent:drop`. */
export interface AgentDropEvent {
  readonly reason: AgentDropReason;
  readonly source: MessageSource | undefined;
  /** The decode error, for parse errors and bad versions. */
  readonly error: unknown;
}

const dropChannel = channel(AgentChannels.drop);
const debug = debuglog('tsnmp');

/** Reports a dropped message (cheap when nobody listens). */
export function reportAgentDrop(reason: AgentDropReason, source: MessageSource | undefined, error?: unknown): void {
  if (dropChannel.hasSubscribers) dropChannel.publish({ reason, source, error } satisfies AgentDropEvent);
  if (debug.enabled) debug('agent dropped a message from %s: %s', source === undefined ? 'nowhere' : `${source.remote.domain}:${source.remote.host}:${source.remote.port}`, reason);
}
