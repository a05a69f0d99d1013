/** The per-varbind work items of request processing, and the processing phases. Internal. */
import type { Oid } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';
import type { HandlerItem, SubtreeHandler } from './handler.js';
import type { Region } from './registry.js';

/** @internal A varbind being served: what a handler sees, plus where the processor keeps it. */
export class Item implements HandlerItem {
  index: number;
  oid: Oid;
  include = false;
  end: Oid | undefined = undefined;
  value: VarBind | undefined;
  result: VarBind | undefined = undefined;
  status = 0;
  region: Region | undefined;
  slot: number;
  steps = 0;
  /** The name a GetNext search started after (the name of an endOfMibView answer). */
  readonly origin: Oid;
  constructor(index: number, oid: Oid, value: VarBind | undefined, region: Region | undefined, slot: number) {
    this.index = index;
    this.oid = oid;
    this.origin = oid;
    this.value = value;
    this.region = region;
    this.slot = slot;
  }
}

/** @internal The items of one request that go to one handler. */
export interface Group {
  handler: SubtreeHandler;
  items: Item[];
}

/** @internal A handler method. */
export type Method = 'get' | 'getNext' | 'testSet' | 'commitSet' | 'undoSet' | 'cleanupSet';

/** @internal Phase: nothing done yet. */
export const P_START = 0;
/** @internal Phase: Get answers are in. */
export const P_GET_DONE = 1;
/** @internal Phase: a GetNext round is to be dispatched. */
export const P_NEXT_ROUND = 2;
/** @internal Phase: a GetNext round's answers are in. */
export const P_NEXT_DONE = 3;
/** @internal Phase: testSet answers are in. */
export const P_SET_TESTED = 4;
/** @internal Phase: commitSet answers are in. */
export const P_SET_COMMITTED = 5;
/** @internal Phase: undoSet answers are in. */
export const P_SET_UNDONE = 6;
/** @internal Phase: the outcome is settled. */
export const P_FINISHED = 7;
/** @internal Phase: a GetBulk repetition where every repeater was already at the end. */
export const P_NEXT_DONE_ALL_ENDED = 8;

