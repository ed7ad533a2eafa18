import ipaddr from 'ipaddr.js';

// Which network addresses the engine may connect to. Only globally routable unicast addresses are
// public; everything else (loopback, private, link-local incl. cloud metadata 169.254.169.254,
// CGNAT, multicast, reserved, NAT64/6to4/Teredo wrappers that can embed private IPv4) is refused
// unless an operator allowlists it.

/** ipaddr.js range name of an address, with IPv4-mapped IPv6 (::ffff:a.b.c.d) unwrapped first. */
export function addressRange(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address().range();
  }
  return parsed.range();
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

/** Compares an address with a CIDR, treating IPv4-mapped IPv6 as its IPv4 form. */
function inRange(address: string, range: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
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
      const range = addressRange(address);
      return hostname === address
        ? `${address} is a non-public address (${range})`
        : `${hostname} resolves to a non-public address (${address}, ${range})`;
    },
  };
}
