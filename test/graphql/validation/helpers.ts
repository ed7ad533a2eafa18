// Builds documents of a chosen size and runs them through the rules as graphql-ws would.
import { parse, specifiedRules, validate, type GraphQLError } from 'graphql';
import { queryValidationRules, type QueryLimits } from '../../../src/graphql/validation/index.js';
import { schema } from './schema.js';

/** All validation errors: graphql's own rules plus ours, cost included when variables are given. */
export function validateQuery(
  query: string,
  options: { limits?: Partial<QueryLimits>; variables?: Record<string, unknown> } = {},
): readonly GraphQLError[] {
  const rules = queryValidationRules(schema, options.limits, options.variables);
  return validate(schema, parse(query), [...specifiedRules, ...rules]);
}

/** The QUERY_TOO_COMPLEX errors among `errors`, as plain objects. */
export function limitErrors(errors: readonly GraphQLError[]) {
  return errors
    .filter((error) => error.extensions.code === 'QUERY_TOO_COMPLEX')
    .map((error) => ({ message: error.message, extensions: { ...error.extensions } }));
}

// Each step of User → AuditConnection → AuditEdge → Audit → User, with a scalar to end on.
const PATH: { field: string; leaf: string }[] = [
  { field: 'audits', leaf: 'id' },
  { field: 'edges', leaf: 'totalCount' },
  { field: 'node', leaf: 'cursor' },
  { field: 'owner', leaf: 'id' },
];

/** `{ viewer { audits { edges { node { owner { … id } } } } } }` with exactly `depth` levels. */
export function nestedQuery(depth: number): string {
  let open = '{ viewer {';
  let close = '} }';
  let step = 0;
  for (let level = 2; level < depth; level += 1, step = (step + 1) % PATH.length) {
    open += ` ${PATH[step]!.field} {`;
    close += ' }';
  }
  return `${open} ${PATH[step]!.leaf} ${close}`;
}
