/**
 * A table laid out as net-snmp 5.9's snmptable prints it (`print_table`): right-aligned
 * columns one space apart (`-Cl` left-aligned), `-Cf SEP` separated fields, `-Cc N` fixed
 * widths, `-Cw N` parts, `-Ci` the index column, `-Cb` brief labels, `-Ch`/`-CH` headers
 * only or none, `?` for a missing cell, and `NAME: No entries` for an empty table.
 */

/** How the table is laid out (the `-C` letters). */
export interface TableLayout {
  /** `-Cf SEP`. */
  separator?: string | undefined;
  /** `-Cc N`: every column N characters wide (values cut to N-1). */
  columnWidth?: number | undefined;
  /** `-Cw N`: print in parts no wider than N. */
  maxWidth?: number | undefined;
  /** `-Cl`. */
  leftJustify?: boolean;
  /** `-Ci`. */
  showIndex?: boolean;
  /** `-Cb`. */
  brief?: boolean;
  /** `-Ch`. */
  headersOnly?: boolean;
  /** `-CH`. */
  noHeaders?: boolean;
}

/** A table to print. */
export interface TableData {
  /** The table's name as printed (`TSNMP-TEST-MIB::testTable`, `.1.3.6.1.2.1.2.2`). */
  readonly name: string;
  /** Column labels. */
  readonly labels: readonly string[];
  /** Rows: the index text and one cell per label (undefined: no value). */
  readonly rows: readonly { readonly index: string; readonly cells: readonly (string | undefined)[] }[];
}

function pad(text: string, width: number, left: boolean): string {
  if (text.length >= width) return text;
  return left ? text + ' '.repeat(width - text.length) : ' '.repeat(width - text.length) + text;
}

/** snmptable's `-Cb`: labels lose the prefix they all share. */
export function briefLabels(labels: readonly string[]): string[] {
  if (labels.length < 2) return [...labels];
  let common = labels[0]!.length;
  for (let i = 1; i < labels.length; i++) {
    const a = labels[i - 1]!;
    const b = labels[i]!;
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    if (n < common) common = n;
  }
  return labels.map((l) => l.slice(common));
}

/** The whole output of snmptable for the data (every line ends with a newline). */
export function renderTable(data: TableData, layout: TableLayout = {}): string {
  const left = layout.leftJustify ?? false;
  const showIndex = layout.showIndex ?? false;
  const noHeaders = layout.noHeaders ?? false;
  const headersOnly = layout.headersOnly ?? false;
  const sep = layout.separator;
  const cw = layout.columnWidth === undefined ? 0 : layout.columnWidth - 1;
  const maxWidth = layout.maxWidth ?? 0;
  const labels = layout.brief === true ? briefLabels(data.labels) : [...data.labels];
  const rows = headersOnly ? [] : data.rows;
  const widths = labels.map((l) => l.length);
  let indexWidth = 'index '.length;
  for (const r of rows) {
    // snmptable turns newlines inside values into spaces.
    r.cells.forEach((c, i) => {
      if (c !== undefined && c.length > widths[i]!) widths[i] = c.length;
    });
    if (r.index.length > indexWidth) indexWidth = r.index.length;
  }
  const field = (i: number, text: string): string => {
    if (cw !== 0) return pad(text.slice(0, cw), cw + 1, left);
    if (sep === undefined) return pad(text, widths[i]! + 1, left);
    if (i === 0 && !showIndex) return text;
    return sep + text;
  };
  const indexField = (text: string): string => {
    if (cw !== 0) return `\nindex: ${text}\n`;
    if (sep === undefined) return pad(text, indexWidth, left);
    return text;
  };
  let out = '';
  if (!noHeaders && !headersOnly && (rows.length > 0 || headersOnly)) out += `SNMP table: ${data.name}\n\n`;
  if (rows.length > 0 || headersOnly) {
    let last = 0;
    let part = 0;
    while (last !== labels.length) {
      part++;
      if (part !== 1 && !noHeaders) out += `\nSNMP table ${data.name}, part ${part}\n\n`;
      const first = last;
      let width = 0;
      if (showIndex && !noHeaders && cw === 0) {
        width = indexWidth;
        out += indexField('index');
      }
      let f = first;
      for (; f < labels.length; f++) {
        if (maxWidth !== 0) {
          if (cw !== 0) {
            if (!noHeaders) {
              width += cw + 1;
              if (f !== first && width > maxWidth) {
                out += '\n';
                width = cw + 1;
              }
            }
          } else {
            width += widths[f]! + 1;
            if (f !== first && width > maxWidth) break;
          }
        }
        if (!noHeaders) out += field(f, labels[f]!);
      }
      last = f;
      if (!noHeaders) out += '\n';
      for (const r of rows) {
        width = 0;
        if (showIndex) {
          if (cw === 0) width = indexWidth;
          out += indexField(r.index);
        }
        for (let g = first; g < last; g++) {
          if (cw !== 0 && maxWidth !== 0) {
            width += cw + 1;
            if (g !== first && width > maxWidth) {
              out += '\n';
              width = cw + 1;
            }
          }
          out += field(g, r.cells[g] ?? '?');
        }
        out += '\n';
      }
    }
  }
  if (rows.length === 0) out += `${data.name}: No entries\n`;
  return out;
}
