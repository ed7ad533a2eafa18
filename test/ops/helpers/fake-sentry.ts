// A Sentry DSN's ingest endpoint on loopback: keeps every envelope the SDK POSTs to
// /api/42/envelope/ (gzip or not), so that a test reads exactly what Sentry would receive.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface Envelope {
  raw: string;
  header: Record<string, any>;
  items: { header: Record<string, any>; payload: any }[];
}

export async function fakeSentry(): Promise<{ server: Server; dsn: string; envelopes: Envelope[] }> {
  const envelopes: Envelope[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let body = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const raw = body.toString('utf8');
      if (request.url?.startsWith('/api/42/envelope/')) {
        const lines = raw.split('\n').filter(Boolean);
        const items: Envelope['items'] = [];
        for (let i = 1; i + 1 < lines.length; i += 2) {
          items.push({ header: JSON.parse(lines[i]!), payload: JSON.parse(lines[i + 1]!) });
        }
        envelopes.push({ raw, header: JSON.parse(lines[0]!), items });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, dsn: `http://publickey@127.0.0.1:${port}/42`, envelopes };
}

/** The error events of the envelopes received, each with its envelope. */
export const errorEvents = (envelopes: Envelope[]) =>
  envelopes.flatMap((envelope) =>
    envelope.items
      .filter((item) => item.header.type === 'event')
      .map((item) => ({ envelope, event: item.payload })),
  );
