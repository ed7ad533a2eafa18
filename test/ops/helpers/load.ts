// Load on a real API process: keep-alive HTTP clients looping GraphQL requests, every request
// recorded (when it started and ended, on a new or a reused connection, and how it ended), and
// graphql-transport-ws subscribers recording their events and close code.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';

export interface Outcome {
  client: number;
  /** performance.now() when the request was made, fully written to its socket, and ended. */
  startedAt: number;
  sentAt?: number;
  endedAt: number;
  /** The request went out on a keep-alive connection that had served an earlier one. */
  reused: boolean;
  status?: number;
  /** `connection` header of the response. */
  connection?: string;
  /** The parsed JSON body, when complete and valid. */
  body?: { data?: unknown; errors?: unknown[] };
  /** A transport failure: ECONNRESET, ECONNREFUSED, "socket hang up", … */
  error?: string;
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  token?: string;
}

/** One POST /graphql on `agent`, resolved with how it ended (never rejected). */
export function post(url: URL, agent: http.Agent, operation: Operation, client = 0): Promise<Outcome> {
  const payload = JSON.stringify({ query: operation.query, variables: operation.variables ?? {} });
  return new Promise((resolve) => {
    const outcome: Outcome = { client, startedAt: performance.now(), endedAt: 0, reused: false };
    const done = (fields: Partial<Outcome>) => {
      if (outcome.endedAt) return;
      Object.assign(outcome, fields, { endedAt: performance.now() });
      resolve(outcome);
    };
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...(operation.token ? { authorization: `Bearer ${operation.token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
        response.on('end', () => {
          let body: Outcome['body'];
          try {
            body = JSON.parse(text) as Outcome['body'];
          } catch {
            body = undefined;
          }
          done({
            status: response.statusCode,
            connection: response.headers.connection,
            body,
            ...(response.complete ? {} : { error: 'incomplete response' }),
          });
        });
      },
    );
    request.on('socket', () => {
      outcome.reused = request.reusedSocket;
    });
    request.on('finish', () => {
      outcome.sentAt = performance.now();
    });
    request.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ?? error.message }));
    request.end(payload);
  });
}

export interface Load {
  outcomes: Outcome[];
  /** Stops the loops (after their current request) and resolves when all have ended. */
  stop(): Promise<void>;
}

/**
 * `clients` loops, each on its own keep-alive connection (one socket per client), sending the
 * operations `pick(client, n)` names until stopped or the server refuses connections.
 */
export function startLoad(
  url: URL,
  clients: number,
  pick: (client: number, iteration: number) => Operation,
): Load {
  const outcomes: Outcome[] = [];
  let stopped = false;
  const loops = Array.from({ length: clients }, async (_, client) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let iteration = 0; !stopped; iteration++) {
        const outcome = await post(url, agent, pick(client, iteration), client);
        outcomes.push(outcome);
        // Nothing listens any more: this client is done.
        if (outcome.error === 'ECONNREFUSED') break;
      }
    } finally {
      agent.destroy();
    }
  });
  return {
    outcomes,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

export interface Subscriber {
  /** `next` payloads received. */
  events: unknown[];
  /** Resolves with the close code and reason once the connection closes. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A graphql-transport-ws connection running one subscription; resolves once it is acknowledged. */
export async function subscribe(
  wsUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Subscriber> {
  const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
  const events: unknown[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(String(data)) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
        resolve();
      } else if (message.type === 'next') events.push(message.payload);
      else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'error') reject(new Error(JSON.stringify(message.payload)));
    });
    void closed.then(({ code, reason }) => reject(new Error(`closed with ${code} ${reason} before ack`)));
  });
  return { events, closed };
}
