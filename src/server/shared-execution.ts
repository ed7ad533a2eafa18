// Subscription events turned into GraphQL results once per distinct (document, operation,
// variables, visibility) instead of once per subscriber: every local stream of a topic receives
// the same event object (one broker subscription per topic), so the first subscriber to reach an
// event executes it and the others with the same key reuse the result and its serialization.
// Who may receive the event stays each stream's own decision (its access checks run as before);
// only the work of answering it is shared, among subscribers who would get the same answer.
import { execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

/** What a result may depend on besides the event: null means "do not share" (execute alone). */
export type VisibilityOf = (contextValue: unknown) => string | null;

export class SharedExecution {
  private readonly results = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  private readonly serialized = new WeakMap<ExecutionResult, string>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextDocumentId = 1;
  /** Executions run (not reused), for tests and metrics. */
  executions = 0;

  constructor(private readonly visibilityOf: VisibilityOf) {}

  /** The result of the operation for one event: executed once per key, then reused. */
  result(event: unknown, args: ExecutionArgs): Promise<ExecutionResult> {
    const visibility = this.visibilityOf(args.contextValue);
    if (typeof event !== 'object' || event === null || visibility === null) return this.execute(event, args);
    const key = [
      this.documentId(args.document),
      args.operationName ?? '',
      JSON.stringify(args.variableValues ?? null),
      visibility,
    ].join('\n');
    let byKey = this.results.get(event);
    if (!byKey) this.results.set(event, (byKey = new Map<string, Promise<ExecutionResult>>()));
    let result = byKey.get(key);
    if (!result) {
      result = this.execute(event, args);
      byKey.set(key, result);
    }
    return result;
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

  private async execute(event: unknown, args: ExecutionArgs): Promise<ExecutionResult> {
    this.executions++;
    return execute({ ...args, rootValue: event });
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
