// The load generator, in its own process: autocannon against one server with one query, every
// response judged (status, GraphQL errors, body against the reference once normalised — a
// byte-identical repeat of a body already judged is not parsed again). Prints one JSON line.
// Usage: node peers/load.mjs <config.json>  (written by bench/run.ts)
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import autocannon from 'autocannon';
import { judge } from './scenarios.mjs';

const config = JSON.parse(await readFile(process.argv[2], 'utf8'));
const { url, token, scenario, dialect, query, variables, expected, connections, duration } = config;
const expectedJson = JSON.stringify(expected);
const body = JSON.stringify({ query, variables });
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

const counts = { ok: 0, 'graphql-error': 0, mismatch: 0, non2xx: 0 };
/** Bodies already judged, by their exact text (servers answer the same query byte-identically). */
const judged = new Map();
let sample = null;
function onResponse(status, responseBody) {
  if (status < 200 || status > 299) {
    counts.non2xx++;
    sample ??= { status, body: responseBody.slice(0, 500) };
    return;
  }
  let verdict = judged.get(responseBody);
  if (!verdict) {
    verdict = judge(scenario, dialect, responseBody, expectedJson);
    if (judged.size < 16) judged.set(responseBody, verdict);
  }
  counts[verdict]++;
  if (verdict !== 'ok') sample ??= { status, body: responseBody.slice(0, 500) };
}

if (config.check) {
  // One request first: a wrong answer stops the bench before any load.
  const response = await globalThis.fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  const verdict = response.ok ? judge(scenario, dialect, text, expectedJson) : `HTTP ${response.status}`;
  console.log(JSON.stringify({ verdict, body: verdict === 'ok' ? undefined : text.slice(0, 2000) }));
  process.exit(0);
}

const result = await autocannon({
  url,
  connections,
  duration,
  requests: [{ method: 'POST', headers, body, onResponse }],
});
console.log(
  JSON.stringify({
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors: counts['graphql-error'],
    mismatched: counts.mismatch,
    verified: counts.ok + counts['graphql-error'] + counts.mismatch + counts.non2xx,
    sample,
  }),
);
