/**
 * `tsnmp table`: net-snmp's snmptable. The table's rows come from the manager's table
 * reader (the entry `TABLE.1` walked with GetBulk, GetNext over SNMPv1 or with `-CB`).
 * When the loaded MIB modules know the table, the columns are the MIB's, as snmptable
 * takes them (every column of the entry that is not `not-accessible`, `?` for a cell
 * without a value, even in a column without any; see format/table-columns.ts), and with
 * GetBulk a column the agent has beyond them gives snmptable's `TABLE: WARNING: More
 * columns on agent than in MIB` line. Without a MIB, the columns are those the agent has,
 * labelled by number (where net-snmp, which needs the MIB to know a table, says "Was that
 * a table?"). Column labels are the last part of each column's printed name. Values print
 * as snmptable prints them: quick print on unless `-Oq` turns it off.
 */
import { InvalidArgumentError, ResponseStatusError } from '../../errors.js';
import type { TableRow } from '../../manager/table.js';
import type { Oid } from '../../smi/oid.js';
import { isException, type VarBind } from '../../smi/types.js';
import { leadingNumber } from '../args/app-options.js';
import { parseCommon } from '../args/snmpcmd.js';
import { varBindJsonLine } from '../format/json.js';
import { renderTable, type TableLayout } from '../format/table-render.js';
import { type CliIo, type Parsed, problem } from '../io.js';
import { failureOf, statusErrorText, writeFailure } from '../report.js';
import { closeCliSession, openCliSession } from '../session.js';
import { commandNamer } from '../mibs.js';
import { QueryContext, reportUsage } from './context.js';

interface TableFlags extends TableLayout {
  getNext: boolean;
  maxRepetitions: number;
}

function appOptions(f: TableFlags) {
  return (letters: string, next: () => string | undefined): Parsed<void> | undefined => {
    for (const c of letters) {
      switch (c) {
        case 'b':
          f.brief = true;
          break;
        case 'B':
          f.getNext = true;
          break;
        case 'h':
          f.headersOnly = true;
          break;
        case 'H':
          f.noHeaders = true;
          break;
        case 'i':
          f.showIndex = true;
          break;
        case 'l':
          f.leftJustify = true;
          break;
        case 'f': {
          const word = next();
          if (word === undefined) return problem('Bad -Cf option: no argument given');
          f.separator = word;
          break;
        }
        case 'c':
        case 'w':
        case 'r': {
          const word = next();
          if (word === undefined) return problem(`Bad -C${c} option: no argument given`);
          const n = leadingNumber(word)?.value ?? 0;
          if ((c === 'c' && n <= 2) || (c !== 'c' && n <= 0)) return problem(`Bad -C${c} option: ${word}`);
          if (c === 'c') f.columnWidth = n;
          else if (c === 'w') f.maxWidth = n;
          else f.maxRepetitions = n;
          break;
        }
        default:
          return problem(`Bad option after -C: ${c}`);
      }
    }
    return undefined;
  };
}

/** The label of a column: its printed name after the last `.` (or `::`). */
function labelOf(printed: string): string {
  const dot = printed.lastIndexOf('.');
  if (dot >= 0) return printed.slice(dot + 1);
  const colon = printed.lastIndexOf(':');
  return colon >= 0 ? printed.slice(colon + 1) : printed;
}

/** Rows from a GetNext walk of the entry (`-CB`), grouped by index. */
async function* rowsByWalk(walk: AsyncIterable<VarBind>, entry: Oid): AsyncGenerator<TableRow> {
  const rows = new Map<string, { index: Oid; columns: Map<number, VarBind> }>();
  for await (const vb of walk) {
    if (isException(vb) || vb.oid.length <= entry.length + 1 || !vb.oid.startsWith(entry)) continue;
    const index = vb.oid.slice(entry.length + 1);
    const key = index.toString();
    let row = rows.get(key);
    if (row === undefined) {
      row = { index, columns: new Map() };
      rows.set(key, row);
    }
    row.columns.set(vb.oid.at(entry.length)!, vb);
  }
  yield* [...rows.values()].sort((a, b) => a.index.compare(b.index));
}

/** Runs `tsnmp table ARGS`; resolves with the exit status. */
export async function runTable(argv: readonly string[], io: CliIo): Promise<number> {
  const name = 'tsnmp table';
  const f: TableFlags = { getNext: false, maxRepetitions: 10 };
  const parsed = parseCommon(argv, {
    name,
    onAppOptions: appOptions(f),
    // snmptable prints values with quick print on; -Oq turns it off.
    outputDefaults: (o) => {
      o.quickPrint = true;
    },
  });
  if (!parsed.ok) return reportUsage(io, 'table', parsed);
  const common = parsed.value;
  if (common.operands.length !== 2) return reportUsage(io, 'table', { message: 'Must have exactly one table name' });
  const ctx = new QueryContext(name, common, io, await commandNamer(common, io, name));
  let table: Oid;
  try {
    table = ctx.parseOid(common.operands[1]!);
  } catch (err) {
    io.stderr(`${(err as Error).message}\n`);
    return 1;
  }
  const fromMib = ctx.printer.namer.tableColumns?.(table);
  const entry = fromMib?.entry ?? table.child(1);
  // snmptable asks nothing of the agent for -Ch: it knows the columns from the MIB.
  if (f.headersOnly === true && fromMib !== undefined && !common.json) {
    io.stdout(renderTable({ name: ctx.printer.oid(table), labels: fromMib.columns.map((n) => labelOf(ctx.printer.oid(entry.child(n)))), rows: [] }, f));
    return 0;
  }
  let s: Awaited<ReturnType<typeof openCliSession>>;
  try {
    s = await openCliSession(common, ctx.agent, io, { maxRepetitions: f.maxRepetitions });
  } catch (err) {
    if (err instanceof InvalidArgumentError) {
      io.stderr(`${name}: Unknown host (${ctx.agent}) (${err.message})\n`);
      return 1;
    }
    throw err;
  }
  const signal = io.signal === undefined ? {} : { signal: io.signal };
  const rows: TableRow[] = [];
  let status = 0;
  try {
    const source = f.getNext ? rowsByWalk(s.session.walk(entry, { getRequestedIfEmpty: false, ...signal }), entry) : s.session.table(entry, { maxRepetitions: f.maxRepetitions, ...signal });
    for await (const row of source) rows.push(row);
  } catch (err) {
    if (err instanceof ResponseStatusError) {
      ctx.error(statusErrorText(ctx.printer, err, true));
      status = 2;
    } else {
      status = writeFailure(io, failureOf(err, name, ctx.agent, false));
    }
  } finally {
    await closeCliSession(s);
  }
  if (status !== 0) return status;
  if (common.json) {
    for (const row of rows) for (const vb of [...row.columns.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1])) ctx.line(varBindJsonLine(vb).trimEnd());
    ctx.flush();
    return 0;
  }
  const found = [...new Set(rows.flatMap((r) => [...r.columns.keys()]))].sort((a, b) => a - b);
  const columnNums = fromMib === undefined ? found : [...fromMib.columns];
  // With the MIB's columns, snmptable makes a row only for a value in one of them, and
  // with GetBulk (which walks the whole entry) lists the rows in the order the walk first
  // meets them: by the first column they have a value in, then by index.
  const known = new Set(columnNums);
  const bulk = !f.getNext && common.version !== 'v1';
  const extraColumns = fromMib !== undefined && bulk && found.some((n) => !known.has(n));
  if (fromMib !== undefined) {
    const firstColumn = (r: TableRow): number => Math.min(...[...r.columns.keys()].filter((n) => known.has(n)));
    const kept = rows.filter((r) => [...r.columns.keys()].some((n) => known.has(n)));
    if (bulk) kept.sort((a, b) => firstColumn(a) - firstColumn(b) || a.index.compare(b.index));
    rows.splice(0, rows.length, ...kept);
  }
  const printedTable = ctx.printer.oid(table);
  const labels = columnNums.map((n) => labelOf(ctx.printer.oid(entry.child(n))));
  const data = {
    name: printedTable,
    labels,
    rows: rows.map((r) => {
      const first = r.columns.get(columnNums.find((n) => r.columns.has(n))!)!;
      const colPrinted = ctx.printer.oid(first.oid.slice(0, entry.length + 1));
      const full = ctx.printer.oid(first.oid);
      const index = full.startsWith(`${colPrinted}.`) ? full.slice(colPrinted.length + 1) : r.index.toString();
      return {
        index,
        cells: columnNums.map((n) => {
          const vb = r.columns.get(n);
          return vb === undefined ? undefined : ctx.printer.value(vb).replace(/\n/g, ' ');
        }),
      };
    }),
  };
  io.stdout(renderTable(data, f) + (extraColumns ? `${printedTable}: WARNING: More columns on agent than in MIB\n` : ''));
  return 0;
}

