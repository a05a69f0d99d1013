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
  #children: Map<number, MibNode> | undefined;
  #sorted: MibNode[] | undefined;
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

  /** The child at `arc`, if any. */
  child(arc: number): MibNode | undefined {
    return this.#children?.get(arc);
  }

  /** The child at `arc`, created if missing. */
  ensureChild(arc: number): MibNode {
    let m = this.#children;
    if (m === undefined) {
      m = new Map();
      this.#children = m;
    }
    let c = m.get(arc);
    if (c === undefined) {
      c = new MibNode(arc, this);
      m.set(arc, c);
      this.#sorted = undefined;
    }
    return c;
  }

  /** The children in increasing arc order. */
  children(): readonly MibNode[] {
    let s = this.#sorted;
    if (s === undefined) {
      s = this.#children === undefined ? [] : [...this.#children.values()].sort((a, b) => a.arc - b.arc);
      this.#sorted = s;
    }
    return s;
  }

  /** Number of children. */
  get childCount(): number {
    return this.#children?.size ?? 0;
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
  /** Every (node, label) by descriptor, in the order the labels were created. */
  readonly #byName = new Map<string, { node: MibNode; label: MibLabel }[]>();

  constructor() {
    for (const [name, arc] of [['ccitt', 0], ['iso', 1], ['joint-iso-ccitt', 2]] as const) this.addLabel(this.root.ensureChild(arc), name, '', undefined, false);
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
    const list = this.#byName.get(name);
    if (list === undefined) this.#byName.set(name, [{ node, label }]);
    else list.push({ node, label });
    return label;
  }

  #unindex(node: MibNode, label: MibLabel): void {
    const list = this.#byName.get(label.name);
    if (list === undefined) return;
    const i = list.findIndex((e) => e.node === node && e.label === label);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.#byName.delete(label.name);
  }

  /** Every node carrying a descriptor, in the order those labels were created. */
  byName(name: string): readonly { node: MibNode; label: MibLabel }[] {
    return this.#byName.get(name) ?? EMPTY;
  }
}

const EMPTY: readonly { node: MibNode; label: MibLabel }[] = [];
