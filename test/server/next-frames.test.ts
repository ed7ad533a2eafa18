// `next` frames built once and written straight to the socket: a real ws server and client, the
// client's view of every message compared with what ws itself would have sent.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import WebSocket, { WebSocketServer } from 'ws';
import { FrameBatch, NextFrames, writeFrame } from '../../src/server/next-frames.js';

let wss: WebSocketServer | undefined;
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  if (wss) await new Promise((resolve) => wss!.close(resolve));
  wss = undefined;
});

/** A server socket and the client at its other end, collecting every message as text. */
async function pair(): Promise<{
  server: WebSocket;
  received: string[];
  next: (n: number) => Promise<void>;
}> {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await once(wss, 'listening');
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  clients.push(client);
  const received: string[] = [];
  let wanted = 0;
  let wake: (() => void) | undefined;
  client.on('message', (data: Buffer, isBinary: boolean) => {
    expect(isBinary).toBe(false);
    received.push(data.toString());
    if (received.length >= wanted) wake?.();
  });
  const [server] = (await once(wss, 'connection')) as [WebSocket];
  await once(client, 'open');
  const next = (n: number) =>
    new Promise<void>((resolve) => {
      wanted = n;
      if (received.length >= n) resolve();
      else wake = resolve;
    });
  return { server, received, next };
}

describe('next frames', () => {
  it('carry the graphql-transport-ws next message, for short, 16-bit and 64-bit lengths', async () => {
    const { server, received, next } = await pair();
    const payloads = [
      { data: { n: 1 } },
      { data: { text: 'é'.repeat(200) } }, // > 125 bytes: 16-bit length
      { data: { text: 'x'.repeat(70_000) } }, // ≥ 65,536 bytes: 64-bit length
    ];
    for (const payload of payloads) writeFrame(server, new NextFrames(JSON.stringify(payload)).for('sub-1'));
    await next(3);
    expect(received.map((text) => JSON.parse(text))).toEqual(
      payloads.map((payload) => ({ id: 'sub-1', type: 'next', payload })),
    );
  });

  it('are built once per id and stay in order with what ws sends itself', async () => {
    const { server, received, next } = await pair();
    const frames = new NextFrames('{"data":{"n":2}}');
    const first = frames.for('a"b');
    expect(frames.for('a"b')).toBe(first);
    expect(frames.for('other')).not.toBe(first);
    server.send('{"type":"ping"}');
    writeFrame(server, first);
    server.send('{"type":"pong"}');
    writeFrame(server, frames.for('other'));
    await next(4);
    expect(received).toEqual([
      '{"type":"ping"}',
      '{"id":"a\\"b","type":"next","payload":{"data":{"n":2}}}',
      '{"type":"pong"}',
      '{"id":"other","type":"next","payload":{"data":{"n":2}}}',
    ]);
  });

  it('go through ws.send while ws has a message of its own pending', async () => {
    const { server, received, next } = await pair();
    // A Blob is read asynchronously: ws queues everything sent after it until it is written.
    server.send(new Blob(['{"type":"first"}']), { binary: false });
    expect((server as unknown as { _sender: { _state: number } })._sender._state).not.toBe(0);
    writeFrame(server, new NextFrames('{"data":{"n":3}}').for('1'));
    await next(2);
    expect(received).toEqual(['{"type":"first"}', '{"id":"1","type":"next","payload":{"data":{"n":3}}}']);
  });

  it('are written in bursts, before any other message sent through the batch, never to a closed socket', async () => {
    const { server, received, next } = await pair();
    const batch = new FrameBatch();
    const frames = new NextFrames('{"data":{"n":4}}');
    batch.add(server, frames.for('1'));
    batch.add(server, frames.for('2'));
    expect(received).toEqual([]);
    batch.sendNow(server, '{"id":"1","type":"complete"}');
    batch.add(server, frames.for('2'));
    await next(4); // the last frame once the turn is over
    expect(received).toEqual([
      '{"id":"1","type":"next","payload":{"data":{"n":4}}}',
      '{"id":"2","type":"next","payload":{"data":{"n":4}}}',
      '{"id":"1","type":"complete"}',
      '{"id":"2","type":"next","payload":{"data":{"n":4}}}',
    ]);
    batch.add(server, frames.for('2'));
    server.close();
    batch.flush();
    batch.sendNow(server, '{"type":"late"}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toHaveLength(4);
  });
});
