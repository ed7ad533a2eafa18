// The HTTP side of a graceful stop (docs/deployment.md, "Shutdown"). Once draining, /readyz
// answers 503 (a load balancer stops sending) while requests are still served, and every
// response closes its connection: no client sends its next request on a keep-alive connection
// the server is about to close (that request would be reset). When Fastify closes, connections
// accepted but without a request read yet (a busy event loop reads late) get a moment to show
// it before Node's server.close() takes them for idle and destroys them; after that, every
// connection that falls idle is closed at once, not after its keep-alive timeout (server.close()
// closes only the connections idle at that moment).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** In-flight requests named in the description of what is still open, at most. */
const DESCRIBED_REQUESTS = 5;
/** How long, at close, a connection accepted before it may take to show its first request. */
const FIRST_REQUEST_WAIT_MS = 1_000;

export interface HttpDrain {
  /** True from `begin()` (or Fastify's close) on: /readyz answers 503. */
  readonly draining: boolean;
  /** Readiness off, connections closed after their response; requests are still served. */
  begin(): void;
  /** Requests being answered, e.g. `2 requests in flight (POST /graphql for 12.3 s, …)`. */
  describe(): string;
}

interface InFlight {
  method: string;
  path: string;
  since: number;
}

export function trackDrain(app: FastifyInstance): HttpDrain {
  const inFlight = new Map<ServerResponse, InFlight>();
  /** Accepted connections that have sent nothing the server parsed yet. */
  const silent = new Set<Socket>();
  let draining = false;
  let closing = false;

  app.server.on('connection', (socket: Socket) => {
    silent.add(socket);
    socket.once('close', () => silent.delete(socket));
  });
  app.server.on('upgrade', (request: IncomingMessage) => silent.delete(request.socket));

  const closeAfter = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('connection', 'close');
  };

  app.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    silent.delete(request.socket);
    inFlight.set(response, {
      method: request.method ?? '?',
      path: (request.url ?? '').split('?')[0]!,
      since: Date.now(),
    });
    if (draining) closeAfter(response);
    response.once('close', () => {
      inFlight.delete(response);
      // A response whose headers went out before the drain kept its connection alive.
      if (closing) setImmediate(() => app.server.closeIdleConnections());
    });
  });

  const begin = () => {
    if (draining) return;
    draining = true;
    for (const response of inFlight.keys()) closeAfter(response);
  };
  // Fastify calls server.close() after its preClose hooks: from then on, idle means closed.
  app.addHook('preClose', async () => {
    begin();
    const waiting = new Set(silent);
    const until = Date.now() + FIRST_REQUEST_WAIT_MS;
    const stillSilent = () => [...waiting].some((socket) => silent.has(socket));
    while (stillSilent() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    closing = true;
  });

  return {
    get draining() {
      return draining;
    },
    begin,
    describe: () => {
      const now = Date.now();
      const requests = [...inFlight.values()].sort((a, b) => a.since - b.since);
      if (!requests.length) return 'no request in flight';
      const named = requests
        .slice(0, DESCRIBED_REQUESTS)
        .map(
          (request) => `${request.method} ${request.path} for ${((now - request.since) / 1000).toFixed(1)} s`,
        );
      if (requests.length > DESCRIBED_REQUESTS) named.push(`${requests.length - DESCRIBED_REQUESTS} more`);
      const count = requests.length === 1 ? '1 request' : `${requests.length} requests`;
      return `${count} in flight (${named.join(', ')})`;
    },
  };
}
