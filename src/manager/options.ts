/**
 * Session options (seed 000, `snmp_sess_open`): version, retries, timeout with exponential
 * backoff, peer name, local address and port, community, and the SNMPv3 user fields, which
 * are validated now and used once the v3 security model is in place.
 */
import { InvalidArgumentError } from '../errors.js';
import { octetsFromHex, octetsFromText } from '../smi/octets.js';
import type { TransportAddress } from '../transport/types.js';

/** SNMP versions a session speaks. */
export type SessionVersion = 'v1' | 'v2c' | 'v3';

/** RFC 3411 §5 securityLevel. */
export type SecurityLevel = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';

/** Authentication protocols (RFC 3414 MD5/SHA, RFC 7860 SHA-2). */
export type AuthProtocol = 'MD5' | 'SHA' | 'SHA-224' | 'SHA-256' | 'SHA-384' | 'SHA-512';

/** Privacy protocols (RFC 3414 DES, RFC 3826 AES-128, and the AES-192/256 extensions). */
export type PrivProtocol = 'DES' | 'AES' | 'AES-192' | 'AES-256';

/** Options of every request. */
export interface RequestOptions {
  /** Cancels the request; it then rejects with `AbortError`. */
  signal?: AbortSignal;
  /** The first timeout of this request in milliseconds. Default: the session's. */
  timeout?: number;
  /** Retries of this request after the first attempt. Default: the session's. */
  retries?: number;
}

/** Options of {@link Session} (seed 000's `snmp_sess_open` parameters, the JavaScript way). */
export interface SessionOptions {
  /**
   * The agent, as net-snmp writes it: `host`, `host:port`, `udp:host:port`,
   * `udp6:[::1]:161`, `tcp:host:port`, `tcp6:[::1]:1161`; or an address object. Port 161
   * by default.
   */
  peer: string | TransportAddress;
  /** SNMP version. Default `'v2c'`. */
  version?: SessionVersion;
  /** Community for v1/v2c (a secret: never logged). Default `'public'`. */
  community?: string | Uint8Array;
  /** Retries after the first attempt. Default 5 (as net-snmp). */
  retries?: number;
  /**
   * Milliseconds until the first timeout (seed 000 counts microseconds; net-snmp's tools
   * take seconds). Each retry waits `backoff` times longer than the one before. Default 1000.
   */
  timeout?: number;
  /** Factor of the exponential backoff between attempts. Default 2; 1 keeps the timeout constant. */
  backoff?: number;
  /** Local address to send from (seed 000's localname); `''` or undefined for any. Default any. */
  localAddress?: string;
  /** Local port (0 lets the system pick one). Default 0. */
  localPort?: number;
  /**
   * Requests kept in flight at once to this session's agent address (transport domain, host
   * and port), counting the requests of every session of the same dispatcher to that
   * address, so that many sessions to one agent do not overrun it; more wait in a queue,
   * and the sessions to one address take turns in order: when a session's turn comes, its
   * request starts once fewer than its own limit are in flight to the address, and no later
   * request passes it. Default 16.
   */
  maxInFlight?: number;
  /** Max-repetitions of a bulk walk or table when the call does not say. Default 10 (as snmpbulkwalk). */
  maxRepetitions?: number;
  /** SNMPv3 user name (securityName). Required for v3. */
  user?: string;
  /** SNMPv3 security level. Default `'noAuthNoPriv'`. */
  securityLevel?: SecurityLevel;
  /** SNMPv3 authentication protocol. Default `'MD5'` (as net-snmp 5.9). */
  authProtocol?: AuthProtocol;
  /** SNMPv3 authentication password, at least 8 characters (RFC 3414 §11.2). A secret. */
  authPassword?: string;
  /** SNMPv3 privacy protocol. Default `'DES'` (as net-snmp 5.9). */
  privProtocol?: PrivProtocol;
  /** SNMPv3 privacy password, at least 8 characters. A secret. */
  privPassword?: string;
  /** SNMPv3 context name. Default `''`. */
  contextName?: string;
  /** SNMPv3 context engine ID as hex or octets. Default: the engine discovered. */
  contextEngineId?: string | Uint8Array;
}

/** SNMPv3 settings after validation. */
export interface ResolvedV3Options {
  readonly user: Uint8Array;
  readonly securityLevel: SecurityLevel;
  readonly authProtocol: AuthProtocol | undefined;
  readonly authPassword: string | undefined;
  readonly privProtocol: PrivProtocol | undefined;
  readonly privPassword: string | undefined;
  readonly contextName: Uint8Array;
  readonly contextEngineId: Uint8Array | undefined;
}

/** Session options after validation and defaults. */
export interface ResolvedSessionOptions {
  readonly version: SessionVersion;
  readonly community: Uint8Array;
  readonly retries: number;
  readonly timeout: number;
  readonly backoff: number;
  readonly localAddress: string | undefined;
  readonly localPort: number;
  readonly maxInFlight: number;
  readonly maxRepetitions: number;
  readonly v3: ResolvedV3Options | undefined;
}

const AUTH: readonly AuthProtocol[] = ['MD5', 'SHA', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'];
const PRIV: readonly PrivProtocol[] = ['DES', 'AES', 'AES-192', 'AES-256'];
const LEVELS: readonly SecurityLevel[] = ['noAuthNoPriv', 'authNoPriv', 'authPriv'];

/**
 * Validates session options and fills in defaults (the peer is parsed elsewhere).
 * @throws InvalidArgumentError naming the first option that is not acceptable.
 */
export function resolveSessionOptions(o: SessionOptions): ResolvedSessionOptions {
  if (typeof o !== 'object' || o === null) throw new InvalidArgumentError('Session options must be an object');
  const version = o.version ?? 'v2c';
  if (version !== 'v1' && version !== 'v2c' && version !== 'v3') throw new InvalidArgumentError(`version must be 'v1', 'v2c' or 'v3', not ${String(version)}`);
  const c = o.community ?? 'public';
  let community: Uint8Array;
  if (typeof c === 'string') community = octetsFromText(c);
  else if (c instanceof Uint8Array) community = c.slice();
  else throw new InvalidArgumentError('community must be a string or a Uint8Array');
  const localAddress = o.localAddress === '' ? undefined : o.localAddress;
  if (localAddress !== undefined && typeof localAddress !== 'string') throw new InvalidArgumentError('localAddress must be a string');
  return {
    version,
    community,
    retries: integer(o.retries ?? 5, 'retries', 0, 1000),
    timeout: finite(o.timeout ?? 1000, 'timeout', 1, 2147483647),
    backoff: finite(o.backoff ?? 2, 'backoff', 1, 16),
    localAddress,
    localPort: integer(o.localPort ?? 0, 'localPort', 0, 65535),
    maxInFlight: integer(o.maxInFlight ?? 16, 'maxInFlight', 1, 1 << 20),
    maxRepetitions: integer(o.maxRepetitions ?? 10, 'maxRepetitions', 1, 0x7fffffff),
    v3: version === 'v3' ? resolveV3(o) : undefined,
  };
}

function resolveV3(o: SessionOptions): ResolvedV3Options {
  if (o.user === undefined || o.user === '') throw new InvalidArgumentError('SNMPv3 needs a user (securityName)');
  const user = octetsFromText(o.user);
  // RFC 3414 §2.4: msgUserName is OCTET STRING (SIZE(0..32)).
  if (user.length > 32) throw new InvalidArgumentError('SNMPv3 user name is longer than 32 octets');
  const securityLevel = o.securityLevel ?? 'noAuthNoPriv';
  if (!LEVELS.includes(securityLevel)) throw new InvalidArgumentError(`securityLevel must be one of ${LEVELS.join(', ')}`);
  const wantsAuth = securityLevel !== 'noAuthNoPriv';
  const wantsPriv = securityLevel === 'authPriv';
  const authProtocol = o.authProtocol ?? 'MD5';
  if (!AUTH.includes(authProtocol)) throw new InvalidArgumentError(`authProtocol must be one of ${AUTH.join(', ')}`);
  const privProtocol = o.privProtocol ?? 'DES';
  if (!PRIV.includes(privProtocol)) throw new InvalidArgumentError(`privProtocol must be one of ${PRIV.join(', ')}`);
  if (wantsAuth) password(o.authPassword, 'authPassword');
  if (wantsPriv) password(o.privPassword, 'privPassword');
  let contextEngineId: Uint8Array | undefined;
  const ce = o.contextEngineId;
  if (typeof ce === 'string') {
    try {
      contextEngineId = octetsFromHex(ce.replace(/^0x/i, ''));
    } catch (err) {
      throw new InvalidArgumentError(`contextEngineId is not hex: ${ce}`, { cause: err });
    }
  } else if (ce instanceof Uint8Array) {
    contextEngineId = ce.slice();
  }
  // RFC 3411 §5: SnmpEngineID is 5..32 octets.
  if (contextEngineId !== undefined && (contextEngineId.length < 5 || contextEngineId.length > 32)) {
    throw new InvalidArgumentError('contextEngineId must be 5 to 32 octets');
  }
  return {
    user,
    securityLevel,
    authProtocol: wantsAuth ? authProtocol : undefined,
    authPassword: wantsAuth ? o.authPassword : undefined,
    privProtocol: wantsPriv ? privProtocol : undefined,
    privPassword: wantsPriv ? o.privPassword : undefined,
    contextName: octetsFromText(o.contextName ?? ''),
    contextEngineId,
  };
}

function password(p: unknown, what: string): void {
  if (typeof p !== 'string') throw new InvalidArgumentError(`${what} is required at this securityLevel`);
  // RFC 3414 §11.2 recommends at least 8 characters; net-snmp refuses shorter ones.
  if (p.length < 8) throw new InvalidArgumentError(`${what} must be at least 8 characters`);
}

/** @throws InvalidArgumentError */
export function integer(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new InvalidArgumentError(`${what} must be an integer in ${min}..${max}, not ${String(v)}`);
  }
  return v;
}

/** @throws InvalidArgumentError */
export function finite(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new InvalidArgumentError(`${what} must be a number in ${min}..${max}, not ${String(v)}`);
  }
  return v;
}
