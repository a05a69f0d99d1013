/**
 * `tsnmp record AGENT [OID]... [-o FILE]`: walks an agent (GetBulk, or GetNext over SNMPv1
 * or with `-CB`) and writes what it returns as snmpsim's `.snmprec` records, sorted by OID,
 * to FILE (written to a temporary file and renamed, so a broken walk leaves no half file)
 * or to stdout. `tsnmp agent --snmprec FILE` serves the recording. Default root: 1.3.6.1.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { InvalidArgumentError, ResponseStatusError } from '../../errors.js';
import type { Oid } from '../../smi/oid.js';
import { formatSnmprec } from '../../smi/snmprec.js';
import { isException, type VarBind } from '../../smi/types.js';
import { leadingNumber } from '../args/app-options.js';
import { parseCommon } from '../args/snmpcmd.js';
import { type CliIo, type Parsed, problem } from '../io.js';
import { failureOf, statusErrorText, writeFailure } from '../report.js';
import { closeCliSession, openCliSession } from '../session.js';
import { commandNamer } from '../mibs.js';
import { QueryContext, reportUsage } from './context.js';
import { Progress } from './progress.js';

/** Runs `tsnmp record ARGS`; resolves with the exit status. */
export async function runRecord(argv: readonly string[], io: CliIo): Promise<number> {
  const name = 'tsnmp record';
  let output: string | undefined;
  let check = true;
  let getNext = false;
  let nonRepeaters = 0;
  let maxRepetitions = 25;
  const parsed = parseCommon(argv, {
    name,
    extraOptions: { o: 'required', output: 'required' },
    onExtraOption: (_n, value) => {
      output = value;
      return undefined;
    },
    onAppOptions: (letters): Parsed<void> | undefined => {
      let rest = letters;
      while (rest.length > 0) {
        const c = rest[0]!;
        rest = rest.slice(1);
        if (c === 'c') check = false;
        else if (c === 'B') getNext = true;
        else if (c === 'n' || c === 'r') {
          const n = leadingNumber(rest);
          if (n === undefined || n.value < 0 || (c === 'r' && n.value === 0)) return problem('');
          if (c === 'n') nonRepeaters = n.value;
          else maxRepetitions = n.value;
          rest = n.rest;
        } else return problem(`Unknown flag passed to -C: ${c}`, false);
      }
      return undefined;
    },
  });
  if (!parsed.ok) return reportUsage(io, 'record', parsed);
  const common = parsed.value;
  const ctx = new QueryContext(name, common, io, await commandNamer(common, io, name));
  let roots: Oid[];
  try {
    roots = (common.operands.length > 1 ? common.operands.slice(1) : ['.1.3.6.1']).map((t) => ctx.parseOid(t));
  } catch (err) {
    io.stderr(`${(err as Error).message}\n`);
    return 1;
  }
  let s: Awaited<ReturnType<typeof openCliSession>>;
  try {
    s = await openCliSession(common, ctx.agent, io, { maxRepetitions });
  } catch (err) {
    if (err instanceof InvalidArgumentError) {
      io.stderr(`${name}: Unknown host (${ctx.agent}) (${err.message})\n`);
      return 1;
    }
    throw err;
  }
  const records = new Map<string, VarBind>();
  const progress = io.stderrIsTTY && !common.dump ? new Progress(io) : undefined;
  let status = 0;
  try {
    for (const root of roots) {
      const options = { checkIncreasing: check, getRequestedIfEmpty: false, ...(io.signal === undefined ? {} : { signal: io.signal }) };
      const walk = getNext || common.version === 'v1' ? s.session.walk(root, options) : s.session.bulkWalk(root, { ...options, nonRepeaters, maxRepetitions });
      for await (const vb of walk) {
        if (isException(vb)) continue;
        records.set(vb.oid.toString(), vb);
        progress?.update(records.size);
      }
    }
  } catch (err) {
    progress?.clear();
    if (err instanceof ResponseStatusError) {
      io.stderr(statusErrorText(ctx.printer, err, true));
      status = 2;
    } else {
      status = writeFailure(io, failureOf(err, name, ctx.agent, false));
    }
  } finally {
    progress?.clear();
    await closeCliSession(s);
  }
  if (status !== 0) return status;
  const sorted = [...records.values()].sort((a, b) => a.oid.compare(b.oid));
  const text = formatSnmprec(sorted);
  if (output === undefined) {
    io.stdout(text);
    return 0;
  }
  const tmp = `${output}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, output);
  } catch (err) {
    rmSync(tmp, { force: true });
    io.stderr(`${name}: cannot write ${output}: ${(err as Error).message}\n`);
    return 1;
  }
  io.stderr(`Recorded ${sorted.length} variables to ${output}\n`);
  return 0;
}
