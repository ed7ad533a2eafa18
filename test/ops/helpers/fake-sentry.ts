// A Sentry DSN's ingest endpoint on loopback: keeps every envelope the SDK POSTs to
// /api/42/envelope/ (gzip or not), so that a test reads exactly what Sentry would receive.
import type { Server } from 'node:http';
import { loopbackSink } from './loopback-sink.js';

export interface Envelope {
  raw: string;
  header: Record<string, any>;
  items: { header: Record<string, any>; payload: any }[];
}

export async function fakeSentry(): Promise<{ server: Server; dsn: string; envelopes: Envelope[] }> {
  const envelopes: Envelope[] = [];
  const { server, origin } = await loopbackSink((request, raw) => {
    if (!request.url?.startsWith('/api/42/envelope/')) return;
    const lines = raw.split('\n').filter(Boolean);
    const items: Envelope['items'] = [];
    for (let i = 1; i + 1 < lines.length; i += 2) {
      items.push({ header: JSON.parse(lines[i]!), payload: JSON.parse(lines[i + 1]!) });
    }
    envelopes.push({ raw, header: JSON.parse(lines[0]!), items });
  });
  return { server, dsn: origin.replace('http://', 'http://publickey@') + '/42', envelopes };
}

/** The error events of the envelopes received, each with its envelope. */
export const errorEvents = (envelopes: Envelope[]) =>
  envelopes.flatMap((envelope) =>
    envelope.items
      .filter((item) => item.header.type === 'event')
      .map((item) => ({ envelope, event: item.payload })),
  );
