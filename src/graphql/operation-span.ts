// The span of a GraphQL operation's execution over HTTP (`query projects`, `mutation register`),
// the parent of the SQL and Redis spans its resolvers make. Only with tracing on: otherwise the
// executor is returned as it is, and the read path pays nothing (issue 14). No per-field spans:
// one per operation says where the time went at a cost that does not grow with the selection.
// A span name is a grouping key: it is the operation type and the root field (root-field.ts),
// a set the schema bounds; the client's operation name, free text, is an attribute only.
import { getOperationAST, type ExecutionResult } from 'graphql';
import { isTracingEnabled, withSpan } from '../infra/spans.js';
import type { ExecutionRequest } from './compiled-execution.js';
import { rootFieldOf } from './root-field.js';

/** The longest operation name a span keeps (client text, as in the logs). */
const MAX_NAME = 100;

type Execute = (request: ExecutionRequest) => Promise<ExecutionResult>;

export function tracedExecution(execute: Execute): Execute {
  if (!isTracingEnabled()) return execute;
  return (request) => {
    const operation = getOperationAST(request.document, request.operationName);
    const type = operation?.operation ?? 'query';
    const rootField = operation ? rootFieldOf(operation) : null;
    const fullName = request.operationName ?? operation?.name?.value;
    const name = fullName && fullName.length > MAX_NAME ? `${fullName.slice(0, MAX_NAME)}…` : fullName;
    return withSpan(
      rootField ? `${type} ${rootField}` : type,
      {
        'graphql.operation.type': type,
        ...(rootField ? { 'graphql.operation.root_field': rootField } : {}),
        ...(name ? { 'graphql.operation.name': name } : {}),
      },
      async (span) => {
        const result = await execute(request);
        if (result.errors?.length) span?.setAttribute('graphql.error_count', result.errors.length);
        return result;
      },
    );
  };
}
