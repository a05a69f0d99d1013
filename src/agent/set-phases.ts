/**
 * The Set phases (RFC 3416 §4.2.5, and AgentX's TestSet / CommitSet / UndoSet / CleanupSet,
 * RFC 2741 §7.2.4): access checks, then testSet on every batch; if all pass, commitSet; if
 * a commit fails, undoSet on every batch and commitFailed (undoFailed when the undo fails);
 * cleanupSet always last.
 */
import { ErrorStatus } from '../pdu/error-status.js';
import { oidArcs } from '../smi/oid.js';
import type { VarBind } from '../smi/types.js';
import type { ProcessInput } from './processor.js';
import { type Group, Item, type Method, P_FINISHED, P_SET_COMMITTED, P_SET_TESTED, P_SET_UNDONE } from './work-item.js';

/** What the Set phases need of a request being processed. */
export interface SetJob {
  readonly input: ProcessInput;
  readonly reqVbs: VarBind[];
  phase: number;
  errorStatus: number;
  errorIndex: number;
  failStatus: number;
  failIndex: number;
  groups: Group[];
  fail(status: number, index: number): void;
  settle(): void;
  addToGroup(item: Item): void;
  call(method: Method, thrownStatus?: number): PromiseLike<void> | undefined;
}

/** Checks access and writability of every varbind, then calls testSet (RFC 3416 §4.2.5 steps 1-2). */
export function startSet(job: SetJob): PromiseLike<void> | undefined {
  const vbs = job.reqVbs;
  const view = job.input.access.writeView;
  const registry = job.input.registry;
  for (let i = 0; i < vbs.length; i++) {
    const vb = vbs[i]!;
    const arcs = oidArcs(vb.oid);
    if (view === undefined || (!view.isEverything && !view.includesArcs(arcs))) {
      // RFC 3416 §4.2.5 (1): not in the write view.
      job.fail(ErrorStatus.noAccess, i + 1);
      break;
    }
    const ri = registry.indexOf(arcs);
    const region = ri < 0 ? undefined : registry.regions[ri]!;
    if (region === undefined || region.registration.handler.testSet === undefined) {
      // RFC 3416 §4.2.5 (2): nothing there can ever be written.
      job.fail(ErrorStatus.notWritable, i + 1);
      break;
    }
    job.addToGroup(new Item(i, vb.oid, vb, region, i));
  }
  if (job.failStatus !== 0) {
    job.settle();
    job.phase = P_FINISHED;
    return undefined;
  }
  job.phase = P_SET_TESTED;
  return job.call('testSet');
}

function collectStatus(job: SetJob): void {
  for (const g of job.groups) for (const it of g.items) if (it.status !== 0) job.fail(it.status, it.index + 1);
}

/** After testSet: cleanupSet and the first error, or commitSet. */
export function setTested(job: SetJob): PromiseLike<void> | undefined {
  collectStatus(job);
  if (job.failStatus !== 0) {
    job.settle();
    return cleanup(job);
  }
  job.phase = P_SET_COMMITTED;
  return job.call('commitSet', ErrorStatus.commitFailed);
}

/** After commitSet: cleanupSet, or undoSet and commitFailed. */
export function setCommitted(job: SetJob): PromiseLike<void> | undefined {
  collectStatus(job);
  if (job.failStatus === 0) return cleanup(job);
  // RFC 3416 §4.2.5: a failed commit undoes every assignment; the response says commitFailed.
  job.errorStatus = ErrorStatus.commitFailed;
  job.errorIndex = job.failIndex;
  job.failStatus = 0;
  for (const g of job.groups) for (const it of g.items) it.status = 0;
  job.phase = P_SET_UNDONE;
  return job.call('undoSet', ErrorStatus.undoFailed);
}

/** After undoSet: undoFailed when an undo failed; then cleanupSet. */
export function setUndone(job: SetJob): PromiseLike<void> | undefined {
  collectStatus(job);
  if (job.failStatus !== 0) {
    job.errorStatus = ErrorStatus.undoFailed;
    job.errorIndex = job.failIndex;
  }
  return cleanup(job);
}

function cleanup(job: SetJob): PromiseLike<void> | undefined {
  // The outcome is settled; what cleanupSet reports is ignored.
  job.phase = P_FINISHED;
  return job.call('cleanupSet');
}
