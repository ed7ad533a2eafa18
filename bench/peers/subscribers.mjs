// The auditProgress subscribers, in their own process: N WebSocket connections (graphql-ws's
// graphql-transport-ws protocol, spoken raw over `ws`), spread round robin over the API URLs,
// each one subscription to `auditProgress(id)`. Protocol with bench/run.ts on stdio, one JSON
// line each way:
//   → {"phase":"connected", connected, failed, firstError, seconds}  once every subscription has
//     answered its first event (the stored state);
//   ← "report" (stdin) once the runner has published its events: waits until every subscriber
//     has every event or none arrived for BENCH_DRAIN seconds, then
//   → {"phase":"report", received, expected, lost, p50, p90, p99, max, duplicates} and exits.
// Connections are opened `openAtOnce` at a time until N or `connectSeconds` have passed.
// Events are recognised by their `message` "bench:<seq>:<publish time, epoch ms>"; latency is
// receive time − publish time on the same host's clock (performance.timeOrigin + now()).
// Usage: node peers/subscribers.mjs <config.json>
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const config = JSON.parse(await readFile(process.argv[2], 'utf8'));
const { urls, token, auditId, subscribers, events, openAtOnce, drainSeconds, connectSeconds } = config;
const QUERY = 'subscription ($id: ID!) { auditProgress(id: $id) { status progress stage message at } }';
const now = () => performance.timeOrigin + performance.now();
const print = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

const seen = new Uint8Array(subscribers * events);
const latencies = new Float64Array(subscribers * events);
let received = 0;
let duplicates = 0;
let lastMessageAt = 0;
const sockets = [];

/** Opens connection `i`; resolves once its first event (the snapshot) arrived, rejects on failure. */
function open(i) {
  return new Promise((resolve, fail) => {
    const ws = new WebSocket(urls[i % urls.length], 'graphql-transport-ws', { perMessageDeflate: false });
    // A subscriber that failed is closed: its late events must not count as another's.
    const reject = (error) => {
      ws.terminate();
      fail(error);
    };
    const timer = setTimeout(() => reject(new Error('no first event within 30 s')), 30_000);
    timer.unref();
    sockets.push(ws);
    let ready = false;
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    ws.on('message', (data) => {
      const text = data.toString();
      // Cheap recognition first: 10,000 × 10 events per second go through here.
      const at = text.indexOf('"bench:');
      if (at >= 0) {
        const end = text.indexOf('"', at + 1);
        const [, seqText, sentText] = text.slice(at + 1, end).split(':');
        const seq = Number(seqText);
        const slot = i * events + seq;
        lastMessageAt = now();
        if (seen[slot]) duplicates++;
        else {
          seen[slot] = 1;
          latencies[received++] = lastMessageAt - Number(sentText);
        }
        return;
      }
      const message = JSON.parse(text);
      if (message.type === 'connection_ack') {
        ws.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: QUERY, variables: { id: auditId } },
          }),
        );
      } else if (message.type === 'next' && !ready) {
        if (message.payload?.errors) return reject(new Error(JSON.stringify(message.payload.errors)));
        ready = true;
        clearTimeout(timer);
        resolve();
      } else if (message.type === 'error') reject(new Error(JSON.stringify(message.payload)));
      else if (message.type === 'complete' && !ready) reject(new Error('completed before its first event'));
    });
    ws.on('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode} on upgrade`)),
    );
    ws.on('error', (error) => reject(error));
    ws.on('close', (code, reason) => {
      if (!ready) fail(new Error(`closed ${code} ${reason}`));
    });
  });
}

const started = now();
let connected = 0;
let failed = 0;
let firstError = null;
let nextIndex = 0;
await Promise.all(
  Array.from({ length: Math.min(openAtOnce, subscribers) }, async () => {
    // Past the deadline no new connection is opened: the N reached is the figure.
    while (nextIndex < subscribers && now() - started < connectSeconds * 1000) {
      const i = nextIndex++;
      try {
        await open(i);
        connected++;
      } catch (error) {
        failed++;
        firstError ??= error.message;
      }
    }
  }),
);
print({
  phase: 'connected',
  connected,
  failed,
  firstError,
  seconds: (now() - started) / 1000,
  deadline: nextIndex < subscribers,
});

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'report') continue;
  const expected = connected * events;
  lastMessageAt = Math.max(lastMessageAt, now());
  while (received < expected && now() - lastMessageAt < drainSeconds * 1000) {
    await sleep(100);
  }
  const sorted = latencies.subarray(0, received).sort();
  const pick = (q) => (received ? sorted[Math.min(received - 1, Math.floor(q * received))] : 0);
  print({
    phase: 'report',
    received,
    expected,
    lost: expected - received,
    duplicates,
    p50: pick(0.5),
    p90: pick(0.9),
    p99: pick(0.99),
    max: received ? sorted[received - 1] : 0,
  });
  for (const ws of sockets) ws.terminate();
  process.exit(0);
}
