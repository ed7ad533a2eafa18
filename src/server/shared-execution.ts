// Subscription events turned into GraphQL results once per distinct (document, operation,
// variables, visibility) instead of once per subscriber: every local stream of a topic receives
// the same event object (one broker subscription per topic), so the first subscriber to reach an
// event executes it and the others with the same key reuse the result, its serialization and
// the WebSocket frame that carries it (next-frames.ts).
// Who may receive the event stays each stream's own decision (its access checks run as before);
// only the work of answering it is shared, among subscribers who would get the same answer.
import { execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { NextFrames } from './next-frames.js';

interface Waiter {
  onValue: (result: ExecutionResult) => void;
  onError: (error: unknown) => void;
}

/** What a result may depend on besides the event: null means "do not share" (execute alone). */
export type VisibilityOf = (contextValue: unknown) => string | null;

export class SharedExecution {
  /** Per event, per key: the result once settled, its promise while it runs. */
  private readonly results = new WeakMap<object, Map<string, ExecutionResult | Promise<ExecutionResult>>>();
  private readonly serialized = new WeakMap<ExecutionResult, string>();
  private readonly frames = new WeakMap<ExecutionResult, NextFrames>();
  /** Per subscription's arguments: its key for the visibility it last had (built once per viewer). */
  private readonly keys = new WeakMap<ExecutionArgs, { visibility: string; key: string }>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  /** Who waits for an execution still running. */
  private readonly waiting = new WeakMap<Promise<ExecutionResult>, Waiter[]>();
  private nextDocumentId = 1;
  /** Executions run (not reused), for tests and metrics. */
  executions = 0;

  constructor(private readonly visibilityOf: VisibilityOf) {}

  /**
   * The result of the operation for one event: executed once per key, then reused. A result
   * already settled (or executed synchronously) is returned as it is (no promise), so that the
   * subscribers write without waiting a turn.
   */
  result(event: unknown, args: ExecutionArgs): ExecutionResult | Promise<ExecutionResult> {
    const visibility = this.visibilityOf(args.contextValue);
    if (typeof event !== 'object' || event === null || visibility === null) return this.execute(event, args);
    const key = this.keyOf(args, visibility);
    let byKey = this.results.get(event);
    if (!byKey)
      this.results.set(event, (byKey = new Map<string, ExecutionResult | Promise<ExecutionResult>>()));
    let result = byKey.get(key);
    if (result === undefined) {
      const running = this.execute(event, args);
      byKey.set(key, running);
      if (running instanceof Promise) {
        const settled = byKey;
        running.then(
          (value) => void (settled.get(key) === running && settled.set(key, value)),
          () => undefined, // each subscriber awaiting it sees the failure
        );
      }
      result = running;
    }
    return result;
  }

  /**
   * Calls `onValue` (or `onError`) once `running` settles: one promise handler per execution
   * however many subscribers wait for it, each called in turn in that handler (one's failure
   * is its own), instead of a promise per subscriber.
   */
  whenSettled(
    running: Promise<ExecutionResult>,
    onValue: (result: ExecutionResult) => void,
    onError: (error: unknown) => void,
  ): void {
    let waiting = this.waiting.get(running);
    if (!waiting) {
      const list: Waiter[] = [];
      this.waiting.set(running, (waiting = list));
      const settle = (each: (waiter: Waiter) => void) => {
        this.waiting.delete(running);
        for (const waiter of list) {
          try {
            each(waiter);
          } catch {
            // Delivering to one subscriber failed: the others still get theirs.
          }
        }
      };
      running.then(
        (result) => settle((waiter) => waiter.onValue(result)),
        (error: unknown) => settle((waiter) => waiter.onError(error)),
      );
    }
    waiting.push({ onValue, onError });
  }

  /** The result as JSON, serialized once however many subscribers send it. */
  json(result: ExecutionResult): string {
    let text = this.serialized.get(result);
    if (text === undefined) {
      text = JSON.stringify(result);
      this.serialized.set(result, text);
    }
    return text;
  }

  /** The graphql-transport-ws `next` frame of the result for subscription `id`, built once per id. */
  frame(result: ExecutionResult, id: string): Buffer {
    let frames = this.frames.get(result);
    if (!frames) this.frames.set(result, (frames = new NextFrames(this.json(result))));
    return frames.for(id);
  }

  /** Synchronous when every resolver is (no promise for the subscribers to wait on). */
  private execute(event: unknown, args: ExecutionArgs): ExecutionResult | Promise<ExecutionResult> {
    this.executions++;
    try {
      return execute({ ...args, rootValue: event });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** The document, operation, variables and visibility of a subscription, as one text. */
  private keyOf(args: ExecutionArgs, visibility: string): string {
    const known = this.keys.get(args);
    if (known?.visibility === visibility) return known.key;
    const key = [
      this.documentId(args.document),
      args.operationName ?? '',
      JSON.stringify(args.variableValues ?? null),
      visibility,
    ].join('\n');
    this.keys.set(args, { visibility, key });
    return key;
  }

  private documentId(document: DocumentNode): number {
    let id = this.documentIds.get(document);
    if (id === undefined) {
      id = this.nextDocumentId++;
      this.documentIds.set(document, id);
    }
    return id;
  }
}
