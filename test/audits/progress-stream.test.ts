import { describe, expect, it } from '@jest/globals';
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

/** A live feed the test pushes into; records whether it was closed. */
function feed() {
  const queue: unknown[] = [];
  let waiting: ((result: IteratorResult<unknown>) => void) | undefined;
  let closed = false;
  return {
    push(value: unknown) {
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
    },
  };
}

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
});
