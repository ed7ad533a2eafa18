// Early, syntactic check of an audit's URL. The crawler checks every address it actually
// connects to (DNS rebinding, redirects); this refuses what is visibly not public.
import { isIP } from 'node:net';
import { createAddressPolicy, portOf } from '../../audit-engine/net/address-policy.js';

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

/** Returns the normalized URL, or throws an Error whose message tells the user what is wrong. */
export function normalizeAuditUrl(raw: string, allowedPrivateHosts: readonly string[]): string {
  const trimmed = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error('url must be a valid http(s) URL, e.g. https://example.com');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('url must use http or https');
  if (url.username || url.password) throw new Error('url must not contain a user name or password');
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const policy = createAddressPolicy(allowedPrivateHosts);
  // The URL parser already wrote every IPv4 form (127.1, 0x7f.0.0.1, 2130706433) as a dotted
  // quad and IPv6 canonically; ipaddr.isValid would also throw and catch an error for every name.
  if (isIP(host)) {
    const refusal = policy.refusal(host, host, portOf(url.protocol, url.port));
    if (refusal) throw new Error(`url must have a public host: ${refusal}`);
  } else if (
    !policy.listsHost(host) &&
    (!host.includes('.') || LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix)) || host === 'localhost')
  ) {
    throw new Error(`url must have a public host: ${host} is a local name`);
  }
  url.hash = '';
  return url.href;
}
