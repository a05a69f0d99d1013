/**
 * `tsnmp get`, `tsnmp getnext` and `tsnmp bulkget`: net-snmp's snmpget, snmpgetnext and
 * snmpbulkget. On an error status they print `Error in packet`, `Reason:` and `Failed
 * object:`, exit with status 2, and (get and getnext, unless `-Cf`) send the request again
 * without the failed varbind, as net-snmp's `snmp_fix_pdu` does.
 */
import { InvalidArgumentError } from '../../errors.js';
import type { BasicPdu, GetBulkPdu } from '../../pdu/types.js';
import type { Oid } from '../../smi/oid.js';
import { nullVarBind } from '../../smi/values.js';
import type { VarBind } from '../../smi/types.js';
import { leadingNumber } from '../args/app-options.js';
import { parseCommon } from '../args/snmpcmd.js';
import { type CliIo, type Parsed, problem } from '../io.js';
import { failureOf, packetErrorText, writeFailure } from '../report.js';
import { closeCliSession, openCliSession } from '../session.js';
import { commandNamer } from '../mibs.js';
import { QueryContext, reportUsage } from './context.js';

/** The three get commands. */
export type GetKind = 'get' | 'getnext' | 'bulkget';

const PDU_TYPE = { get: 'GetRequest', getnext: 'GetNextRequest' } as const;

/** Runs `tsnmp get|getnext|bulkget ARGS`; resolves with the exit status. */
export async function runGet(kind: GetKind, argv: readonly string[], io: CliIo): Promise<number> {
  const name = `tsnmp ${kind}`;
  let dontFix = false;
  let nonRepeaters = 0;
  let maxRepetitions = 10;
  const parsed = parseCommon(argv, {
    name,
    onAppOptions: (letters): Parsed<void> | undefined => {
      let rest = letters;
      while (rest.length > 0) {
        const c = rest[0]!;
        rest = rest.slice(1);
        if (kind !== 'bulkget' && c === 'f') dontFix = true;
        else if (kind === 'bulkget' && (c === 'n' || c === 'r')) {
          const n = leadingNumber(rest);
          if (n === undefined) return problem('');
          // snmpbulkget takes a negative number and its library refuses to send the PDU:
          // one line naming the field, no usage, status 1.
          if (n.value < 0) return problem(`${name}: Bad value for ${c === 'n' ? 'non-repeaters' : 'max-repetitions'}`, false);
          if (c === 'n') nonRepeaters = n.value;
          else maxRepetitions = n.value;
          rest = n.rest;
        } else {
          return problem(`Unknown flag passed to -C: ${c}`, false);
        }
      }
      return undefined;
    },
  });
  if (!parsed.ok) return reportUsage(io, kind, parsed);
  const common = parsed.value;
  if (common.operands.length < 2) return reportUsage(io, kind, { message: 'Missing object name' });
  const ctx = new QueryContext(name, common, io, await commandNamer(common, io, name));
  // snmpget reads every name and reports each one that does not resolve before it stops.
  const oids: Oid[] = [];
  let failures = 0;
  for (const t of common.operands.slice(1)) {
    try {
      oids.push(ctx.parseOid(t));
    } catch (err) {
      if (!(err instanceof InvalidArgumentError)) throw err;
      io.stderr(`${err.message}\n`);
      failures++;
    }
  }
  if (failures > 0) return 1;
  if (kind === 'bulkget' && common.version === 'v1') {
    io.stderr(`${name}: Cannot send V2 PDU on V1 session\n`);
    return 1;
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
    let vbs: VarBind[] = oids.map((o) => nullVarBind(o));
    for (;;) {
      const pdu: BasicPdu | GetBulkPdu =
        kind === 'bulkget'
          ? { type: 'GetBulkRequest', requestId: 0, nonRepeaters, maxRepetitions, varbinds: vbs }
          : { type: PDU_TYPE[kind], requestId: 0, errorStatus: 0, errorIndex: 0, varbinds: vbs };
      const res = await s.session.request(pdu, io.signal === undefined ? undefined : { signal: io.signal });
      if (res.errorStatus === 0) {
        for (const vb of res.varbinds) ctx.varbind(vb);
        break;
      }
      if (kind === 'bulkget' && res.errorStatus === 2) {
        // snmpbulkget reads noSuchName as the end of the MIB view.
        ctx.line('End of MIB.');
        break;
      }
      const failed = res.varbinds.length >= res.errorIndex ? res.varbinds : vbs;
      ctx.error(packetErrorText(ctx.printer, res.errorStatus, res.errorIndex, failed, kind !== 'get'));
      status = 2;
      // snmp_fix_pdu: drop the failed varbind and ask again, when one is named and others remain.
      if (kind === 'bulkget' || dontFix || res.errorIndex < 1 || res.errorIndex > vbs.length) break;
      vbs = vbs.filter((_, i) => i !== res.errorIndex - 1);
      if (vbs.length === 0) break;
    }
  } catch (err) {
    ctx.flush();
    status = writeFailure(io, failureOf(err, name, ctx.agent, kind !== 'bulkget'));
  } finally {
    ctx.flush();
    await closeCliSession(s);
  }
  return status;
}
