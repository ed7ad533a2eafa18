import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_RESPONSE_BYTES, postJsonWithRetry } from '../../../src/audit-engine/visibility/http.js';

let server: Server;
let url: string;

beforeAll(async () => {
  // Streams a JSON body larger than any answer engine would send.
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const push = () => {
      while (sent <= MAX_RESPONSE_BYTES) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', push);
      }
      res.end('{}');
    };
    push();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('answer engine responses', () => {
  it('refuses a body over the size limit without retrying', async () => {
    const policy = {
      maxRetries: 2,
      timeoutMs: 10_000,
      baseDelayMs: 1,
      maxDelayMs: 1,
      maxRetryAfterMs: 1,
      random: () => 0,
      now: Date.now,
    };
    await expect(postJsonWithRetry({ url, headers: {}, body: {} }, policy)).rejects.toThrow(/larger than/);
  });
});
