// Estimated cost of an operation, computed by graphql-query-complexity. The cost counts
// objects, the proxy for rows loaded and resolvers run: every object field costs 1 plus what it
// selects, a connection multiplies what one node costs by its page size, and scalars are free
// (the field limit bounds how many a query may name). So
// `audits(first: 100) { edges { node { findings(first: 100) { edges { node { title } } } } } }`
// costs 1 + 100 × (1 + (1 + 100 × 1)) = 10,201, and the same with `first: 5` costs 36.
//
// Cost depends on variables (`audits(first: $n)`), which Apollo's static `validationRules`
// never see: see plugin.ts for HTTP; graphql-ws has them and can validate with them.
import { createRequire } from 'node:module';
import {
  getNamedType,
  GraphQLError,
  isLeafType,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { queryTooComplex, resolveLimits, type QueryLimits } from './limits.js';

// The package's ESM build imports `graphql/index.mjs` while this project (like graphql's own
// `main`) loads the CommonJS `graphql`: two copies of graphql, and "Cannot use
// GraphQLObjectType from another module or realm". Its CommonJS build shares our copy.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

/** Selections (fields and fragments, expanded) graphql-query-complexity visits before giving up. */
const MAX_QUERY_NODES = 10_000;
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

type PageSizeLimits = Pick<QueryLimits, 'defaultPageSize' | 'maxPageSize'>;

function pageSize(args: Record<string, unknown>, limits: PageSizeLimits): number {
  const sizes = [args.first, args.last].filter(
    (value): value is number => typeof value === 'number' && Number.isFinite(value),
  );
  if (!sizes.length) return limits.defaultPageSize;
  return Math.min(Math.max(0, Math.trunc(Math.max(...sizes))), limits.maxPageSize);
}

/** A field taking `first`/`last` returns a page: 1 for the field plus page size × each node's cost. */
export function connectionEstimator(limits: PageSizeLimits): ComplexityEstimator {
  return ({ field, args, childComplexity }) => {
    if (!field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return undefined;
    return 1 + pageSize(args, limits) * childComplexity;
  };
}

/**
 * A Relay connection's `edges` is the envelope of the page the connection field already paid
 * for: it costs what it selects (each edge's `node` is then an object like any other).
 */
export const relayEdgesEstimator: ComplexityEstimator = ({ type, field, childComplexity }) =>
  type.name.endsWith('Connection') && field.name === 'edges' ? childComplexity : undefined;

/** Scalars and enums come with the object that holds them. */
export const leafEstimator: ComplexityEstimator = ({ field }) =>
  isLeafType(getNamedType(field.type)) ? 0 : undefined;

/**
 * First answer wins: an explicit `complexity` on the field (type-graphql's
 * `@Field({ complexity })`), then connections, edges, leaves, and 1 + children for the rest.
 */
export function complexityEstimators(limits: Partial<QueryLimits> = {}): ComplexityEstimator[] {
  const resolved = resolveLimits(limits);
  return [
    fieldExtensionsEstimator(),
    connectionEstimator(resolved),
    relayEdgesEstimator,
    leafEstimator,
    simpleEstimator({ defaultComplexity: 1 }),
  ];
}

/** Operations of a document that can run with this operation name (all of them when absent). */
function operationsOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode[] {
  return document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (operationName == null || definition.name?.value === operationName),
  );
}

/**
 * Cost of one operation, or undefined when it cannot be estimated because the variables do
 * not fit the operation (execution refuses those requests before running anything).
 * Throws QUERY_TOO_COMPLEX when the document is too large to estimate at all.
 */
export function measureComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined | null,
  operationName: string | undefined,
  limits: Partial<QueryLimits> = {},
): number | undefined {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName,
      estimators: complexityEstimators(limits),
      maxQueryNodes: MAX_QUERY_NODES,
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.message === TOO_MANY_NODES) {
      throw queryTooComplex('selections', MAX_QUERY_NODES + 1, MAX_QUERY_NODES);
    }
    // Variable coercion and argument errors: execution and graphql's own rules report them.
    if (error instanceof GraphQLError) return undefined;
    throw error;
  }
}

/** The errors for operations of `document` costing more than `limits.maxComplexity`. */
function complexityErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined | null,
  operationName: string | null | undefined,
  limits: Partial<QueryLimits>,
): GraphQLError[] {
  const { maxComplexity } = resolveLimits(limits);
  const errors: GraphQLError[] = [];
  for (const operation of operationsOf(document, operationName)) {
    try {
      const cost = measureComplexity(schema, document, variables, operation.name?.value, limits);
      if (cost !== undefined && cost > maxComplexity)
        errors.push(queryTooComplex('cost', cost, maxComplexity));
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      errors.push(error);
    }
  }
  return errors;
}

/**
 * Throws QUERY_TOO_COMPLEX when the operation that will run costs more than the limit.
 * For code paths that validate on their own (graphql-ws `onSubscribe`, scripts).
 */
export function assertComplexity(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined | null,
  operationName: string | null | undefined,
  limits: Partial<QueryLimits> = {},
): void {
  const [error] = complexityErrors(schema, document, variables, operationName, limits);
  if (error) throw error;
}

/**
 * A validation rule for one request's variables: build it per request. Checks every operation
 * in the document, as validation does not know which one will run.
 */
export function complexityRule(
  schema: GraphQLSchema,
  variables: Record<string, unknown>,
  limits: Partial<QueryLimits> = {},
): ValidationRule {
  resolveLimits(limits);
  return (context) => ({
    Document(document) {
      for (const error of complexityErrors(schema, document, variables, undefined, limits)) {
        context.reportError(error);
      }
      return false;
    },
  });
}
