// Closers: reverse order, every closer runs, and what is still open can be named while closing.
import { describe, expect, it } from '@jest/globals';
import { Closers } from '../../src/infra/lifecycle.js';

describe('Closers', () => {
  it('closes in reverse order, each once, and rejects with the first failure after all ran', async () => {
    const closers = new Closers();
    const order: string[] = [];
    closers.onStop(() => order.push('database'), 'database');
    closers.onStop(() => {
      order.push('queue');
      throw new Error('queue would not stop');
    });
    closers.onStop(() => order.push('server'), 'server');
    const errors: unknown[] = [];
    await expect(closers.close((error) => errors.push(error))).rejects.toThrow('queue would not stop');
    expect(order).toEqual(['server', 'queue', 'database']);
    expect(errors).toHaveLength(1);
    await closers.close();
    expect(order).toHaveLength(3);
  });

  it('names what is still open, the one closing first, nested closers included', async () => {
    const inner = new Closers();
    const outer = new Closers();
    outer.onStop(
      () => inner.close(),
      () => inner.stillOpen().join('; '),
    );
    let release!: () => void;
    let requests = 2;
    inner.onStop(() => undefined, 'database');
    inner.onStop(() => undefined);
    inner.onStop(
      () => new Promise<void>((resolve) => (release = resolve)),
      () => `HTTP server (${requests} requests in flight)`,
    );
    outer.onStop(() => undefined, 'metrics');
    expect(outer.stillOpen()).toEqual(['metrics', 'HTTP server (2 requests in flight); database; 1 unnamed']);

    const closing = outer.close();
    await new Promise((resolve) => setImmediate(resolve));
    requests = 1;
    expect(outer.stillOpen()).toEqual(['HTTP server (1 requests in flight); database; 1 unnamed']);
    release();
    await closing;
    expect(outer.stillOpen()).toEqual([]);
  });

  it('a name that fails to describe itself does not hide the rest', () => {
    const closers = new Closers();
    closers.onStop(() => undefined, 'database');
    closers.onStop(
      () => undefined,
      () => {
        throw new Error('no state');
      },
    );
    expect(closers.stillOpen()).toEqual(['a closer that cannot describe itself', 'database']);
  });
});
