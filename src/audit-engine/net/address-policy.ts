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

type AllowEntry =
  { kind: 'host'; host: string } | { kind: 'cidr'; range: [ipaddr.IPv4 | ipaddr.IPv6, number] };

function parseEntry(raw: string): AllowEntry | undefined {
  const entry = raw
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (entry === '') return undefined;
  if (ipaddr.isValidCIDR(entry)) return { kind: 'cidr', range: ipaddr.parseCIDR(entry) };
  if (ipaddr.isValid(entry)) {
    const ip = ipaddr.parse(entry);
    return { kind: 'cidr', range: [ip, ip.kind() === 'ipv4' ? 32 : 128] };
  }
  return { kind: 'host', host: entry };
}

/** Compares an address with a CIDR, treating IPv4-mapped/-compatible IPv6 as its IPv4 form. */
function inRange(address: string, range: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  const ip = unwrap(ipaddr.parse(address));
  if (ip.kind() !== range[0].kind()) return false;
  return ip.match(range);
}

export interface AddressPolicy {
  /** Reason the connection is refused, or undefined when it is allowed. */
  refusal(hostname: string, address: string): string | undefined;
}

/**
 * Builds the connect-time policy. `allowedPrivateHosts` entries are hostnames (exact, case-insensitive),
 * IPs or CIDRs; a non-public address is allowed when its hostname or the address itself is listed.
 */
export function createAddressPolicy(allowedPrivateHosts: readonly string[] = []): AddressPolicy {
  const entries = allowedPrivateHosts.map(parseEntry).filter((e): e is AllowEntry => e !== undefined);
  const allowed = (hostname: string, address: string): boolean =>
    entries.some((e) => (e.kind === 'host' ? e.host === hostname.toLowerCase() : inRange(address, e.range)));
  return {
    refusal(hostname, address) {
      if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
      if (isPublicAddress(address) || allowed(hostname, address)) return undefined;
      // The resolved address is not named: these messages reach users, and DNS answers for
      // internal names are the operator's business (SafeFetchError.resolvedAddress has it for logs).
      return hostname === address
        ? `${address} is a non-public address (${addressRange(address)})`
        : `${hostname} does not resolve to a public address`;
    },
  };
}
