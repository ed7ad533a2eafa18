// Peer for the auditProgress fan-out: the least a server can do for the same subscribers. `ws`
// speaking graphql-transport-ws by hand (connection_init → connection_ack, one `subscribe`
// per connection), the same authentication as the bare read peer (the access token verified
// with jose, its session checked in one statement, hand-written.mjs), one statement for the
// audit's stored state where the viewer is a member of its workspace (sent first), then one
// Redis subscription per topic for every local subscriber: each message parsed once, its `next`
// frame built once per subscription id, and sent to every subscriber with `ws.send`. No GraphQL
// execution, no re-checks of access, no per-stream queues: what is left is the machine's cost
// of writing one frame to N sockets (and the subscribers process reading them) — the floor the
// API's figures are read against.
// Env: DATABASE_URL, REDIS_URL, PORT, JWT_SECRET. Run with node from bench/.
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { Redis } from 'ioredis';
import pg from 'pg';
import { WebSocketServer } from 'ws';
import { authenticate } from './hand-written.mjs';

const { PORT = '0', DATABASE_URL, REDIS_URL } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Per topic: the subscribers (socket → subscription id). */
const topics = new Map();
redis.on('message', (topic, text) => {
  const subscribers = topics.get(topic);
  if (!subscribers) return;
  const event = JSON.parse(text);
  const frames = new Map();
  for (const [socket, id] of subscribers) {
    let frame = frames.get(id);
    if (frame === undefined) frames.set(id, (frame = nextFrame(id, event)));
    socket.send(frame);
    if (TERMINAL.has(event.status)) complete(socket, id, topic);
  }
});

function nextFrame(id, event) {
  const { status, progress, stage, message, at } = event;
  return JSON.stringify({
    id,
    type: 'next',
    payload: { data: { auditProgress: { status, progress, stage, message, at } } },
  });
}

function complete(socket, id, topic) {
  leave(socket, topic);
  socket.send(JSON.stringify({ id, type: 'complete' }));
}

function leave(socket, topic) {
  const subscribers = topics.get(topic);
  if (!subscribers?.delete(socket) || subscribers.size) return;
  topics.delete(topic);
  void redis.unsubscribe(topic);
}

/** The audit's stored state, when the user is a member of its workspace. */
async function storedState(auditId, userId) {
  const { rows } = await pool.query(
    `select a.status, a.progress, a.stage, a.message, a.updated_at as at
       from audits a join workspace_members m on m.workspace_id = a.workspace_id and m.user_id = $2
      where a.id = $1`,
    [auditId, userId],
  );
  return rows[0] ? { ...rows[0], at: rows[0].at.toISOString() } : null;
}

const auditIdOf = (globalId) => {
  const [type, id] = Buffer.from(String(globalId), 'base64url').toString('utf8').split(':');
  return type === 'Audit' && /^[0-9a-f-]{36}$/.test(id ?? '') ? id : null;
};

const server = createServer((req, res) => res.writeHead(req.url === '/readyz' ? 200 : 404).end());
const wss = new WebSocketServer({ server, path: '/graphql', perMessageDeflate: false });
wss.on('connection', (socket) => {
  let viewer;
  let topic;
  const fail = (code, reason) => socket.close(code, reason);
  socket.on('close', () => topic && leave(socket, topic));
  socket.on('message', async (data) => {
    let message;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return fail(4400, 'Invalid message');
    }
    try {
      if (message.type === 'connection_init') {
        viewer = await authenticate(message.payload?.authorization);
        if (!viewer) return fail(4401, 'Unauthorized');
        return socket.send('{"type":"connection_ack"}');
      }
      if (message.type === 'ping') return socket.send('{"type":"pong"}');
      if (message.type !== 'subscribe' || !viewer || topic) return fail(4400, 'Unexpected message');
      const { id } = message;
      const auditId = auditIdOf(message.payload?.variables?.id);
      const state = auditId && (await storedState(auditId, viewer.id));
      if (!state) {
        const errors = [{ message: 'Audit not found', extensions: { code: 'NOT_FOUND' } }];
        return socket.send(JSON.stringify({ id, type: 'error', payload: errors }));
      }
      // Joined once the stored state is read (an event published while it is read could be
      // missed: the bench publishes only once every subscriber has its first event).
      topic = `audit-progress:${auditId}`;
      let subscribers = topics.get(topic);
      if (!subscribers) {
        topics.set(topic, (subscribers = new Map()));
        await redis.subscribe(topic);
      }
      subscribers.set(socket, id);
      socket.send(nextFrame(id, state));
    } catch (error) {
      fail(4500, String(error?.message ?? error).slice(0, 100));
    }
  });
});

server.listen(Number(PORT), '127.0.0.1');
