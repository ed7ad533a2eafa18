import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StaticRoute {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, origin: string) => void | Promise<void>;
/** A fixed response, a response built from the server's origin, or a hand-written handler. */
export type Route = StaticRoute | ((origin: string) => StaticRoute) | { handle: Handler };

export interface FixtureServer {
  origin: string;
  /** Paths requested, in order, with the User-Agent that asked. */
  requests: { path: string; userAgent: string }[];
  close(): Promise<void>;
}

/** A loopback HTTP server serving `routes` by path (query included); anything else is 404. */
export async function startFixtureServer(routes: Record<string, Route>): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, userAgent: req.headers['user-agent'] ?? '' });
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if ('handle' in route) {
      void route.handle(req, res, origin);
      return;
    }
    const r = typeof route === 'function' ? route(origin) : route;
    res.writeHead(r.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...r.headers });
    res.end(req.method === 'HEAD' ? undefined : (r.body ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
