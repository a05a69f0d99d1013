/**
 * The OID tree of a store: one node per OID that some loaded module names, each with the
 * descriptors registered there. When several modules define the same descriptor at the
 * same OID (IF-MIB, RFC1213-MIB and RFC1158-MIB all define ifDescr), the node keeps one
 * label with every defining module in load order; the first module is the one names are
 * printed with, as net-snmp does.
 */
import { Oid, oidFromTrustedArcs } from '../smi/oid.js';
import type { MibObject } from './model.js';

/** A descriptor at a node. */
export interface MibLabel {
  /** The descriptor. */
  readonly name: string;
  /** The modules that define it here, in load order. */
  readonly modules: string[];
  /** The first full definition of it here (undefined for names only written inside OID values). */
  object: MibObject | undefined;
  /** True for net-snmp's placeholder names of unnamed arcs (`anonymous#3`). */
  readonly anonymous: boolean;
}

/** A node of the OID tree. */
export class MibNode {
  /** The last arc of this node's OID. */
  readonly arc: number;
  /** The parent (undefined for the root, which has no OID). */
  readonly parent: MibNode | undefined;
  /** Number of arcs of this node's OID. */
  readonly depth: number;
  /** Labels in the order they were added; `labels[0]` names the node. */
  readonly labels: MibLabel[] = [];
  /** Children sorted by arc (binary search; most nodes have few). */
  #children: MibNode[] | undefined;
  #oid: Oid | undefined;

  constructor(arc: number, parent: MibNode | undefined) {
    this.arc = arc;
    this.parent = parent;
    this.depth = parent === undefined ? 0 : parent.depth + 1;
  }

  /** The node's OID. */
  get oid(): Oid {
    let o = this.#oid;
    if (o === undefined) {
      const arcs = new Uint32Array(this.depth);
      let n: MibNode | undefined = this;
      for (let i = this.depth - 1; i >= 0; i--) {
        arcs[i] = n!.arc;
        n = n!.parent;
      }
      o = oidFromTrustedArcs(arcs);
      this.#oid = o;
    }
    return o;
  }

  /** The descriptor that names this node (the first label), if any. */
  get name(): string | undefined {
    return this.labels[0]?.name;
  }

  /** The definition behind the node's name, if any. */
  get object(): MibObject | undefined {
    const l = this.labels[0];
    if (l === undefined) return undefined;
    if (l.object !== undefined) return l.object;
    for (const x of this.labels) if (x.object !== undefined) return x.object;
    return undefined;
  }

  /** Index of the child with `arc`, or -(insertion point + 1). */
  #search(arc: number): number {
    const c = this.#children!;
    let lo = 0;
    let hi = c.length - 1;
    // Definitions mostly come in increasing order: check the end first.
    if (hi >= 0 && c[hi]!.arc < arc) return -(hi + 2);
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const a = c[mid]!.arc;
      if (a < arc) lo = mid + 1;
      else if (a > arc) hi = mid - 1;
      else return mid;
    }
    return -(lo + 1);
  }

  /** The child at `arc`, if any. */
  child(arc: number): MibNode | undefined {
    if (this.#children === undefined) return undefined;
    const i = this.#search(arc);
    return i >= 0 ? this.#children[i] : undefined;
  }

  /** The child at `arc`, created if missing. */
  ensureChild(arc: number): MibNode {
    const c = this.#children;
    if (c === undefined) {
      const n = new MibNode(arc, this);
      this.#children = [n];
      return n;
    }
    const i = this.#search(arc);
    if (i >= 0) return c[i]!;
    const n = new MibNode(arc, this);
    const at = -i - 1;
    if (at === c.length) c.push(n);
    else c.splice(at, 0, n);
    return n;
  }

  /** The children in increasing arc order. */
  children(): readonly MibNode[] {
    return this.#children ?? NO_CHILDREN;
  }

  /** Number of children. */
  get childCount(): number {
    return this.#children?.length ?? 0;
  }

  /** The label with that descriptor, if any. */
  label(name: string): MibLabel | undefined {
    for (const l of this.labels) if (l.name === name) return l;
    return undefined;
  }
}

/** The tree: the root (no OID) with the ASN.1 roots ccitt(0), iso(1), joint-iso-ccitt(2). */
export class MibTree {
  /** The root above ccitt, iso and joint-iso-ccitt. */
  readonly root = new MibNode(0, undefined);
  /** Nodes by descriptor (one node, or several in creation order). */
  readonly #byName = new Map<string, MibNode | MibNode[]>();

  constructor() {
    // net-snmp makes the roots before it knows any module: their module is printed `#-1`.
    for (const [name, arc] of [['ccitt', 0], ['iso', 1], ['joint-iso-ccitt', 2]] as const) this.addLabel(this.root.ensureChild(arc), name, ROOT_MODULE, undefined, false);
  }

  /** The node for an OID given as arcs, created with its ancestors if missing. */
  ensure(arcs: ArrayLike<number>): MibNode {
    let n = this.root;
    for (let i = 0; i < arcs.length; i++) n = n.ensureChild(arcs[i]!);
    return n;
  }

  /** The node with exactly this OID, if any. */
  find(oid: Oid | ArrayLike<number>): MibNode | undefined {
    const arcs = oid instanceof Oid ? oid.toArray() : oid;
    let n: MibNode | undefined = this.root;
    for (let i = 0; i < arcs.length && n !== undefined; i++) n = n.child(arcs[i]!);
    return n;
  }

  /** The deepest existing node on the path of `arcs`, and how many arcs it covers. */
  closest(arcs: ArrayLike<number>): { node: MibNode; matched: number } {
    let n = this.root;
    let i = 0;
    for (; i < arcs.length; i++) {
      const c = n.child(arcs[i]!);
      if (c === undefined) break;
      n = c;
    }
    return { node: n, matched: i };
  }

  /**
   * Adds a descriptor at a node. An existing label of that name gets `module` appended
   * to its module list; an anonymous label gives way to a real name.
   */
  addLabel(node: MibNode, name: string, module: string, object: MibObject | undefined, anonymous: boolean): MibLabel {
    const labels = node.labels;
    let anon = -1;
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i]!;
      if (l.name === name) {
        if (module !== '' && !l.modules.includes(module)) l.modules.push(module);
        if (l.object === undefined && object !== undefined) l.object = object;
        return l;
      }
      if (l.anonymous && anon < 0) anon = i;
    }
    if (anonymous && labels.length > 0) return labels[0]!;
    const label: MibLabel = { name, modules: module === '' ? [] : [module], object, anonymous };
    if (anon >= 0 && !anonymous) {
      // net-snmp merges an anonymous node into the named one that arrives later.
      this.#unindex(node, labels[anon]!);
      labels[anon] = label;
    } else labels.push(label);
    const had = this.#byName.get(name);
    if (had === undefined) this.#byName.set(name, node);
    else if (Array.isArray(had)) had.push(node);
    else this.#byName.set(name, [had, node]);
    return label;
  }

  #unindex(node: MibNode, label: MibLabel): void {
    const had = this.#byName.get(label.name);
    if (had === node) this.#byName.delete(label.name);
    else if (Array.isArray(had)) {
      const i = had.indexOf(node);
      if (i >= 0) had.splice(i, 1);
      if (had.length === 1) this.#byName.set(label.name, had[0]!);
    }
  }

  /** Every node carrying a descriptor, in the order those labels were created. */
  byName(name: string): readonly { node: MibNode; label: MibLabel }[] {
    const had = this.#byName.get(name);
    if (had === undefined) return EMPTY;
    const nodes = Array.isArray(had) ? had : [had];
    return nodes.map((node) => ({ node, label: node.label(name)! }));
  }

  /** The most recently labelled node carrying a descriptor, if any. */
  lastByName(name: string): MibNode | undefined {
    const had = this.#byName.get(name);
    return Array.isArray(had) ? had[had.length - 1] : had;
  }
}

/** The module name net-snmp shows for the roots of the tree. */
export const ROOT_MODULE = '#-1';

const NO_CHILDREN: readonly MibNode[] = [];
const EMPTY: readonly { node: MibNode; label: MibLabel }[] = [];
