import { describe, expect, it } from '@jest/globals';
import { EXPRESS, type ExpressSink } from '../../src/common/closable-iterator.js';
import { AuditStatus } from '../../src/modules/audits/audit.entity.js';
import { progressStream } from '../../src/modules/audits/progress-stream.js';
import type { AuditProgressEvent } from '../../src/modules/audits/audit-progress.js';

const event = (status: AuditStatus, at: string, progress = 0): AuditProgressEvent => ({
  auditId: 'a1',
  status,
  progress,
  stage: status,
  message: null,
  error: null,
  at,
});

/** A live feed the test pushes into, with an express lane like openSubscription's; records whether it was closed. */
function feed() {
  const queue: unknown[] = [];
  let waiting: ((result: IteratorResult<unknown>) => void) | undefined;
  let closed = false;
  let express: ExpressSink<unknown> | undefined;
  return {
    push(value: unknown) {
      if (!closed && !queue.length && express?.(value)) return;
      if (waiting) waiting({ value, done: false });
      else queue.push(value);
      waiting = undefined;
    },
    get closed() {
      return closed;
    },
    iterator: {
      next: () =>
        queue.length
          ? Promise.resolve({ value: queue.shift(), done: false })
          : new Promise<IteratorResult<unknown>>((resolve) => (waiting = resolve)),
      return: async () => {
        closed = true;
        waiting?.({ value: undefined, done: true });
        return { value: undefined, done: true as const };
      },
      [EXPRESS]: (sink: ExpressSink<unknown>) => void (express = sink),
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('progressStream', () => {
  it('sends the snapshot, newer events, and ends after a terminal status', async () => {
    const live = feed();
    const stream = progressStream({
      snapshot: event(AuditStatus.RUNNING, '2026-01-01T00:00:01Z', 0.2),
      live: live.iterator,
      accessChanges: feed().iterator,
      recheck: async () => null,
      recheckMs: () => 60_000,
    });
    live.push(event(AuditStatus.RUNNING, '2026-01-01T00:00:00Z', 0.1)); // older: skipped
    live.push(event(AuditStatus.RUNNING, '2026-01-01T00:00:02Z', 0.5));
    live.push(event(AuditStatus.SUCCEEDED, '2026-01-01T00:00:00Z', 1)); // terminal: kept
    const seen = [];
    for await (const item of stream) seen.push(item.progress);
    expect(seen).toEqual([0.2, 0.5, 1]);
    expect(live.closed).toBe(true);
  });

  it('frees the subscription at once when the client leaves a quiet stream', async () => {
    const live = feed();
    const stream = progressStream({
      snapshot: event(AuditStatus.QUEUED, '2026-01-01T00:00:00Z'),
      live: live.iterator,
      accessChanges: feed().iterator,
      recheck: async () => null,
      recheckMs: () => 60_000,
    });
    await stream.next();
    const waiting = stream.next();
    await stream.return!();
    expect(live.closed).toBe(true);
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('ends with the stored terminal state when a terminal event was lost', async () => {
    const live = feed();
    const stream = progressStream({
      snapshot: event(AuditStatus.RUNNING, '2026-01-01T00:00:00Z'),
      live: live.iterator,
      accessChanges: feed().iterator,
      recheck: async () => event(AuditStatus.FAILED, '2026-01-01T00:05:00Z'),
      recheckMs: () => 20,
    });
    const seen = [];
    for await (const item of stream) seen.push(item.status);
    expect(seen).toEqual([AuditStatus.RUNNING, AuditStatus.FAILED]);
  });

  it('stops with the recheck error when the viewer may no longer watch', async () => {
    const live = feed();
    const stream = progressStream({
      snapshot: event(AuditStatus.RUNNING, '2026-01-01T00:00:00Z'),
      live: live.iterator,
      accessChanges: feed().iterator,
      recheck: async () => {
        throw new Error('Session expired or revoked');
      },
      recheckMs: () => 20,
    });
    await stream.next();
    await expect(stream.next()).rejects.toThrow(/revoked/);
    expect(live.closed).toBe(true);
  });

  it('re-checks at once when the viewer’s access changes, and stops when it fails', async () => {
    const live = feed();
    const changes = feed();
    let allowed = true;
    const stream = progressStream({
      snapshot: event(AuditStatus.RUNNING, '2026-01-01T00:00:00Z'),
      live: live.iterator,
      accessChanges: changes.iterator,
      recheck: async () => {
        if (!allowed) throw new Error('Session expired or revoked');
        return null;
      },
      recheckMs: () => 60_000,
    });
    await stream.next();
    const waiting = stream.next();
    allowed = false;
    changes.push({ userId: 'u1' });
    await expect(waiting).rejects.toThrow(/revoked/);
    expect(live.closed).toBe(true);
    expect(changes.closed).toBe(true);
  });

  it('re-checks a busy stream too: at least every recheckMs, however many events come', async () => {
    const live = feed();
    let checks = 0;
    const stream = progressStream({
      snapshot: event(AuditStatus.RUNNING, '2026-01-01T00:00:00Z'),
      live: live.iterator,
      accessChanges: feed().iterator,
      recheck: async () => {
        checks++;
        return null;
      },
      recheckMs: () => 30,
    });
    await stream.next();
    for (let i = 1; i <= 6; i++) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      live.push(event(AuditStatus.RUNNING, `2026-01-01T00:00:0${i}Z`, i / 10));
      await stream.next();
    }
    await stream.return!();
    expect(checks).toBeGreaterThanOrEqual(2);
  });

  it('hands live events to an express sink at once while it waits, in order with next()', async () => {
    const live = feed();
    const changes = feed();
    let endCheck: (() => void) | undefined;
    const stream = progressStream({
      snapshot: event(AuditStatus.RUNNING, '2026-01-01T00:00:01Z', 0.2),
      live: live.iterator,
      accessChanges: changes.iterator,
      recheck: () => new Promise((resolve) => (endCheck = () => resolve(null))),
      recheckMs: () => Infinity,
    });
    const sent: number[] = [];
    stream[EXPRESS]!((item) => {
      sent.push(item.progress);
      return true;
    });
    expect((await stream.next()).value?.progress).toBe(0.2); // the snapshot comes through next()
    const waiting = stream.next();
    await turn();
    live.push(event(AuditStatus.RUNNING, '2026-01-01T00:00:00Z', 0.1)); // older: skipped
    live.push(event(AuditStatus.RUNNING, '2026-01-01T00:00:02Z', 0.5));
    live.push(event(AuditStatus.RUNNING, '2026-01-01T00:00:02Z', 0.5)); // the same state again: skipped
    expect(sent).toEqual([0.5]); // synchronously, in the publisher's turn
    // While a re-check runs, events wait for it and come through next().
    changes.push({ userId: 'u1' });
    await turn();
    live.push(event(AuditStatus.RUNNING, '2026-01-01T00:00:03Z', 0.6));
    expect(sent).toEqual([0.5]);
    endCheck!();
    expect((await waiting).value?.progress).toBe(0.6);
    const end = stream.next();
    await turn();
    live.push(event(AuditStatus.SUCCEEDED, '2026-01-01T00:00:04Z', 1));
    expect(sent).toEqual([0.5, 1]);
    expect(await end).toEqual({ value: undefined, done: true });
    expect(live.closed).toBe(true);
    live.push(event(AuditStatus.RUNNING, '2026-01-01T00:00:05Z', 0.7)); // after the end: nothing
    expect(sent).toEqual([0.5, 1]);
  });
});
