// Credentials in the query string of a request to this API (a share link's `token`): the HTTP
// server spans carry their values as REDACTED (infra/tracing.ts), the rest of the URL readable.
// Outgoing requests' spans keep no query at all (client-span-urls.ts).

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
