/**
 * `tsnmp walk` and `tsnmp bulkwalk`: net-snmp's snmpwalk and snmpbulkwalk, on the
 * manager's walks (which keep net-snmp's semantics: the end of the subtree, `-Ci`, the GET
 * of the root when nothing lies below it, the increasing check). Beyond net-snmp: several
 * OIDs are walked one after the other, bulkwalk takes `-CE` and `--parallel N` (N requests
 * in flight, each walking its own range of the subtree, the output unchanged), `--json`,
 * and a progress line on stderr while a long walk runs on a terminal.
 */
import { InvalidArgumentError, ResponseStatusError, WalkAbortedError } from '../../errors.js';
import { decodeMessage } from '../../message/codec.js';
import { Oid } from '../../smi/oid.js';
import { isException, type VarBind } from '../../smi/types.js';
import { leadingNumber } from '../args/app-options.js';
import { parseCommon } from '../args/snmpcmd.js';
import { type CliIo, type Parsed, problem } from '../io.js';
import { EndOfMibTap } from '../end-of-mib.js';
import { closeCliSession, openCliSession } from '../session.js';
import { commandNamer } from '../mibs.js';
import { QueryContext, reportUsage } from './context.js';

/** The two walks. */
export type WalkKind = 'walk' | 'bulkwalk';

interface WalkFlags {
  printCount: boolean;
  includeRequested: boolean;
  getIfEmpty: boolean;
  check: boolean;
  totalTime: boolean;
  requestTime: boolean;
  endOid: string | undefined;
  nonRepeaters: number;
  maxRepetitions: number;
  /** `--parallel N` (bulkwalk): requests in flight at once, each walking its own range. */
  parallel: number;
}

/** mib-2, the default root. */
const MIB2 = '.1.3.6.1.2.1';

function appOptions(kind: WalkKind, f: WalkFlags) {
  return (letters: string, next: () => string | undefined): Parsed<void> | undefined => {
    let rest = letters;
    while (rest.length > 0) {
      const c = rest[0]!;
      rest = rest.slice(1);
      switch (c) {
        case 'p':
          f.printCount = true;
          break;
        case 'i':
          f.includeRequested = true;
          break;
        case 'I':
          f.getIfEmpty = false;
          break;
        case 'c':
          f.check = false;
          break;
        case 'E': {
          const word = next();
          if (word === undefined) return problem('Missing OID after -CE');
          f.endOid = word;
          break;
        }
        case 't':
          if (kind !== 'walk') return problem(`Unknown flag passed to -C: ${c}`, false);
          f.totalTime = true;
          break;
        case 'T':
          if (kind !== 'walk') return problem(`Unknown flag passed to -C: ${c}`, false);
          f.requestTime = true;
          break;
        case 'n':
        case 'r': {
          if (kind !== 'bulkwalk') return problem(`Unknown flag passed to -C: ${c}`, false);
          const n = leadingNumber(rest);
          const what = c === 'n' ? 'non-repeaters' : 'max-repetitions';
          if (n === undefined || n.value < 0) return problem(`tsnmp bulkwalk: Bad value for ${what}`, false);
          // snmpbulkwalk takes -Cr0 and then never advances; tsnmp refuses it.
          if (c === 'r' && n.value === 0) return problem('tsnmp bulkwalk: Bad value for max-repetitions: a bulk walk needs at least 1', false);
          if (c === 'n') f.nonRepeaters = n.value;
          else f.maxRepetitions = n.value;
          rest = n.rest;
          break;
        }
        default:
          return problem(`Unknown flag passed to -C: ${c}`, false);
      }
    }
    return undefined;
  };
}

/** Runs `tsnmp walk|bulkwalk ARGS`; resolves with the exit status. */
export async function runWalk(kind: WalkKind, argv: readonly string[], io: CliIo): Promise<number> {
  const name = `tsnmp ${kind}`;
  const f: WalkFlags = {
    printCount: false,
    includeRequested: false,
    getIfEmpty: true,
    check: true,
    totalTime: false,
    requestTime: false,
    endOid: undefined,
    nonRepeaters: 0,
    maxRepetitions: 10,
    parallel: 1,
  };
  const parsed = parseCommon(argv, {
    name,
    onAppOptions: appOptions(kind, f),
    ...(kind === 'bulkwalk'
      ? {
          extraOptions: { parallel: 'required' as const },
          onExtraOption: (_n: string, value: string | undefined): Parsed<void> | undefined => {
            const n = Number(value);
            if (!Number.isInteger(n) || n < 1 || n > 64) return problem(`${name}: Bad value for --parallel: ${String(value)} (1 to 64)`, false);
            f.parallel = n;
            return undefined;
          },
        }
      : {}),
  });
  if (!parsed.ok) return reportUsage(io, kind, parsed);
  const common = parsed.value;
  const ctx = new QueryContext(name, common, io, await commandNamer(common, io, name));
  let roots: Oid[];
  let endOid: Oid | undefined;
  try {
    roots = (common.operands.length > 1 ? common.operands.slice(1) : [MIB2]).map((t) => ctx.parseOid(t));
    endOid = f.endOid === undefined ? undefined : ctx.parseOid(f.endOid);
  } catch (err) {
    io.stderr(`${(err as Error).message}\n`);
    return 1;
  }
  if (kind === 'bulkwalk' && common.version === 'v1') {
    io.stderr(`${name}: Cannot send V2 PDU on V1 session\n`);
    return 1;
  }
  const tap = new EndOfMibTap();
  let s: Awaited<ReturnType<typeof openCliSession>>;
  try {
    s = await openCliSession(common, ctx.agent, io, { tap, maxRepetitions: f.maxRepetitions });
  } catch (err) {
    if (err instanceof InvalidArgumentError) {
      io.stderr(`${name}: Unknown host (${ctx.agent}) (${err.message})\n`);
      return 1;
    }
    throw err;
  }
  // The progress line (on a terminal) and the error texts are loaded only when needed.
  const progress = io.stderrIsTTY && !common.dump && !common.json ? new (await import('./progress.js')).Progress(io) : undefined;
  // Ctrl-C closes the session, which rejects the request in flight with AbortError (exit
  // status 130). The signal is not given to each request: a listener added and removed
  // per request costs more than the rest of the CLI's work on a long walk.
  const signal = io.signal;
  const onAbort = (): void => void s.session.close();
  if (signal?.aborted === true) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  let count = 0;
  let status = 0;
  let currentRoot = roots[0]!;
  const started = performance.now();
  try {
    for (const root of roots) {
      currentRoot = root;
      const options = {
        includeRequested: f.includeRequested,
        getRequestedIfEmpty: f.getIfEmpty,
        // snmpwalk prints the exception value that ends a walk.
        includeExceptions: true,
        checkIncreasing: f.check,
        ...(endOid === undefined ? {} : { endOid }),
      };
      const iterable =
        kind === 'walk' ? s.session.walk(root, options) : s.session.bulkWalk(root, { ...options, nonRepeaters: f.nonRepeaters, maxRepetitions: f.maxRepetitions, parallel: f.parallel });
      let endPrinted = false;
      let printed = false;
      let last = performance.now();
      let lastVb: VarBind | undefined;
      tap.reset();
      // A response at a time (no promise per varbind).
      for await (const page of iterable.pages()) {
        if (page.length === 0) continue;
        lastVb = page[page.length - 1];
        // The walk sends its next request ahead, so the end may be known before the last
        // varbinds are printed: "End of MIB" goes before a varbind only when that varbind
        // is the GET of the root that follows an empty walk (net-snmp's order), so the
        // traffic is looked at only until the root's first varbinds are printed.
        if (!printed) {
          const t = tap.check();
          if (t.endOfMib && t.getAfterEnd) {
            ctx.line('End of MIB');
            endPrinted = true;
          }
          printed = true;
        }
        if (f.requestTime) {
          for (const vb of page) {
            const now = performance.now();
            ctx.varbind(vb, `${((now - last) / 1000).toFixed(6)} s: `);
            last = now;
          }
        } else {
          ctx.varbinds(page);
        }
        count += page.length;
        progress?.update(count);
      }
      if (!endPrinted && tap.check().endOfMib) ctx.line('End of MIB');
      if (kind === 'bulkwalk' && lastVb !== undefined && isException(lastVb)) {
        for (const vb of restOfResponse(tap.recent, lastVb, root)) {
          ctx.varbind(vb);
          count++;
        }
      }
    }
  } catch (err) {
    progress?.clear();
    const { failureOf, statusErrorText, writeFailure } = await import('../report.js');
    if (err instanceof ResponseStatusError) {
      ctx.error(statusErrorText(ctx.printer, err, true));
      status = 2;
    } else if (err instanceof WalkAbortedError && err.reason === 'nonIncreasing') {
      // net-snmp prints the offending varbinds of the last response, then the error.
      for (const vb of offending(tap.recent, err, currentRoot)) {
        ctx.varbind(vb);
        count++;
      }
      ctx.error(notIncreasingText(ctx, err));
      status = 1;
    } else {
      ctx.flush();
      status = writeFailure(io, failureOf(err, name, ctx.agent, false));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    progress?.clear();
    await closeCliSession(s);
  }
  if (f.totalTime) ctx.error(`Total traversal time = ${((performance.now() - started) / 1000).toFixed(6)} seconds\n`);
  if (f.printCount) ctx.line(`Variables found: ${count}`);
  ctx.flush();
  return status;
}

/**
 * snmpbulkwalk prints every varbind of the last response that lies in the subtree, also
 * after the exception that ends the walk (an agent that fills the remaining repetitions
 * with endOfMibView, as RFC 3416 §4.2.3 has it, gets one line per repetition). The manager's
 * walk stops at the first exception; the rest comes from the last response received.
 */
function restOfResponse(recent: readonly Uint8Array[], lastVb: VarBind, root: Oid): VarBind[] {
  const found = findInResponses(recent, (vb) => vb.type === lastVb.type && vb.oid.equals(lastVb.oid));
  return found === undefined ? [] : found.vbs.slice(found.at + 1).filter((vb) => vb.oid.startsWith(root));
}

/** The oldest of the recent responses holding a varbind that matches, and where. */
function findInResponses(recent: readonly Uint8Array[], match: (vb: VarBind) => boolean): { vbs: VarBind[]; at: number } | undefined {
  for (const bytes of recent) {
    let vbs: VarBind[];
    try {
      const m = decodeMessage(bytes);
      if (m.version === 3 || m.pdu.type === 'Trap') continue;
      vbs = m.pdu.varbinds;
    } catch {
      continue;
    }
    const at = vbs.findIndex(match);
    if (at >= 0) return { vbs, at };
  }
  return undefined;
}

/** `Error: OID not increasing: A\n >= B\n`, with the OIDs printed under the output options. */
function notIncreasingText(ctx: QueryContext, err: WalkAbortedError): string {
  const m = /OID not increasing: (\S+) >= (\S+)/.exec(err.message);
  if (m === null) return `Error: ${err.message}\n`;
  const a = ctx.printer.oid(Oid.parse(m[1]!));
  const b = ctx.printer.oid(Oid.parse(m[2]!));
  return `Error: OID not increasing: ${a}\n >= ${b}\n\n`;
}

/** The varbinds of the last response from the one the increasing check refused on, in the subtree. */
function offending(recent: readonly Uint8Array[], err: WalkAbortedError, root: Oid): VarBind[] {
  const m = /OID not increasing: \S+ >= (\S+)/.exec(err.message);
  if (m === null) return [];
  const bad = Oid.parse(m[1]!);
  const found = findInResponses(recent, (vb) => vb.oid.equals(bad));
  return found === undefined ? [] : found.vbs.slice(found.at).filter((vb) => vb.oid.startsWith(root));
}
