/**
 * Seed 003's community profiles: each community name is bound to a MIB view with
 * read-only or read-write permission (RFC 1157 §3.2.5 community profiles; RFC 3584 §5
 * maps them onto VACM). This is the community security model of v1 and v2c.
 */
import { InvalidArgumentError } from '../errors.js';
import { octetsFromText } from '../smi/octets.js';
import { MibView, type ViewFamily } from './view.js';

/** The permission of a community on its view. */
export type CommunityPermission = 'read-only' | 'read-write';

/** A community profile. */
export interface CommunityProfile {
  /** The community name (text is UTF-8 encoded). A secret: never logged. */
  readonly community: string | Uint8Array;
  /** Read-only or read-write on the view. Default `read-only`. */
  readonly access?: CommunityPermission;
  /** The MIB view the community sees: a MibView or its families. Default: everything. */
  readonly view?: MibView | readonly ViewFamily[];
  /** A name for the profile in events and request contexts (never the community). Default `community-N`. */
  readonly name?: string;
  /** The SNMP context it reads (a registry of the agent). Default `''`. */
  readonly contextName?: string;
}

/**
 * What an authenticated request may do: the views it reads and writes (RFC 3415 terms).
 * The community model makes one per community; USM with VACM will make them per user.
 */
export interface AccessProfile {
  /** The profile's name (a principal, never a secret). */
  readonly name: string;
  /** What Get, GetNext and GetBulk may see. */
  readonly readView: MibView;
  /** What Set may change; undefined when the profile may not write at all. */
  readonly writeView: MibView | undefined;
  /** The context whose registry serves it. */
  readonly contextName: string;
}

interface Entry {
  bytes: Uint8Array;
  profile: AccessProfile;
}

/**
 * The agent's communities.
 *
 * ```ts
 * const t = new CommunityTable([{ community: 'public' }, { community: 'private', access: 'read-write' }]);
 * t.lookup(new TextEncoder().encode('public'))?.writeView; // undefined
 * ```
 */
export class CommunityTable {
  #entries: Entry[] = [];
  #n = 0;

  /** @throws InvalidArgumentError on a bad profile. */
  constructor(profiles: Iterable<CommunityProfile> = []) {
    for (const p of profiles) this.add(p);
  }

  /**
   * Adds (or replaces) a community.
   * @throws InvalidArgumentError on an unknown permission or a bad view.
   */
  add(profile: CommunityProfile): AccessProfile {
    const bytes = typeof profile.community === 'string' ? octetsFromText(profile.community) : Uint8Array.from(profile.community);
    const perm = profile.access ?? 'read-only';
    if (perm !== 'read-only' && perm !== 'read-write') throw new InvalidArgumentError(`Community access must be read-only or read-write, not ${String(perm)}`);
    const view = profile.view === undefined ? MibView.all : profile.view instanceof MibView ? profile.view : new MibView(profile.view);
    const access: AccessProfile = {
      name: profile.name ?? `community-${++this.#n}`,
      readView: view,
      writeView: perm === 'read-write' ? view : undefined,
      contextName: profile.contextName ?? '',
    };
    this.remove(bytes);
    this.#entries.push({ bytes, profile: access });
    return access;
  }

  /** Removes a community; true when it was there. */
  remove(community: string | Uint8Array): boolean {
    const bytes = typeof community === 'string' ? octetsFromText(community) : community;
    const i = this.#entries.findIndex((e) => sameBytes(e.bytes, bytes));
    if (i < 0) return false;
    this.#entries.splice(i, 1);
    return true;
  }

  /** The profile of a community, or undefined when it is unknown. */
  lookup(community: Uint8Array): AccessProfile | undefined {
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (sameBytes(e.bytes, community)) return e.profile;
    }
    return undefined;
  }

  /** How many communities there are. */
  get size(): number {
    return this.#entries.length;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
