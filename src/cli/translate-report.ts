/**
 * snmptranslate's OID reports for every node loaded (`-Tl`, `-To`, `-Ts`, `-Tz`, any
 * combination): depth first by arc, every label of a node from the newest to the oldest,
 * children under the oldest label (net-snmp hangs them there), and for each label the
 * enabled forms in net-snmp's order: labeled, numeric, symbolic, child OID. The `-Tz`
 * report alone is the MIB layer's `oidReport()`; this walk gives the same order for the
 * other forms.
 */
import type { MibStore } from '../mib/store.js';
import type { MibNode } from '../mib/tree.js';

/** The forms of the report (snmptranslate's `-T` letters). */
export interface OidReportForms {
  /** `-Tl`: `.iso(1).org(3)`. */
  readonly labeled: boolean;
  /** `-To`: `.1.3`. */
  readonly numeric: boolean;
  /** `-Ts`: `.iso.org`. */
  readonly symbolic: boolean;
  /** `-Tz`: `"org"\t\t\t"1.3"`. */
  readonly child: boolean;
}

/** The names net-snmp gives the three roots when no module names them. */
const ROOT_NAMES: Readonly<Record<number, string>> = { 0: 'ccitt', 1: 'iso', 2: 'joint-iso-ccitt' };

/** The report of every node loaded in the given forms. */
export function oidReportForms(store: MibStore, forms: OidReportForms): string {
  const out: string[] = [];
  for (const arc of [1, 0, 2]) {
    const r = store.tree.root.child(arc);
    if (r === undefined) continue;
    const name = r.labels[0]?.name ?? ROOT_NAMES[arc]!;
    walk(r, { labeled: `.${name}(${arc})`, numeric: `.${arc}`, symbolic: `.${name}` }, forms, out);
  }
  return out.join('');
}

interface Prefix {
  readonly labeled: string;
  readonly numeric: string;
  readonly symbolic: string;
}

function walk(n: MibNode, p: Prefix, forms: OidReportForms, out: string[]): void {
  for (const c of n.children()) {
    const labels = c.labels;
    if (labels.length === 0) continue;
    const numeric = `${p.numeric}.${c.arc}`;
    for (let i = labels.length - 1; i >= 0; i--) {
      const name = labels[i]!.name;
      if (forms.labeled) out.push(`${p.labeled}.${name}(${c.arc})\n`);
      if (forms.numeric) out.push(`${numeric}\n`);
      if (forms.symbolic) out.push(`${p.symbolic}.${name}\n`);
      if (forms.child) out.push(`"${name}"\t\t\t"${numeric.slice(1)}"\n`);
    }
    const oldest = labels[0]!.name;
    walk(c, { labeled: `${p.labeled}.${oldest}(${c.arc})`, numeric, symbolic: `${p.symbolic}.${oldest}` }, forms, out);
  }
}
