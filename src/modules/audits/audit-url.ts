// Early, syntactic check of an audit's URL. The crawler checks every address it actually
// connects to (DNS rebinding, redirects); this refuses what is visibly not public.
import ipaddr from 'ipaddr.js';
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
  if (ipaddr.isValid(host)) {
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
