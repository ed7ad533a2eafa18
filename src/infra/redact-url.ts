// URLs as spans may carry them: credentials in a query string (a share link's `token`, a webhook
// URL's `key`) and in the user-info part become REDACTED; the rest stays readable.

/** Query parameters whose values spans carry as REDACTED (compared without case). */
export const REDACTED_QUERY_PARAMS = [
  'token',
  'access_token',
  'secret',
  'password',
  'key',
  'api_key',
  'apikey',
  'code',
  'sig',
  'signature',
];

const REDACTED = new Set(REDACTED_QUERY_PARAMS);

/** The URL with its secrets replaced, or null when it does not parse. */
export function redactUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.username) url.username = 'REDACTED';
  if (url.password) url.password = 'REDACTED';
  for (const name of new Set(url.searchParams.keys())) {
    if (REDACTED.has(name.toLowerCase())) url.searchParams.set(name, 'REDACTED');
  }
  return url;
}
