/**
 * The OID tree of a store: one node per OID that some loaded module names, each with the
 * descriptors registered there. When several modules define the same descriptor at the
 * same OID (IF-MIB, RFC1213-MIB and RFC1158-MIB all define ifDescr), the node keeps one
 * label with every defining module in load order; the first module is the one names are
 * printed with, as net-snmp does.
 *
 * The tree is kept in flat typed arrays (a whole corpus is some 130,000 nodes): linking a
 * module allocates next to nothing, and the garbage collector has nothing to walk.
 * {@link MibNode} and {@link MibLabel} are views made on first use; the index of
 * descriptors is built on the first lookup by name.
 */
import { Oid, oidFromTrustedArcs } from '../smi/oid.js';
import type { MibObject } from './model.js';
import { TreeStore } from './tree-store.js';

/** A descriptor at a node (a view on the tree). */
export class MibLabel {
  readonly #tree: TreeStore;
  /** The label's number in the tree (creation order). */
  readonly index: number;

  /** @internal */
  constructor(tree: TreeStore, index: number) {
    this.#tree = tree;
    this.index = index;
  }

  /** The descriptor. */
  get name(): string {
    return this.#tree.labelName[this.index]!;
  }

  /** The modules that define it here, in load order. */
  get modules(): string[] {
    return this.#tree.labelModules(this.index);
  }

  /** The first full definition of it here (undefined for names only written inside OID values). */
  get object(): MibObject | undefined {
    return this.#tree.labelObject(this.index);
  }

  /** True for net-snmp's placeholder names of unnamed arcs (`anonymous#3`). */
  get anonymous(): boolean {
    return this.#tree.labelAnon[this.index] === 1;
  }
}

/** A node of the OID tree (a view on the tree). */
export class MibNode {
  readonly #tree: MibTree;
  readonly #s: TreeStore;
  /** The node's number in the tree (the root is 0). */
  readonly index: number;
  #oid: Oid | undefined;
  #labels: MibLabel[] | undefined;
  #labelsVersion = -1;
  #children: MibNode[] | undefined;
  #childrenCount = -1;

  /** @internal */
  constructor(tree: MibTree, store: TreeStore, index: number) {
    this.#tree = tree;
    this.#s = store;
    this.index = index;
  }

  /** The last arc of this node's OID. */
  get arc(): number {
    return this.#s.arc[this.index]!;
  }

  /** The parent (undefined for the root, which has no OID). */
  get parent(): MibNode | undefined {
    return this.index === 0 ? undefined : this.#tree.nodeAt(this.#s.parent[this.index]!);
  }

  /** Number of arcs of this node's OID. */
  get depth(): number {
    return this.#s.depth[this.index]!;
  }

  /** The node's OID. */
  get oid(): Oid {
    let o = this.#oid;
    if (o === undefined) {
      const s = this.#s;
      const arcs = new Uint32Array(s.depth[this.index]!);
      let n = this.index;
      for (let i = arcs.length - 1; i >= 0; i--) {
        arcs[i] = s.arc[n]!;
        n = s.parent[n]!;
      }
      o = oidFromTrustedArcs(arcs);
      this.#oid = o;
    }
    return o;
  }

  /** Labels in the order they were added; `labels[0]` names the node. */
  get labels(): readonly MibLabel[] {
    const s = this.#s;
    if (this.#labels !== undefined && this.#labelsVersion === s.labelVersion) return this.#labels;
    const out: MibLabel[] = [];
    for (let l = s.firstLabel[this.index]!; l >= 0; l = s.labelNext[l]!) out.push(this.#tree.labelAt(l));
    this.#labels = out;
    this.#labelsVersion = s.labelVersion;
    return out;
  }

  /** The descriptor that names this node (the first label), if any. */
  get name(): string | undefined {
    const l = this.#s.firstLabel[this.index]!;
    return l >= 0 ? this.#s.labelName[l] : undefined;
  }

  /** The definition behind the node's name, if any (else the first label's that has one). */
  get object(): MibObject | undefined {
    const s = this.#s;
    for (let l = s.firstLabel[this.index]!; l >= 0; l = s.labelNext[l]!) {
      const o = s.labelObject(l);
      if (o !== undefined) return o;
    }
    return undefined;
  }

  /** The child at `arc`, if any. */
  child(arc: number): MibNode | undefined {
    const c = this.#s.findChild(this.index, arc);
    return c < 0 ? undefined : this.#tree.nodeAt(c);
  }

  /** The child at `arc`, created if missing. */
  ensureChild(arc: number): MibNode {
    return this.#tree.nodeAt(this.#s.ensureChild(this.index, arc));
  }

  /** The children in increasing arc order. */
  children(): readonly MibNode[] {
    const s = this.#s;
    const count = s.childCount[this.index]!;
    if (this.#children !== undefined && this.#childrenCount === count) return this.#children;
    const idx: number[] = [];
    for (let c = s.firstChild[this.index]!; c >= 0; c = s.nextSibling[c]!) idx.push(c);
    idx.sort((a, b) => s.arc[a]! - s.arc[b]!);
    const out = idx.map((c) => this.#tree.nodeAt(c));
    this.#children = out;
    this.#childrenCount = count;
    return out;
  }

  /** Number of children. */
  get childCount(): number {
    return this.#s.childCount[this.index]!;
  }

  /** The label with that descriptor, if any. */
  label(name: string): MibLabel | undefined {
    const s = this.#s;
    for (let l = s.firstLabel[this.index]!; l >= 0; l = s.labelNext[l]!) if (s.labelName[l] === name) return this.#tree.labelAt(l);
    return undefined;
  }
}

/** The tree: the root (no OID) with the ASN.1 roots ccitt(0), iso(1), joint-iso-ccitt(2). */
export class MibTree {
  /** @internal The flat storage. */
  readonly s: TreeStore;
  readonly #nodes: (MibNode | undefined)[] = [];
  readonly #labels: (MibLabel | undefined)[] = [];

  /**
   * @param resolve finds the definition a label refers to (given to {@link MibTree.addLabel}
   *   as `objectModule`, `objectIndex`). Default: none.
   */
  constructor(resolve?: (module: number, index: number) => MibObject | undefined) {
    this.s = new TreeStore(resolve);
    // net-snmp makes the roots before it knows any module: their module is printed `#-1`.
    const roots = [['ccitt', 0], ['iso', 1], ['joint-iso-ccitt', 2]] as const;
    for (const [name, arc] of roots) this.s.addLabel(this.s.ensureChild(0, arc), name, ROOT_MODULE, -1, -1, false);
  }

  /** The root above ccitt, iso and joint-iso-ccitt. */
  get root(): MibNode {
    return this.nodeAt(0);
  }

  /** Number of nodes (with the root). */
  get size(): number {
    return this.s.nodeCount;
  }

  /** @internal The view of node number `i`. */
  nodeAt(i: number): MibNode {
    let n = this.#nodes[i];
    if (n === undefined) {
      n = new MibNode(this, this.s, i);
      while (this.#nodes.length < i) this.#nodes.push(undefined);
      this.#nodes[i] = n;
    }
    return n;
  }

  /** @internal The view of label number `i`. */
  labelAt(i: number): MibLabel {
    let l = this.#labels[i];
    if (l === undefined) {
      l = new MibLabel(this.s, i);
      while (this.#labels.length < i) this.#labels.push(undefined);
      this.#labels[i] = l;
    }
    return l;
  }

  /** The node for an OID given as arcs, created with its ancestors if missing. */
  ensure(arcs: ArrayLike<number>): MibNode {
    return this.nodeAt(this.s.ensure(arcs, 0, arcs.length));
  }

  /** The node with exactly this OID, if any. */
  find(oid: Oid | ArrayLike<number>): MibNode | undefined {
    const arcs = oid instanceof Oid ? oid.toArray() : oid;
    let n = 0;
    for (let i = 0; i < arcs.length; i++) {
      n = this.s.findChild(n, arcs[i]!);
      if (n < 0) return undefined;
    }
    return this.nodeAt(n);
  }

  /** The deepest existing node on the path of `arcs`, and how many arcs it covers. */
  closest(arcs: ArrayLike<number>): { node: MibNode; matched: number } {
    let n = 0;
    let i = 0;
    for (; i < arcs.length; i++) {
      const c = this.s.findChild(n, arcs[i]!);
      if (c < 0) break;
      n = c;
    }
    return { node: this.nodeAt(n), matched: i };
  }

  /**
   * Adds a descriptor at a node. An existing label of that name gets `module` appended
   * to its module list; an anonymous label gives way to a real name.
   * @param objectModule with `objectIndex`, the definition behind the label for the
   *   resolver given to the constructor; -1 for none.
   */
  addLabel(node: MibNode, name: string, module: string, objectModule: number, objectIndex: number, anonymous: boolean): MibLabel {
    return this.labelAt(this.s.addLabel(node.index, name, module, objectModule, objectIndex, anonymous));
  }

  /** Every node carrying a descriptor, in the order those labels were created. */
  byName(name: string): readonly { node: MibNode; label: MibLabel }[] {
    const had = this.s.labelsNamed(name);
    if (had === undefined) return EMPTY;
    if (typeof had === 'number') return [{ node: this.nodeAt(this.s.labelNode[had]!), label: this.labelAt(had) }];
    return had.map((l) => ({ node: this.nodeAt(this.s.labelNode[l]!), label: this.labelAt(l) }));
  }

  /** The most recently labelled node carrying a descriptor, if any. */
  lastByName(name: string): MibNode | undefined {
    const had = this.s.labelsNamed(name);
    if (had === undefined) return undefined;
    return this.nodeAt(this.s.labelNode[typeof had === 'number' ? had : had[had.length - 1]!]!);
  }
}

/** The module name net-snmp shows for the roots of the tree. */
export const ROOT_MODULE = '#-1';

const EMPTY: readonly { node: MibNode; label: MibLabel }[] = [];
