/**
 * `tsnmp set`: net-snmp's snmpset. `OID TYPE VALUE` triples (see set-values.ts for the
 * type letters); options end at the agent, as in snmpset, so that `i -1` is a value. On
 * success the agent's varbinds are printed (unless `-Cq`); on an error status, net-snmp's
 * `Error in packet.` lines and exit status 2.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { VarBind } from '../../smi/types.js';
import { parseSetValue, SET_TYPE_LETTERS } from '../args/set-values.js';
import { parseCommon } from '../args/snmpcmd.js';
import { type CliIo, type Parsed, problem } from '../io.js';
import { failureOf, packetErrorText, writeFailure } from '../report.js';
import { closeCliSession, openCliSession } from '../session.js';
import { commandNamer } from '../mibs.js';
import { QueryContext, reportUsage } from './context.js';

/** Runs `tsnmp set ARGS`; resolves with the exit status. */
export async function runSet(argv: readonly string[], io: CliIo): Promise<number> {
  const name = 'tsnmp set';
  let quiet = false;
  const parsed = parseCommon(argv, {
    name,
    stopAtOperand: true,
    onAppOptions: (letters): Parsed<void> | undefined => {
      for (const c of letters) {
        if (c === 'q') quiet = true;
        else return problem(`Unknown flag passed to -C: ${c}`, false);
      }
      return undefined;
    },
  });
  if (!parsed.ok) return reportUsage(io, 'set', parsed);
  const common = parsed.value;
  const triples = common.operands.slice(1);
  if (triples.length === 0) return reportUsage(io, 'set', { message: 'Missing object name' });
  // snmpset checks the shape and the type letters of every triple before reading values.
  for (let i = 0; i < triples.length; i += 3) {
    const oid = triples[i]!;
    if (i + 1 >= triples.length) return reportUsage(io, 'set', { message: `${oid}: Needs type and value`, usage: false });
    if (i + 2 >= triples.length) return reportUsage(io, 'set', { message: `${oid}: Needs value`, usage: false });
    const type = triples[i + 1]!;
    if (type.length !== 1 || !(SET_TYPE_LETTERS.includes(type) || type === '=')) return reportUsage(io, 'set', { message: `${oid}: Bad object type: ${type}`, usage: false });
  }
  const ctx = new QueryContext(name, common, io, await commandNamer(common, io, name));
  const varbinds: VarBind[] = [];
  for (let i = 0; i < triples.length; i += 3) {
    const text = triples[i]!;
    let oid;
    try {
      oid = ctx.parseOid(text);
    } catch (err) {
      io.stderr(`${(err as Error).message}\n`);
      return 1;
    }
    try {
      const [type, value] = [triples[i + 1]!, triples[i + 2]!];
      // With MIBs, the object's syntax decides (snmpset's checks and its `=` type).
      const vb = ctx.printer.namer.setValue?.(oid, type, value);
      if (vb === undefined && type === '=') throw new InvalidArgumentError('Bad variable type ("=")');
      varbinds.push(vb ?? parseSetValue(oid, type, value, (t) => ctx.printer.namer.parse(t)));
    } catch (err) {
      io.stderr(`${text}: ${(err as Error).message}\n`);
      return 1;
    }
  }
  let s: Awaited<ReturnType<typeof openCliSession>>;
  try {
    s = await openCliSession(common, ctx.agent, io);
  } catch (err) {
    if (err instanceof InvalidArgumentError) {
      io.stderr(`${name}: Unknown host (${ctx.agent}) (${err.message})\n`);
      return 1;
    }
    throw err;
  }
  let status = 0;
  try {
    const res = await s.session.request(
      { type: 'SetRequest', requestId: 0, errorStatus: 0, errorIndex: 0, varbinds },
      io.signal === undefined ? undefined : { signal: io.signal },
    );
    if (res.errorStatus === 0) {
      if (!quiet) for (const vb of res.varbinds) ctx.varbind(vb);
    } else {
      const failed = res.varbinds.length >= res.errorIndex ? res.varbinds : varbinds;
      ctx.error(packetErrorText(ctx.printer, res.errorStatus, res.errorIndex, failed, true));
      status = 2;
    }
  } catch (err) {
    ctx.flush();
    status = writeFailure(io, failureOf(err, name, ctx.agent, false));
  } finally {
    ctx.flush();
    await closeCliSession(s);
  }
  return status;
}
