import ipaddr from 'ipaddr.js';

// Which network addresses the engine may connect to. Only globally routable unicast addresses are
// public; everything else (loopback, private, link-local incl. cloud metadata 169.254.169.254,
// CGNAT, multicast, reserved, NAT64/6to4/Teredo wrappers that can embed private IPv4) is refused
// unless an operator allowlists it.

/** IPv6 global unicast: anything outside it (site-local fec0::/10, 64:ff9b:1::/48 …) is not public. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * The IPv4 address an IPv6 address wraps, when it is IPv4-mapped (::ffff:a.b.c.d) or the deprecated
 * IPv4-compatible form (::a.b.c.d, e.g. ::7f00:1 = 127.0.0.1) that some stacks still route as IPv4.
 */
function unwrap(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  if (ip.kind() === 'ipv4') return ip;
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  const [a, b, c, d, e, f, g = 0, h = 0] = v6.parts;
  // ::/128 (unspecified) and ::1 (loopback) keep their IPv6 meaning.
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0 && (g !== 0 || h > 1)) {
    return ipaddr.fromByteArray([g >> 8, g & 0xff, h >> 8, h & 0xff]);
  }
  return ip;
}

/**
 * ipaddr.js range name of an address, with IPv4-mapped and IPv4-compatible IPv6 unwrapped first;
 * IPv6 outside global unicast 2000::/3 that ipaddr.js calls "unicast" is "reserved".
 */
export function addressRange(address: string): string {
  const ip = unwrap(ipaddr.parse(address));
  const range = ip.range();
  if (ip.kind() === 'ipv6' && range === 'unicast' && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)) {
    return 'reserved';
  }
  return range;
}

/** True when the address is a valid IP and globally routable unicast. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return addressRange(address) === 'unicast';
}

/** One AUDIT_ALLOWED_PRIVATE_HOSTS entry; `port` undefined means every port of it. */
export type AllowEntry = { port: number | undefined } & (
  { kind: 'host'; host: string } | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] }
);

export class AllowListError extends Error {
  override name = 'AllowListError';
}

const HOSTNAME =
  /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

function parsePort(raw: string, entry: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new AllowListError(`"${entry}": the port must be 1-65535`);
  return port;
}

/**
 * Parses one entry: a hostname, an IP, a CIDR, each optionally with `:port` (IPv6 in brackets for
 * a port: `[fd00::1]:8080`, `[fd00::/8]:8080`). Throws AllowListError saying what is wrong.
 */
export function parseAllowEntry(raw: string): AllowEntry {
  const entry = raw.trim().toLowerCase();
  if (entry.includes('/') && entry.includes('://')) {
    throw new AllowListError(`"${raw}": list a host, IP or CIDR (with an optional :port), not a URL`);
  }
  let address = entry;
  let port: number | undefined;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    address = bracketed[1] ?? '';
    if (bracketed[2] !== undefined) port = parsePort(bracketed[2], raw);
  } else if (entry.split(':').length === 2) {
    const [host = '', portText = ''] = entry.split(':');
    address = host;
    port = parsePort(portText, raw);
  }
  if (ipaddr.isValidCIDR(address)) return { kind: 'cidr', range: ipaddr.parseCIDR(address), port };
  if (ipaddr.isValid(address)) {
    const ip = ipaddr.parse(address);
    return { kind: 'cidr', range: [ip, ip.kind() === 'ipv4' ? 32 : 128], port };
  }
  if (address.includes('/') || /^[\d.]+$/.test(address) || address.includes(':') || bracketed) {
    throw new AllowListError(`"${raw}" is not a valid IP address or CIDR range`);
  }
  if (!HOSTNAME.test(address)) {
    throw new AllowListError(`"${raw}" is not a hostname, IP address or CIDR range (with an optional :port)`);
  }
  return { kind: 'host', host: address.replace(/\.$/, ''), port };
}

/** Parses every non-empty entry, or throws AllowListError for the first malformed one. */
export function parseAllowList(entries: readonly string[]): AllowEntry[] {
  return entries.filter((e) => e.trim() !== '').map(parseAllowEntry);
}

/** Compares an address with a CIDR, treating IPv4-mapped/-compatible IPv6 as its IPv4 form. */
function inRange(address: string, range: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  const ip = unwrap(ipaddr.parse(address));
  if (ip.kind() !== range[0].kind()) return false;
  return ip.match(range);
}

/** The port a connection uses: the URL's own, else the scheme's default. */
export function portOf(protocol: string, port: string | number | undefined): number {
  return Number(port) || (protocol === 'https:' ? 443 : 80);
}

export interface AddressPolicy {
  /** Reason the connection is refused, or undefined when it is allowed. */
  refusal(hostname: string, address: string, port: number): string | undefined;
  /** True when the hostname itself (not an address) is listed, on any port. */
  listsHost(hostname: string): boolean;
}

/**
 * Builds the connect-time policy. `allowedPrivateHosts` entries are hostnames (exact,
 * case-insensitive), IPs or CIDRs, each optionally limited to one port (see parseAllowEntry); a
 * non-public address is allowed when its hostname or the address itself is listed for the port.
 * Throws AllowListError for a malformed entry (config refuses them at start-up).
 */
export function createAddressPolicy(allowedPrivateHosts: readonly string[] = []): AddressPolicy {
  const entries = parseAllowList(allowedPrivateHosts);
  const allowed = (hostname: string, address: string, port: number): boolean =>
    entries.some(
      (e) =>
        (e.port === undefined || e.port === port) &&
        (e.kind === 'host' ? e.host === hostname.toLowerCase() : inRange(address, e.range)),
    );
  return {
    refusal(hostname, address, port) {
      if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
      if (isPublicAddress(address) || allowed(hostname, address, port)) return undefined;
      // The resolved address is not named: these messages reach users, and DNS answers for
      // internal names are the operator's business (SafeFetchError.resolvedAddress has it for logs).
      // Saying "wrong port" is safe only where it reveals nothing about DNS: a listed name, or an
      // IP literal in a listed range.
      const listedOnOtherPort = entries.some((e) =>
        e.kind === 'host'
          ? e.host === hostname.toLowerCase()
          : hostname === address && inRange(address, e.range),
      );
      if (listedOnOtherPort) return `port ${port} of ${hostname} is not in AUDIT_ALLOWED_PRIVATE_HOSTS`;
      return hostname === address
        ? `${address} is a non-public address (${addressRange(address)})`
        : `${hostname} does not resolve to a public address`;
    },
    listsHost(hostname) {
      const name = hostname.toLowerCase().replace(/\.$/, '');
      return entries.some((e) => e.kind === 'host' && e.host === name);
    },
  };
}
