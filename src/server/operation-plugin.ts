// Apollo plugin: records each operation for the access log and metrics, and logs the
// unexpected errors that did not pass through a resolver. The operation name is client text:
// it is capped in logs and never a metric label (every new label value is a new series kept
// for the life of the process).
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { AppLogger } from '../common/logger.js';
import type { GraphQLContext } from '../graphql/context.js';
import { isExpectedError } from '../graphql/errors.js';
import { rootFieldOf } from '../graphql/root-field.js';
import { reportError } from '../infra/sentry.js';
import type { Metrics } from './metrics.js';

/** The longest operation name logs keep. */
export const MAX_LOGGED_OPERATION_NAME = 100;

export const loggedName = (name: string) =>
  name.length > MAX_LOGGED_OPERATION_NAME ? `${name.slice(0, MAX_LOGGED_OPERATION_NAME)}…` : name;

/**
 * Records the operation for the access log and metrics, marks every response uncacheable, and logs the unexpected errors that
 * did not pass through a resolver (which logs and masks its own): context creation,
 * serialization. Clients get them masked by formatError.
 */
export function operationPlugin(metrics: Metrics, logger: AppLogger): ApolloServerPlugin<GraphQLContext> {
  return {
    async contextCreationDidFail({ error }) {
      if (!isExpectedError(error)) {
        logger.error({ err: error }, 'context creation failed');
        reportError(error, {});
      }
    },
    async requestDidStart({ contextValue }) {
      const startedAt = performance.now();
      let rootField = 'invalid';
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = error.originalError;
            if (original && !(original instanceof GraphQLError) && !isExpectedError(original)) {
              contextValue.log.error({ err: original }, 'unexpected error outside a resolver');
              reportError(original, {
                requestId: contextValue.requestId,
                userId: contextValue.meta.userId ?? undefined,
                operation: contextValue.meta.operationName ?? undefined,
              });
            }
          }
        },
        // Runs once the document validated: its root fields are the schema's, a bounded set.
        async didResolveOperation({ operationName, operation }) {
          if (operation) rootField = rootFieldOf(operation);
          const name = operationName ? loggedName(operationName) : null;
          contextValue.meta.operationName = name;
          // The child logger is made when something logs, not for every request.
          const base = contextValue.log;
          let child: AppLogger | undefined;
          Object.defineProperty(contextValue, 'log', {
            configurable: true,
            enumerable: true,
            get: () => (child ??= base.child({ operation: name ?? operation?.operation })),
            set: (replaced: AppLogger) => (child = replaced),
          });
        },
        async willSendResponse({ operation, errors, response }) {
          // What the cache-control plugin answered for every response (no field has a hint):
          // the viewer's data is never stored by a browser or proxy.
          response.http.headers.set('cache-control', 'no-store');
          const labels = {
            operation: rootField,
            type: operation ? operation.operation : 'unknown',
            outcome: errors?.length ? 'error' : 'ok',
          };
          metrics.graphqlOperations.inc(labels);
          metrics.graphqlDuration.observe(labels, (performance.now() - startedAt) / 1000);
        },
      };
    },
  };
}
