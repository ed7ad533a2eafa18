// One GraphQL pipeline for every transport: the same parsing (token limit), validation rules
// (graphql-js's, introspection off in production), query limits (depth, aliases, directives,
// fields, cost), request context and error masking. server/app.ts plugs these pieces into
// Apollo for HTTP; server/websocket.ts runs them for graphql-ws.
import {
  execute,
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getVariableValues } from 'graphql/execution/values.js';
import type { AppLogger } from '../common/logger.js';
import { reportError } from '../infra/sentry.js';
import { CompiledExecution, type ExecutionRequest } from './compiled-execution.js';
import type { ContextFactory } from './context.js';
import { formatError } from './errors.js';
import { tracedExecution } from './operation-span.js';
import type { TrustedDocuments } from './trusted-documents.js';
import {
  DEFAULT_QUERY_LIMITS,
  parseDocument,
  parseOptions,
  operationCheckPlugin,
  QueryLimitsCache,
  shapeRules,
  variableErrors,
  type QueryLimits,
} from './validation/index.js';

const MAX_REMEMBERED_QUERIES = 500;
const MAX_REMEMBERED_QUERY = 20_000;

export interface PipelineOptions {
  /** Off in production: no introspection and no "Did you mean …?" hints that map the schema. */
  introspection: boolean;
  limits?: QueryLimits;
  /** Compiled execution (graphql-jit), `cacheSize` operations kept; default on, 500. */
  jit?: { enabled: boolean; cacheSize: number };
  /** Told the code of every error a client is sent, on either transport (for metrics). */
  onClientError?: (code: unknown) => void;
  /** Only these operations run (trusted documents mode); absent: any operation. */
  trustedDocuments?: TrustedDocuments;
}

/** Apollo Server's `gateway` option: how a server plugs its own executor into Apollo. */
export type ApolloGateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

export class GraphQLPipeline {
  readonly limits: QueryLimits;
  readonly introspection: boolean;
  /** For Apollo's `parseOptions`: the same token limit as `parse`. */
  readonly parseOptions: ParseOptions;
  /**
   * For Apollo's `validationRules`: the rules beyond graphql-js's own (Apollo adds those), so
   * that Apollo runs with `introspection: true` and never adds its own differently worded rule.
   */
  readonly extraRules: readonly ValidationRule[];
  private readonly rules: readonly ValidationRule[];
  private readonly shapeRules: ValidationRule[];
  private readonly prechecked = new Set<string>();
  /**
   * Parsed documents by text (a few hundred, least recently used dropped), and graphql-js's
   * verdict on each: a document seen before is neither parsed nor validated again.
   */
  private readonly documents = new Map<string, DocumentNode>();
  private readonly validated = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  /** Limits and NUL checks decided once per document text. */
  private readonly limitChecks: QueryLimitsCache;
  /** Compiled operations, or null when every operation runs on graphql-js. */
  readonly compiled: CompiledExecution | null;
  private readonly onClientError: ((code: unknown) => void) | undefined;
  /** The operations that may run, or null when any may (trusted documents mode off). */
  readonly trusted: TrustedDocuments | null;

  constructor(
    readonly schema: GraphQLSchema,
    readonly createContext: ContextFactory,
    options: PipelineOptions,
  ) {
    this.limits = options.limits ?? DEFAULT_QUERY_LIMITS;
    this.introspection = options.introspection;
    this.parseOptions = parseOptions(this.limits);
    this.extraRules = this.introspection ? [] : [NoSchemaIntrospectionCustomRule];
    this.rules = [...specifiedRules, ...this.extraRules];
    this.shapeRules = shapeRules(this.limits);
    this.limitChecks = new QueryLimitsCache(schema, this.limits);
    const jit = options.jit ?? { enabled: true, cacheSize: 500 };
    this.compiled = jit.enabled ? new CompiledExecution(schema, jit.cacheSize) : null;
    this.onClientError = options.onClientError;
    this.trusted = options.trustedDocuments ?? null;
  }

  /**
   * Runs a validated operation: its compiled plan (built on first use) or graphql-js. Every
   * field runs its resolver and wrappers either way; the result is graphql-js's.
   */
  execute = (request: ExecutionRequest): Promise<ExecutionResult> => {
    if (this.compiled) return this.compiled.execute(request);
    return Promise.resolve(
      execute({
        schema: this.schema,
        document: request.document,
        operationName: request.operationName,
        variableValues: request.variables,
        contextValue: request.contextValue,
        rootValue: request.rootValue,
      }),
    );
  };

  /**
   * For Apollo Server's `gateway` option: the schema, and `execute` as Apollo's executor.
   * Apollo still parses (once per document, its document store), validates, runs its plugins
   * and formats errors; only execution is ours.
   */
  apolloGateway(): ApolloGateway {
    const { schema } = this;
    const execute = tracedExecution(this.execute);
    let listener: Parameters<ApolloGateway['onSchemaLoadOrUpdate']>[0] | undefined;
    return {
      onSchemaLoadOrUpdate: (callback) => {
        listener = callback;
        return () => (listener = undefined);
      },
      load: async () => {
        listener?.({ apiSchema: schema, coreSupergraphSdl: '' });
        return {
          executor: (context) =>
            execute({
              document: context.document,
              source: context.source,
              operationName: context.operationName ?? context.request.operationName,
              variables: context.request.variables,
              contextValue: context.context,
            }),
        };
      },
      stop: async () => undefined,
    };
  }

  /**
   * Parses within the token limit; a syntax error or a document too large is a GraphQLError.
   * The same text answers the same (immutable) document.
   */
  parse(query: string): DocumentNode {
    const known = this.documents.get(query);
    if (known) {
      // Most recently used last: the first is the one to drop.
      this.documents.delete(query);
      this.documents.set(query, known);
      return known;
    }
    const document = parseDocument(query, this.limits);
    if (query.length <= MAX_REMEMBERED_QUERY) {
      if (this.documents.size >= MAX_REMEMBERED_QUERIES)
        this.documents.delete(this.documents.keys().next().value!);
      this.documents.set(query, document);
    }
    return document;
  }

  /**
   * The text of a request that may name its operation by hash (Apollo's persisted query
   * extension) instead of sending it, for a transport Apollo does not run (WebSocket): the
   * text when sent, else the trusted manifest's for the hash, else the APQ protocol's error.
   */
  queryText(query: string, extensions: Record<string, unknown> | null | undefined): string | GraphQLError {
    const persisted = extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
    if (query || typeof persisted?.sha256Hash !== 'string') return query;
    if (!this.trusted) {
      return new GraphQLError('PersistedQueryNotSupported', {
        extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
      });
    }
    return (
      this.trusted.textOf(persisted.sha256Hash) ??
      new GraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } })
    );
  }

  /** The variables' size and nesting (for a request whose text is known already, e.g. a persisted query). */
  precheckVariables(variables: Record<string, unknown> | null | undefined): GraphQLError[] {
    return variableErrors(variables, this.limits);
  }

  /**
   * The cheap, linear bounds, before any of graphql-js's rules run (some of those are
   * quadratic): the variables' size and nesting, then the document's shape (depth, aliases,
   * directives, fields, repeated fields). Parse errors are left to the transport's own parse.
   * Documents that passed are remembered (a few hundred), so hot queries are not parsed twice.
   * In trusted documents mode an operation not in the manifest goes no further: the one place
   * both transports refuse it.
   */
  precheck(query: string, variables: Record<string, unknown> | null | undefined): GraphQLError[] {
    const untrusted = this.trusted?.check(query, (text) => this.parse(text));
    if (untrusted) return [untrusted];
    const variableProblems = this.precheckVariables(variables);
    if (variableProblems.length || this.prechecked.has(query)) return variableProblems;
    let document: DocumentNode;
    try {
      document = this.parse(query);
    } catch (error) {
      return error instanceof GraphQLError && error.extensions.code === 'QUERY_TOO_COMPLEX' ? [error] : [];
    }
    const errors = validate(this.schema, document, this.shapeRules);
    if (!errors.length && query.length <= MAX_REMEMBERED_QUERY) {
      if (this.prechecked.size >= MAX_REMEMBERED_QUERIES) this.prechecked.clear();
      this.prechecked.add(query);
    }
    return [...errors];
  }

  /**
   * graphql-js's rules, then the query limits (which need the variables), then the variables
   * against their declared types: the first failures, as Apollo reports them over HTTP.
   */
  validate(
    document: DocumentNode,
    variables: Record<string, unknown> | null | undefined,
    operationName: string | null | undefined,
    /** The text `document` was parsed from: its limits are then decided once. */
    source?: string,
  ): readonly GraphQLError[] {
    let errors = this.validated.get(document);
    if (!errors) {
      errors = validate(this.schema, document, this.rules);
      this.validated.set(document, errors);
    }
    if (errors.length) return errors;
    const checked = this.operationErrors(document, variables, operationName, source);
    if (checked.length) return checked;
    const operation = getOperationAST(document, operationName);
    if (!operation) return []; // execution reports a missing or ambiguous operation
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {}, {
      maxErrors: 50,
    });
    // A variable of the wrong type is the caller's mistake, never an internal error.
    return (coerced.errors ?? []).map(
      (error) => new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } }),
    );
  }

  /**
   * What runs after graphql-js's rules on both transports: the query limits (depth, aliases,
   * directives, fields, cost: they need the variables), then text the database cannot store.
   */
  operationErrors(
    document: DocumentNode,
    variables: Record<string, unknown> | null | undefined,
    operationName: string | null | undefined,
    source?: string,
  ): GraphQLError[] {
    return this.limitChecks.errors(source, document, variables, operationName);
  }

  /**
   * `operationErrors` in Apollo (which runs graphql-js's rules and coerces variables itself),
   * answered with HTTP 400: Apollo answers 500 to plugin errors otherwise.
   */
  apolloPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return operationCheckPlugin((document, variables, operationName, source) =>
      this.operationErrors(document, variables, operationName, source),
    );
  }

  /** The final shape of every error a client sees. */
  formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shaped = formatError(formatted, error, this.limits.maxTokens);
    this.onClientError?.(shaped.extensions?.code);
    if (this.introspection) return shaped;
    return { ...shaped, message: shaped.message.replace(/ ?Did you mean(.+?)\?$/, '') };
  };

  /**
   * Errors as GraphQLErrors in their client shape (graphql-ws sends GraphQLError objects). The
   * ones masked here did not pass a resolver (which logs its own): they are logged and reported,
   * as Apollo's operation plugin does over HTTP.
   */
  toClientErrors(
    errors: readonly GraphQLError[],
    scope: { log: AppLogger; requestId: string },
  ): GraphQLError[] {
    return errors.map((error) => {
      const formatted = this.formatError(error.toJSON(), error);
      if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' && !formatted.extensions.requestId) {
        scope.log.error({ err: error.originalError ?? error }, 'unexpected error outside a resolver');
        reportError(error.originalError ?? error, { requestId: scope.requestId });
      }
      return new GraphQLError(formatted.message, { extensions: formatted.extensions });
    });
  }
}
