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
// Every event is checked, cheaply: the first copy of event <seq> is parsed and compared field by
// field with what the runner published (status RUNNING, progress `progressFrom + progressSpan ×
// seq / events`, stage crawl, the message, `at` = the publish time), and its bytes kept; every
// other copy must be byte-identical to it (else it is parsed and checked the same way). Each
// subscriber's events must come in the order published. Wrong or out-of-order events are
// reported (`wrong`, `outOfOrder`), and so are duplicates.
// Usage: node peers/subscribers.mjs <config.json>
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const config = JSON.parse(await readFile(process.argv[2], 'utf8'));
const {
  urls,
  token,
  auditId,
  subscribers,
  events,
  openAtOnce,
  drainSeconds,
  connectSeconds,
  progressFrom,
  progressSpan,
} = config;
const QUERY = 'subscription ($id: ID!) { auditProgress(id: $id) { status progress stage message at } }';
const now = () => performance.timeOrigin + performance.now();
const print = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

const seen = new Uint8Array(subscribers * events);
const latencies = new Float64Array(subscribers * events);
let received = 0;
let duplicates = 0;
let wrong = 0;
let outOfOrder = 0;
let firstWrong = null;
/** Each subscriber's last event (sequence number), -1 before the first. */
const lastSeq = new Int32Array(subscribers).fill(-1);
/** Per event, the bytes of a copy that passed the full check. */
const verified = new Array(events);
const BENCH = Buffer.from('"bench:');
const QUOTE = 0x22;
const COLON = 0x3a;

/** Whether a frame is exactly the event the runner published as <seq> at <sent> (parsed in full). */
function correct(data, seq, sentText) {
  let message;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return false;
  }
  const event = message?.payload?.data?.auditProgress;
  return (
    message.id === '1' &&
    message.type === 'next' &&
    message.payload.errors === undefined &&
    Object.keys(event ?? {}).join() === 'status,progress,stage,message,at' &&
    event.status === 'RUNNING' &&
    event.progress === progressFrom + (progressSpan * seq) / events &&
    event.stage === 'crawl' &&
    event.message === `bench:${seq}:${sentText}` &&
    event.at === new Date(Number(sentText)).toISOString()
  );
}
let lastMessageAt = 0;
const sockets = [];

/** Opens connection `i`; resolves once its first event (the snapshot) arrived, rejects on failure. */
function open(i) {
  return new Promise((resolve, fail) => {
    // No UTF-8 validation by ws: each event's bytes are compared with a copy checked in full.
    const ws = new WebSocket(urls[i % urls.length], 'graphql-transport-ws', {
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
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
      // Cheap recognition first: 10,000 × 10 events per second go through here.
      const at = data.indexOf(BENCH);
      if (at >= 0) {
        const seqStart = at + BENCH.length;
        const seqEnd = data.indexOf(COLON, seqStart);
        const sentEnd = seqEnd < 0 ? -1 : data.indexOf(QUOTE, seqEnd);
        const seq = seqEnd < 0 ? -1 : Number(data.toString('latin1', seqStart, seqEnd));
        const slot = i * events + seq;
        lastMessageAt = now();
        if (!(Number.isInteger(seq) && seq >= 0 && seq < events) || sentEnd < 0) {
          wrong++;
          firstWrong ??= data.toString().slice(0, 300);
          return;
        }
        if (seen[slot]) {
          duplicates++;
          return;
        }
        seen[slot] = 1;
        const sentText = data.toString('latin1', seqEnd + 1, sentEnd);
        latencies[received++] = lastMessageAt - Number(sentText);
        if (seq <= lastSeq[i]) outOfOrder++;
        else lastSeq[i] = seq;
        const known = verified[seq];
        if (known !== undefined && data.equals(known)) return;
        if (correct(data, seq, sentText)) verified[seq] ??= Buffer.from(data);
        else {
          wrong++;
          firstWrong ??= data.toString().slice(0, 300);
        }
        return;
      }
      const text = data.toString();
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
    wrong,
    outOfOrder,
    firstWrong,
    p50: pick(0.5),
    p90: pick(0.9),
    p99: pick(0.99),
    max: received ? sorted[received - 1] : 0,
  });
  for (const ws of sockets) ws.terminate();
  process.exit(0);
}
