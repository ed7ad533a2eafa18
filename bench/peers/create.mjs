// The createAudit load generator, in its own process: autocannon against this API with one
// mutation, each request signed in as the next of many users (round robin, so that the per-user
// `@rateLimit(max: 30, window: "1m")` of createAudit — fixed in code — and the plans' per-person
// quotas spread across them). With `amount`, exactly that many requests, each awaited.
// Every response is judged: created (2xx, no errors, an audit id),
// rate limited, refused by a quota, other error. Prints one JSON line.
// Usage: node peers/create.mjs <config.json>  (written by bench/run.ts)
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import autocannon from 'autocannon';

const config = JSON.parse(await readFile(process.argv[2], 'utf8'));
const { url, tokens, query, connections, duration, amount } = config;
const body = JSON.stringify({ query });
const headers = tokens.map((token) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
}));

let next = 0;
const counts = { created: 0, rateLimited: 0, quota: 0, otherError: 0, non2xx: 0 };
let sample = null;
function onResponse(status, responseBody) {
  if (status < 200 || status > 299) {
    counts.non2xx++;
    sample ??= { status, body: responseBody.slice(0, 500) };
    return;
  }
  let parsed;
  try {
    parsed = JSON.parse(responseBody);
  } catch {
    parsed = {};
  }
  const code = parsed.errors?.[0]?.extensions?.code;
  if (!parsed.errors && parsed.data?.createAudit?.id) counts.created++;
  else if (code === 'RATE_LIMITED') counts.rateLimited++;
  else if (code === 'QUOTA_EXCEEDED') counts.quota++;
  else counts.otherError++;
  if (parsed.errors && code !== 'RATE_LIMITED') sample ??= { status, body: responseBody.slice(0, 500) };
}

const result = await autocannon({
  url,
  connections,
  // A fixed number of requests (the exactness check: every request answered, none in flight).
  ...(amount ? { amount } : { duration }),
  requests: [
    {
      method: 'POST',
      body,
      setupRequest: (request) => ({ ...request, headers: headers[next++ % headers.length] }),
      onResponse,
    },
  ],
});
console.log(
  JSON.stringify({
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    ...counts,
    sample,
  }),
);
