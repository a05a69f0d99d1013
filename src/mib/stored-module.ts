/**
 * The module object a store keeps. What linking needs (descriptors, OIDs, kinds) is held
 * in flat arrays; the full definitions ({@link MibObject}, {@link MibTypeDef}) may be
 * made on first use — a module read from the cache parses its definitions only when
 * someone asks for them.
 */
import { oidFromTrustedArcs } from '../smi/oid.js';
import type { Oid } from '../smi/oid.js';
import type { MibDiagnostic } from './diagnostics.js';
import type { MibImport, MibKind, MibLanguage, MibModule, MibObject, MibTypeDef } from './model.js';

/** Kinds by code (the code is the position). */
export const KIND_CODES: readonly MibKind[] = [
  'node', 'moduleIdentity', 'objectIdentity', 'scalar', 'table', 'row', 'column', 'notification', 'trap',
  'objectGroup', 'notificationGroup', 'compliance', 'capabilities',
];
const KIND_CODE: ReadonlyMap<MibKind, number> = new Map(KIND_CODES.map((k, i) => [k, i]));

/** The code of a kind. */
export function kindCode(kind: MibKind): number {
  return KIND_CODE.get(kind) ?? 0;
}

/** What the tree needs of a module's definitions, in source order. */
export interface ModuleLink {
  /** Descriptors of the definitions with an OID. */
  readonly names: readonly string[];
  /** Their OIDs' arcs, one after the other. */
  readonly arcs: Uint32Array;
  /** End of each definition's arcs in `arcs` (its start is the previous end). */
  readonly ends: Uint32Array;
  /** Kind codes ({@link KIND_CODES}). */
  readonly kinds: Uint8Array;
  /** How many leading arcs each definition shares with the one before it (at most 255). */
  readonly shared: Uint8Array;
  /** ENTERPRISE of each TRAP-TYPE, by definition number. */
  readonly enterprises: ReadonlyMap<number, string> | undefined;
}

/** The fields of a module known without its definitions. */
export interface ModuleHead {
  readonly name: string;
  readonly file: string;
  readonly language: MibLanguage;
  readonly imports: readonly MibImport[];
  readonly identity: string | undefined;
  readonly lastUpdated: string | undefined;
  readonly macros: readonly string[];
  readonly anonymous: readonly string[];
  readonly implicit: readonly { readonly name: string; readonly oid: string }[];
  readonly references: readonly string[];
  readonly diagnostics: readonly MibDiagnostic[];
  /** Names of the types it defines. */
  readonly typeNames: readonly string[];
}

/** The definitions of a module. */
export interface ModuleBody {
  readonly objects: readonly MibObject[];
  readonly types: readonly MibTypeDef[];
}

/** A compiled module as the store keeps it. */
export class StoredModule implements MibModule {
  readonly name: string;
  readonly file: string;
  readonly language: MibLanguage;
  readonly imports: readonly MibImport[];
  readonly identity: string | undefined;
  readonly lastUpdated: string | undefined;
  readonly macros: readonly string[];
  readonly anonymous: readonly string[];
  readonly implicit: readonly { readonly name: string; readonly oid: string }[];
  readonly references: readonly string[];
  readonly diagnostics: readonly MibDiagnostic[];
  /** Names of the types it defines (known without making them). */
  readonly typeNames: readonly string[];
  /** Descriptors, OIDs and kinds of the definitions. */
  readonly link: ModuleLink;
  #make: ((m: StoredModule) => ModuleBody) | undefined;
  #body: ModuleBody | undefined;
  #objectsByName: Map<string, MibObject> | undefined;
  #typesByName: Map<string, MibTypeDef> | undefined;
  #nameIndex: Map<string, number> | undefined;
  #typeNameSet: Set<string> | undefined;

  readonly #types: readonly MibTypeDef[] | undefined;

  /**
   * @param body the definitions, or a function making them on first use (given this module,
   *   for {@link StoredModule.oidAt}).
   * @param types the types, when known without making the body (the body's are then not used).
   */
  constructor(head: ModuleHead, link: ModuleLink, body: ModuleBody | ((m: StoredModule) => ModuleBody), types?: readonly MibTypeDef[]) {
    this.#types = types;
    this.name = head.name;
    this.file = head.file;
    this.language = head.language;
    this.imports = head.imports;
    this.identity = head.identity;
    this.lastUpdated = head.lastUpdated;
    this.macros = head.macros;
    this.anonymous = head.anonymous;
    this.implicit = head.implicit;
    this.references = head.references;
    this.diagnostics = head.diagnostics;
    this.typeNames = head.typeNames;
    this.link = link;
    if (typeof body === 'function') this.#make = body;
    else this.#body = body;
  }

  #getBody(): ModuleBody {
    let b = this.#body;
    if (b === undefined) {
      b = this.#make!(this);
      this.#body = b;
      this.#make = undefined;
    }
    return b;
  }

  /** OID-registered definitions, in source order. */
  get objects(): readonly MibObject[] {
    return this.#getBody().objects;
  }

  /** Type assignments and TCs, in source order. */
  get types(): readonly MibTypeDef[] {
    return this.#types ?? this.#getBody().types;
  }

  /** Definitions by descriptor. */
  get objectsByName(): ReadonlyMap<string, MibObject> {
    let m = this.#objectsByName;
    if (m === undefined) {
      m = new Map();
      for (const o of this.objects) if (!m.has(o.name)) m.set(o.name, o);
      this.#objectsByName = m;
    }
    return m;
  }

  /** Types by name. */
  get typesByName(): ReadonlyMap<string, MibTypeDef> {
    let m = this.#typesByName;
    if (m === undefined) {
      m = new Map();
      for (const t of this.types) if (!m.has(t.name)) m.set(t.name, t);
      this.#typesByName = m;
    }
    return m;
  }

  /** The number of the (first) definition of `name`, or -1; needs no definitions made. */
  indexOf(name: string): number {
    let m = this.#nameIndex;
    if (m === undefined) {
      m = new Map();
      const names = this.link.names;
      for (let i = 0; i < names.length; i++) if (!m.has(names[i]!)) m.set(names[i]!, i);
      this.#nameIndex = m;
    }
    return m.get(name) ?? -1;
  }

  /** Whether the module defines a type of that name; needs no types made. */
  hasType(name: string): boolean {
    const names = this.typeNames;
    if (names.length < 8) return names.includes(name);
    let set = this.#typeNameSet;
    if (set === undefined) this.#typeNameSet = set = new Set(names);
    return set.has(name);
  }

  /** The OID of definition number `i` (a view on the module's arcs). */
  oidAt(i: number): Oid {
    const { arcs, ends } = this.link;
    return oidFromTrustedArcs(arcs.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!));
  }

  /** The arcs of definition number `i` (a view on the module's arcs). */
  arcsAt(i: number): Uint32Array {
    const { arcs, ends } = this.link;
    return arcs.subarray(i === 0 ? 0 : ends[i - 1]!, ends[i]!);
  }

  /** The kind code ({@link KIND_CODES}) of definition number `i`. */
  kindCodeAt(i: number): number {
    return this.link.kinds[i]!;
  }

  /** The kind of definition number `i`. */
  kindAt(i: number): MibKind {
    return KIND_CODES[this.link.kinds[i]!] ?? 'node';
  }
}
