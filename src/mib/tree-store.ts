/**
 * The flat storage of the OID tree: nodes and labels as numbers in typed arrays that
 * grow by doubling, children found through one open-addressing hash table keyed by
 * (parent, arc). Internal to the tree; {@link MibTree} gives the object views.
 */
import type { MibObject } from './model.js';
import type { StoredModule } from './stored-module.js';

/** Label flag values. */
const LIVE = 0;
const ANON = 1;
const DEAD = 2;

function grow<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array>(a: T, size: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  if (fill !== 0) b.fill(fill as never, a.length);
  return b;
}

/** The whole state of a {@link TreeStore}, for the cache (arrays cut to their used length). */
export interface TreeData {
  readonly nodeCount: number;
  readonly labelCount: number;
  readonly parent: Int32Array;
  readonly arc: Uint32Array;
  readonly depth: Uint16Array;
  readonly firstLabel: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly childCount: Int32Array;
  readonly table: Int32Array;
  readonly labelNode: Int32Array;
  readonly labelNext: Int32Array;
  readonly labelAnon: Uint8Array;
  readonly labelObjModule: Int32Array;
  readonly labelObjIndex: Int32Array;
  readonly labelName: readonly string[];
  readonly labelModule: readonly string[];
  readonly moreModules: readonly (readonly [number, readonly string[]])[];
}

/** @internal Flat nodes and labels. */
export class TreeStore {
  // Nodes.
  nodeCount = 1;
  parent: Int32Array = new Int32Array(1024);
  arc: Uint32Array = new Uint32Array(1024);
  depth: Uint16Array = new Uint16Array(1024);
  firstLabel: Int32Array = new Int32Array(1024).fill(-1);
  firstChild: Int32Array = new Int32Array(1024).fill(-1);
  nextSibling: Int32Array = new Int32Array(1024).fill(-1);
  childCount: Int32Array = new Int32Array(1024);
  // Child table: slot -> child node (-1 empty); the key is the child's (parent, arc).
  #table: Int32Array = new Int32Array(2048).fill(-1);
  #mask = 2047;
  // Labels.
  labelCount = 0;
  labelName: string[] = [];
  labelNode: Int32Array = new Int32Array(1024);
  labelNext: Int32Array = new Int32Array(1024);
  labelAnon: Uint8Array = new Uint8Array(1024);
  labelModule: string[] = [];
  labelObjModule: Int32Array = new Int32Array(1024);
  labelObjIndex: Int32Array = new Int32Array(1024);
  /** Modules after the first of labels defined by several. */
  readonly #moreModules = new Map<number, string[]>();
  /** Bumped whenever labels change (views cache their lists against it). */
  labelVersion = 0;
  #byName: Map<string, number | number[]> | undefined;
  // The path of the last `ensure`, to start the next one where they part.
  #pathArcs = new Uint32Array(130);
  #pathNodes = new Int32Array(130);
  #pathLen = 0;
  readonly #resolve: ((module: number, index: number) => MibObject | undefined) | undefined;

  constructor(resolve?: (module: number, index: number) => MibObject | undefined) {
    this.#resolve = resolve;
  }

  /** The state, for the cache. */
  save(): TreeData {
    const n = this.nodeCount;
    const l = this.labelCount;
    return {
      nodeCount: n,
      labelCount: l,
      parent: this.parent.subarray(0, n),
      arc: this.arc.subarray(0, n),
      depth: this.depth.subarray(0, n),
      firstLabel: this.firstLabel.subarray(0, n),
      firstChild: this.firstChild.subarray(0, n),
      nextSibling: this.nextSibling.subarray(0, n),
      childCount: this.childCount.subarray(0, n),
      table: this.#table,
      labelNode: this.labelNode.subarray(0, l),
      labelNext: this.labelNext.subarray(0, l),
      labelAnon: this.labelAnon.subarray(0, l),
      labelObjModule: this.labelObjModule.subarray(0, l),
      labelObjIndex: this.labelObjIndex.subarray(0, l),
      labelName: this.labelName,
      labelModule: this.labelModule,
      moreModules: [...this.#moreModules],
    };
  }

  /** Replaces the state with a saved one (the arrays are used as they are, not copied). */
  restore(d: TreeData): void {
    this.nodeCount = d.nodeCount;
    this.labelCount = d.labelCount;
    this.parent = d.parent;
    this.arc = d.arc;
    this.depth = d.depth;
    this.firstLabel = d.firstLabel;
    this.firstChild = d.firstChild;
    this.nextSibling = d.nextSibling;
    this.childCount = d.childCount;
    this.#table = d.table;
    this.#mask = d.table.length - 1;
    this.labelNode = d.labelNode;
    this.labelNext = d.labelNext;
    this.labelAnon = d.labelAnon;
    this.labelObjModule = d.labelObjModule;
    this.labelObjIndex = d.labelObjIndex;
    this.labelName = [...d.labelName];
    this.labelModule = [...d.labelModule];
    this.#moreModules.clear();
    for (const [k, v] of d.moreModules) this.#moreModules.set(k, [...v]);
    this.#byName = undefined;
    this.#pathLen = 0;
    this.labelVersion++;
  }

  #hash(parent: number, arc: number): number {
    // Mixed so that the low bits (the slot) depend on every bit of both numbers.
    let h = Math.imul(parent, 0x9e3779b1) ^ arc;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.#mask;
  }

  /** The child of `parent` at `arc`, or -1. */
  findChild(parent: number, arc: number): number {
    const t = this.#table;
    let h = this.#hash(parent, arc);
    for (;;) {
      const c = t[h]!;
      if (c < 0) return -1;
      if (this.parent[c] === parent && this.arc[c] === arc) return c;
      h = (h + 1) & this.#mask;
    }
  }

  /** The child of `parent` at `arc`, created if missing. */
  ensureChild(parent: number, arc: number): number {
    const t = this.#table;
    let h = this.#hash(parent, arc);
    for (;;) {
      const c = t[h]!;
      if (c < 0) break;
      if (this.parent[c] === parent && this.arc[c] === arc) return c;
      h = (h + 1) & this.#mask;
    }
    const n = this.nodeCount++;
    if (n >= this.parent.length) this.#growNodes();
    this.parent[n] = parent;
    this.arc[n] = arc;
    this.depth[n] = this.depth[parent]! + 1;
    this.nextSibling[n] = this.firstChild[parent]!;
    this.firstChild[parent] = n;
    this.childCount[parent]!++;
    t[h] = n;
    if (this.nodeCount * 2 > this.#mask) this.#rehash();
    return n;
  }

  #growNodes(): void {
    const size = this.parent.length * 2;
    this.parent = grow(this.parent, size);
    this.arc = grow(this.arc, size);
    this.depth = grow(this.depth, size);
    this.firstLabel = grow(this.firstLabel, size, -1);
    this.firstChild = grow(this.firstChild, size, -1);
    this.nextSibling = grow(this.nextSibling, size, -1);
    this.childCount = grow(this.childCount, size);
  }

  #rehash(): void {
    const size = (this.#mask + 1) * 2;
    this.#table = new Int32Array(size).fill(-1);
    this.#mask = size - 1;
    const t = this.#table;
    for (let n = 1; n < this.nodeCount; n++) {
      let h = this.#hash(this.parent[n]!, this.arc[n]!);
      while (t[h]! >= 0) h = (h + 1) & this.#mask;
      t[h] = n;
    }
  }

  /** The node of `arcs[from, to)`, created with its ancestors if missing. */
  ensure(arcs: ArrayLike<number>, from: number, to: number): number {
    const len = to - from;
    const pa = this.#pathArcs;
    const pn = this.#pathNodes;
    // Consecutive definitions mostly share all but their last arcs.
    let i = 0;
    const common = Math.min(len, this.#pathLen);
    while (i < common && pa[i] === arcs[from + i]) i++;
    let n = i === 0 ? 0 : pn[i - 1]!;
    for (; i < len; i++) {
      const a = arcs[from + i]!;
      n = this.ensureChild(n, a);
      if (i < 130) {
        pa[i] = a;
        pn[i] = n;
      }
    }
    this.#pathLen = Math.min(len, 130);
    return n;
  }

  /**
   * As {@link TreeStore.ensure}, when the caller knows that `arcs[from, to)` shares its
   * first `common` arcs with the path of the previous call.
   */
  ensureAfter(arcs: ArrayLike<number>, from: number, to: number, common: number): number {
    const len = to - from;
    if (common > this.#pathLen || common > len || len > 130) return this.ensure(arcs, from, to);
    const pa = this.#pathArcs;
    const pn = this.#pathNodes;
    let n = common === 0 ? 0 : pn[common - 1]!;
    for (let i = common; i < len; i++) {
      const a = arcs[from + i]!;
      n = this.ensureChild(n, a);
      pa[i] = a;
      pn[i] = n;
    }
    this.#pathLen = len;
    return n;
  }

  /** Adds a label (see {@link MibTree.addLabel}); returns its number. */
  addLabel(node: number, name: string, module: string, objModule: number, objIndex: number, anonymous: boolean): number {
    let anon = -1;
    let prev = -1;
    let anonPrev = -1;
    for (let l = this.firstLabel[node]!; l >= 0; l = this.labelNext[l]!) {
      if (this.labelName[l] === name) {
        if (module !== '' && !this.#hasModule(l, module)) this.#addModule(l, module);
        if (this.labelObjModule[l]! < 0 && objModule >= 0) {
          this.labelObjModule[l] = objModule;
          this.labelObjIndex[l] = objIndex;
        }
        this.labelVersion++;
        return l;
      }
      if (this.labelAnon[l] === ANON && anon < 0) {
        anon = l;
        anonPrev = prev;
      }
      prev = l;
    }
    const first = this.firstLabel[node]!;
    if (anonymous && first >= 0) return first;
    const l = this.labelCount++;
    if (l >= this.labelNode.length) this.#growLabels();
    this.labelName.push(name);
    this.labelModule.push(module);
    this.labelNode[l] = node;
    this.labelAnon[l] = anonymous ? ANON : LIVE;
    this.labelObjModule[l] = objModule;
    this.labelObjIndex[l] = objIndex;
    if (anon >= 0 && !anonymous) {
      // net-snmp merges an anonymous node into the named one that arrives later.
      this.labelNext[l] = this.labelNext[anon]!;
      if (anonPrev < 0) this.firstLabel[node] = l;
      else this.labelNext[anonPrev] = l;
      this.labelAnon[anon] = DEAD;
      this.#unindex(anon);
    } else {
      this.labelNext[l] = -1;
      if (prev < 0) this.firstLabel[node] = l;
      else this.labelNext[prev] = l;
    }
    this.#index(l);
    this.labelVersion++;
    return l;
  }

  #growLabels(): void {
    const size = this.labelNode.length * 2;
    this.labelNode = grow(this.labelNode, size);
    this.labelNext = grow(this.labelNext, size);
    this.labelAnon = grow(this.labelAnon, size);
    this.labelObjModule = grow(this.labelObjModule, size);
    this.labelObjIndex = grow(this.labelObjIndex, size);
  }

  #hasModule(l: number, module: string): boolean {
    if (this.labelModule[l] === module) return true;
    return this.#moreModules.get(l)?.includes(module) ?? false;
  }

  #addModule(l: number, module: string): void {
    if (this.labelModule[l] === '') {
      this.labelModule[l] = module;
      return;
    }
    const more = this.#moreModules.get(l);
    if (more === undefined) this.#moreModules.set(l, [module]);
    else more.push(module);
  }

  /** The modules of label `l`, in load order. */
  labelModules(l: number): string[] {
    const first = this.labelModule[l]!;
    if (first === '') return [];
    const more = this.#moreModules.get(l);
    return more === undefined ? [first] : [first, ...more];
  }

  /** The definition behind label `l`, if any. */
  labelObject(l: number): MibObject | undefined {
    const m = this.labelObjModule[l]!;
    return m < 0 || this.#resolve === undefined ? undefined : this.#resolve(m, this.labelObjIndex[l]!);
  }

  /**
   * Adds a module's names the way net-snmp links a module it has read: its anonymous
   * nodes (numbered in source order from `anonymous`, linked in reverse), the names
   * written inside OID values, then its definitions in reverse order of definition.
   * @param ordinal the module's number for the label resolver.
   * @returns the next anonymous number.
   */
  link(m: StoredModule, ordinal: number, anonymous: number): number {
    for (let i = m.anonymous.length - 1; i >= 0; i--) {
      const arcs = dottedArcs(m.anonymous[i]!);
      this.addLabel(this.ensure(arcs, 0, arcs.length), `anonymous#${anonymous + i}`, m.name, -1, -1, true);
    }
    for (const x of m.implicit) {
      const arcs = dottedArcs(x.oid);
      this.addLabel(this.ensure(arcs, 0, arcs.length), x.name, m.name, -1, -1, false);
    }
    const { names, arcs, ends, shared, enterprises } = m.link;
    const last = names.length - 1;
    for (let i = last; i >= 0; i--) {
      const from = i === 0 ? 0 : ends[i - 1]!;
      const node = i === last ? this.ensure(arcs, from, ends[i]!) : this.ensureAfter(arcs, from, ends[i]!, shared[i + 1]!);
      this.addLabel(node, names[i]!, m.name, ordinal, i, false);
      const enterprise = enterprises?.get(i);
      if (enterprise !== undefined && node !== 0) {
        // net-snmp puts an SMIv1 trap under a node "<enterprise>#" at <enterprise>.0.
        this.addLabel(this.parent[node]!, `${enterprise}#`, m.name, -1, -1, false);
      }
    }
    return anonymous + m.anonymous.length;
  }

  /** Labels named `name` (one number or several in creation order), building the index on first use. */
  labelsNamed(name: string): number | number[] | undefined {
    let map = this.#byName;
    if (map === undefined) {
      map = new Map();
      this.#byName = map;
      for (let l = 0; l < this.labelCount; l++) if (this.labelAnon[l] !== DEAD) this.#index(l);
    }
    return map.get(name);
  }

  #index(l: number): void {
    const map = this.#byName;
    if (map === undefined) return;
    const name = this.labelName[l]!;
    const had = map.get(name);
    if (had === undefined) map.set(name, l);
    else if (typeof had === 'number') map.set(name, [had, l]);
    else had.push(l);
  }

  #unindex(l: number): void {
    const map = this.#byName;
    if (map === undefined) return;
    const name = this.labelName[l]!;
    const had = map.get(name);
    if (had === l) map.delete(name);
    else if (Array.isArray(had)) {
      const i = had.indexOf(l);
      if (i >= 0) had.splice(i, 1);
      if (had.length === 1) map.set(name, had[0]!);
    }
  }
}

function dottedArcs(dotted: string): number[] {
  return dotted.split('.').map(Number);
}
