// Compiled execution: each operation is compiled once by graphql-jit (`compileQuery`) into a
// function that resolves and serializes exactly its selection, and that function answers every
// later request of the same document text and operation name. The schema is the same one
// graphql-js would run, so every field keeps its wrappers (auth, deadline, rate limits, error
// masking): only the walk over the selection is compiled. What graphql-jit cannot compile (or
// subscriptions, which graphql-ws runs) is executed by graphql-js, and remembered as such.
import {
  execute,
  getOperationAST,
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

export interface ExecutionRequest {
  document: DocumentNode;
  /** The text `document` was parsed from: the cache key (with the operation name). */
  source?: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  contextValue: unknown;
  rootValue?: unknown;
}

/** graphql-js for this operation (graphql-jit cannot compile it, or it is a subscription). */
const INTERPRETED = Symbol('interpreted');
type Plan = CompiledQuery | typeof INTERPRETED;

/** Texts longer than this are not remembered (compiled each time). */
const MAX_TEXT = 20_000;

export class CompiledExecution {
  private readonly plans = new Map<string, Plan>();
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, Plan>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly maxPlans = 500,
  ) {}

  /** Operations compiled (or known to need graphql-js) and remembered. */
  get size(): number {
    return this.plans.size;
  }

  /** Whether the operation runs compiled (compiling it now if it is new). */
  isCompiled(document: DocumentNode, operationName?: string | null, source?: string): boolean {
    return this.planOf(document, operationName ?? null, source) !== INTERPRETED;
  }

  /** As graphql-js's `execute` answers, through the operation's compiled plan when it has one. */
  async execute(request: ExecutionRequest): Promise<ExecutionResult> {
    const { document, contextValue, rootValue } = request;
    const operationName = request.operationName ?? null;
    const variables = request.variables ?? {};
    const plan = this.planOf(document, operationName, request.source);
    if (plan === INTERPRETED) {
      return execute({
        schema: this.schema,
        document,
        operationName,
        variableValues: variables,
        contextValue,
        rootValue,
      });
    }
    // Variables refused exactly as graphql-js refuses them (same messages, nothing run).
    const operation = getOperationAST(document, operationName)!;
    if (operation.variableDefinitions?.length) {
      const coerced = getVariableValues(this.schema, operation.variableDefinitions, variables, {
        maxErrors: 50,
      });
      if (coerced.errors) return { errors: coerced.errors };
    }
    return plan.query(rootValue, contextValue, variables);
  }

  private planOf(document: DocumentNode, operationName: string | null, source: string | undefined): Plan {
    const key = `${operationName ?? ''}\u0000${source ?? ''}`;
    const remembered = source !== undefined && source.length <= MAX_TEXT;
    const known = remembered ? this.plans.get(key) : this.byDocument.get(document)?.get(key);
    if (known) {
      if (remembered) {
        // Most recently used last: the first is the one to drop.
        this.plans.delete(key);
        this.plans.set(key, known);
      }
      return known;
    }
    const plan = this.compile(document, operationName);
    if (remembered) {
      if (this.plans.size >= this.maxPlans) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, plan);
    } else {
      const plans = this.byDocument.get(document) ?? new Map<string, Plan>();
      plans.set(key, plan);
      this.byDocument.set(document, plans);
    }
    return plan;
  }

  private compile(document: DocumentNode, operationName: string | null): Plan {
    const operation = getOperationAST(document, operationName);
    // No single operation to run: graphql-js says why, in its words.
    if (!operation || operation.operation === OperationTypeNode.SUBSCRIPTION) return INTERPRETED;
    try {
      const compiled = compileQuery(this.schema, document, operationName ?? undefined, {
        // Masked errors carry their own stack (logged where they were raised).
        disablingCapturingStackErrors: true,
      });
      return isCompiledQuery(compiled) ? compiled : INTERPRETED;
    } catch {
      return INTERPRETED;
    }
  }
}
