/**
 * Transport addresses as net-snmp writes them: `host`, `host:port`, `udp:host:port`,
 * `udp6:[::1]:161`, `udp6:::1`, `tcp:host:port`, `tcp6:[::1]:1161`, `[::1]:161`, `::1`.
 *
 * The endpoint grammar follows net-snmp 5.9's `netsnmp_parse_ep_str()`: a string of digits
 * alone is a port; `[addr]` brackets an address, optionally followed by `:port`; otherwise
 * the last `:` separates the port only when it is the only `:` in the string, so an
 * unbracketed IPv6 literal never carries a port (`udp6:::1` is ::1 on the default port).
 */
import { lookup } from 'node:dns/promises';
import { SocketAddress, isIPv4, isIPv6 } from 'node:net';
import { AbortError, InvalidArgumentError, TransportError } from '../errors.js';
import type { TransportAddress, TransportDomain } from './types.js';

/** The SNMP agent port (RFC 3417 §3.1 for UDP; RFC 3430 §2 for TCP). */
export const DEFAULT_AGENT_PORT = 161;
/** The notification receiver port (RFC 3417 §3.1). */
export const DEFAULT_TRAP_PORT = 162;

/**
 * Domain prefixes net-snmp 5.9 accepts (case-insensitive), mapped to tsnmp's domains.
 * `ipv6`, `udpv6` and `udpipv6` are net-snmp's aliases of `udp6`; `tcpv6` and `tcpipv6`
 * of `tcp6`.
 */
export const DOMAIN_PREFIXES: Readonly<Record<string, TransportDomain>> = {
  udp: 'udp',
  tcp: 'tcp',
  udp6: 'udp6',
  ipv6: 'udp6',
  udpv6: 'udp6',
  udpipv6: 'udp6',
  tcp6: 'tcp6',
  tcpv6: 'tcp6',
  tcpipv6: 'tcp6',
};

/** Domains net-snmp knows that tsnmp does not speak; named in the error instead of read as a host. */
const UNSUPPORTED_PREFIXES = new Set(['unix', 'ipx', 'aal5pvc', 'pvc', 'callback', 'alias', 'ssh', 'dtlsudp', 'dtls', 'tlstcp', 'tls', 'udpshared', 'std']);

/** A host name: letters, digits, `-`, `_`, `.` (RFC 1123 §2.1, with the underscore real networks use). */
const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/;
const DIGITS = /^[0-9]+$/;

/** True for UDP domains (`udp`, `udp6`). */
export function isUdpDomain(domain: TransportDomain): domain is 'udp' | 'udp6' {
  return domain === 'udp' || domain === 'udp6';
}

/** True for the IPv6 domains (`udp6`, `tcp6`). */
export function isIpv6Domain(domain: TransportDomain): domain is 'udp6' | 'tcp6' {
  return domain === 'udp6' || domain === 'tcp6';
}

/** The wildcard address of a domain's family: `0.0.0.0` or `::`. */
export function anyAddress(domain: TransportDomain): string {
  return isIpv6Domain(domain) ? '::' : '0.0.0.0';
}

/** True when `host` is an IPv4 or IPv6 literal (not a name that needs resolving). */
export function isIpLiteral(host: string): boolean {
  // An IPv6 literal has a colon; testing for it first spares compiling node:net's large
  // IPv6 expression in a program that only ever sees IPv4 (a command's start-up).
  return isIPv4(host) || (host.includes(':') && isIPv6(host));
}

/**
 * The canonical text of an IPv6 literal (lower case, longest zero run compressed, zone kept),
 * the same form Node reports for a datagram's source, so addresses compare as strings.
 */
function canonicalIpv6(host: string): string {
  const pct = host.indexOf('%');
  const base = pct < 0 ? host : host.slice(0, pct);
  const zone = pct < 0 ? '' : host.slice(pct);
  return new SocketAddress({ address: base, family: 'ipv6' }).address + zone;
}

function parsePort(text: string, spec: string): number {
  if (!DIGITS.test(text)) throw new InvalidArgumentError(`Invalid address "${spec}": port "${text}" is not a decimal number`);
  const port = Number(text);
  if (port > 65535) throw new InvalidArgumentError(`Invalid address "${spec}": port ${text} is above 65535`);
  return port;
}

/**
 * Parses an address as net-snmp's tools accept it. Without a domain prefix the domain is
 * `udp`, or `udp6` when the host is an IPv6 literal (bracketed or bare). A string of digits
 * alone is a port on the wildcard host, as in net-snmp (`udp:1161` = `0.0.0.0:1161`).
 * IPv6 literals come back in canonical form without brackets; host names are kept and
 * resolved when a transport opens (see {@link resolveAddress}).
 *
 * @param text the address, e.g. `udp:127.0.0.1:1161`, `tcp6:[::1]:1161`, `router.example`.
 * @param defaultPort the port when the text names none. Default 161 (use 162 for notifications).
 * @throws InvalidArgumentError naming what is wrong: an unknown or unsupported domain, a bad
 *   port, an unbalanced bracket, an IPv6 address in an IPv4 domain or the reverse, a bad host.
 */
export function parseAddress(text: string, defaultPort: number = DEFAULT_AGENT_PORT): TransportAddress {
  if (typeof text !== 'string' || text.length === 0) throw new InvalidArgumentError('Invalid address: empty');
  if (!Number.isInteger(defaultPort) || defaultPort < 0 || defaultPort > 65535) {
    throw new InvalidArgumentError(`Invalid default port ${String(defaultPort)}`);
  }
  let domain: TransportDomain | undefined;
  let rest = text;
  const colon = text.indexOf(':');
  if (colon > 0) {
    const prefix = text.slice(0, colon).toLowerCase();
    const known = DOMAIN_PREFIXES[prefix];
    if (known !== undefined) {
      domain = known;
      rest = text.slice(colon + 1);
    } else if (UNSUPPORTED_PREFIXES.has(prefix)) {
      throw new InvalidArgumentError(`Invalid address "${text}": transport domain "${prefix}" is not supported (udp, udp6, tcp, tcp6)`);
    }
  }

  let host = '';
  let port = defaultPort;
  let bracketed = false;
  if (DIGITS.test(rest)) {
    port = parsePort(rest, text);
  } else if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw new InvalidArgumentError(`Invalid address "${text}": "[" without "]"`);
    host = rest.slice(1, close);
    bracketed = true;
    if (host.length === 0) throw new InvalidArgumentError(`Invalid address "${text}": empty brackets`);
    const after = rest.slice(close + 1);
    if (after.startsWith(':')) port = parsePort(after.slice(1), text);
    else if (after.length > 0) throw new InvalidArgumentError(`Invalid address "${text}": unexpected "${after}" after "]"`);
  } else if (rest.length > 0) {
    if (rest.includes('@')) throw new InvalidArgumentError(`Invalid address "${text}": interface binding ("@") is not supported`);
    const last = rest.lastIndexOf(':');
    if (last >= 0 && rest.indexOf(':') === last) {
      // A single ':' separates host and port (an empty host before it means the wildcard).
      host = rest.slice(0, last);
      port = parsePort(rest.slice(last + 1), text);
    } else {
      host = rest;
    }
  }

  if (host.length > 0) {
    if (host.includes(':') && isIPv6(host)) {
      if (domain === undefined) domain = 'udp6';
      else if (!isIpv6Domain(domain)) {
        throw new InvalidArgumentError(`Invalid address "${text}": IPv6 address ${host} in the ${domain} domain (write ${domain}6:[${host}]:port)`);
      }
      host = canonicalIpv6(host);
    } else if (isIPv4(host)) {
      if (domain !== undefined && isIpv6Domain(domain)) {
        throw new InvalidArgumentError(`Invalid address "${text}": IPv4 address ${host} in the ${domain} domain`);
      }
    } else if (host.includes(':')) {
      throw new InvalidArgumentError(
        bracketed ? `Invalid address "${text}": "${host}" is not an IPv6 address` : `Invalid address "${text}": "${host}" is neither an IPv6 address nor host:port (bracket IPv6 addresses that carry a port: [addr]:port)`,
      );
    } else if (!HOST_NAME.test(host) || host.includes('..')) {
      throw new InvalidArgumentError(`Invalid address "${text}": "${host}" is not a valid host name`);
    }
  }
  domain ??= 'udp';
  if (host.length === 0) host = anyAddress(domain);
  return { domain, host, port };
}

/**
 * Formats an address the way net-snmp writes a target: `udp:127.0.0.1:1161`,
 * `udp6:[::1]:161`, `tcp6:[fe80::1%eth0]:1161`. The result parses back to the same address.
 */
export function formatAddress(address: TransportAddress): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${address.domain}:${host}:${address.port}`;
}

/** True when two addresses name the same domain, host and port (hosts compared as written; canonical for IP literals from {@link parseAddress}). */
export function sameAddress(a: TransportAddress, b: TransportAddress): boolean {
  return a.port === b.port && a.host === b.host && a.domain === b.domain;
}

/** Options of {@link resolveAddress}. */
export interface ResolveOptions {
  /** Cancels the lookup: the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/**
 * Resolves a host name to an IP literal of the domain's family (IPv4 for udp/tcp, IPv6 for
 * udp6/tcp6), using the system resolver (`dns.lookup`, which reads /etc/hosts). An address
 * whose host is already a literal is returned as it is.
 * @throws TransportError when the name does not resolve in that family (`Unknown host`).
 * @throws AbortError when the signal aborts.
 */
export async function resolveAddress(address: TransportAddress, options: ResolveOptions = {}): Promise<TransportAddress> {
  if (isIpLiteral(address.host)) return address;
  if (options.signal?.aborted) throw new AbortError(`Resolving ${address.host} was aborted`, { cause: options.signal.reason });
  const family = isIpv6Domain(address.domain) ? 6 : 4;
  let result: { address: string };
  try {
    result = await lookup(address.host, { family });
  } catch (err) {
    throw new TransportError(`Unknown host ${address.host} (no IPv${family} address): ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      cause: err,
    });
  }
  if (options.signal?.aborted) throw new AbortError(`Resolving ${address.host} was aborted`, { cause: options.signal.reason });
  const host = family === 6 ? canonicalIpv6(result.address) : result.address;
  return { domain: address.domain, host, port: address.port };
}
