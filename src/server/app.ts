// The HTTP server: Fastify + Apollo Server on /graphql, graphql-ws on the same path,
// health, metrics and the IDE. No listening here: callers decide the port.
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastifyCors from '@fastify/cors';
import type { MikroORM } from '@mikro-orm/postgresql';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { AppLogger } from '../common/logger.js';
import type { Config } from '../config.js';
import { contextFactory, type GraphQLContext, type RequestMeta } from '../graphql/context.js';
import { isExpectedError, toGraphQLError } from '../graphql/errors.js';
import { GraphQLPipeline } from '../graphql/pipeline.js';
import { TrustedDocuments } from '../graphql/trusted-documents.js';
import { buildAppSchema } from '../graphql/schema.js';
import type { PubSub } from '../infra/pubsub.js';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { CREATE_AUDIT_FIELD, CREATE_AUDIT_RATE_LIMIT } from '../modules/audits/audit-rate-limit.js';
import type { Services } from '../modules/services.js';
import { registerGraphqlIde } from './graphql-ide.js';
import { registerContentTypeErrors } from './content-type-errors.js';
import { CSRF_PREVENTION_HEADERS, registerCsrfPrevention } from './csrf-prevention.js';
import { trackDrain, type HttpDrain } from './drain.js';
import { registerHealthRoutes, type ReadinessCheck } from './health.js';
import { registerHomePage } from './home-page.js';
import { registerJsonBodyParser } from './json-body.js';
import { registerMetrics, registerWebSocketMetrics } from './metrics.js';
import { registerSecurityHeaders } from './security-headers.js';
import { operationPlugin } from './operation-plugin.js';
import { persistedQueries } from './persisted-queries.js';
import { registerReportRoutes } from './reports-http.js';
import { registerRequestBudget } from './request-budget.js';
import { requestErrorResponse, requestErrorStatusPlugin } from './request-error-status.js';
import { registerTraceRoute } from './trace-route.js';
import { attachWebSocketServer } from './websocket.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
/** How long a client may take to send one whole request. */
export const REQUEST_RECEIVE_TIMEOUT_MS = 30_000;
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface ServerDependencies {
  config: Config;
  orm: MikroORM;
  logger: AppLogger;
  services: Services;
  pubsub: PubSub;
  metricsRegistry: Registry;
  /** The app's Redis client, when there is one (persisted queries are kept there). */
  redis?: Redis;
  /** Readiness checks the API can be degraded without (Redis); the database is always required. */
  readinessChecks?: Record<string, ReadinessCheck>;
}

export interface AppServer {
  app: FastifyInstance;
  schema: GraphQLSchema;
  services: Services;
  /** Parsing, validation, limits, execution and masking, shared by HTTP and WebSocket. */
  pipeline: GraphQLPipeline;
  /** The first step of a stop (readiness off, connections closed after their response). */
  drain: HttpDrain;
  /** What is still open, for the line of a stop that overran its deadline. */
  describeOpen: () => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Filled while the GraphQL operation runs; read by the access log line. */
    graphql: RequestMeta;
  }
}

/** Variables as sent: an object in a JSON body, a JSON string in a GET query string. */
function parseVariables(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw === 'string') {
    try {
      return parseVariables(JSON.parse(raw));
    } catch {
      return undefined; // Apollo answers malformed variables itself
    }
  }
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : undefined;
}

export async function buildServer(deps: ServerDependencies): Promise<AppServer> {
  const { config, orm, logger, services } = deps;

  const app = Fastify({
    loggerInstance: logger,
    // Fastify's two lines per request are replaced by our single access-log line below.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    requestIdHeader: false,
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
    },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    // While closing, a request that arrives on a connection still open is answered (with
    // `Connection: close`), not refused with 503: the drain already told load balancers.
    return503OnClosing: false,
    // A request must have arrived whole (headers and body) within this: a client trickling a
    // body byte by byte holds neither a connection nor a shutdown for longer (408, closed).
    requestTimeout: REQUEST_RECEIVE_TIMEOUT_MS,
  });
  app.decorateRequest('graphql', null as never);
  // Hooks that never wait take Fastify's callback form: no promise per request.
  app.addHook('onRequest', (request, reply, done) => {
    request.graphql = { operationName: null, userId: null };
    reply.header('x-request-id', request.id);
    done();
  });
  registerTraceRoute(app);
  // One line per request, with who asked for what and how long it took.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.graphql.userId ?? undefined,
        operation: request.graphql.operationName ?? undefined,
        ip: request.ip,
      },
      'request completed',
    );
    done();
  });

  registerSecurityHeaders(app);
  // Without allowed origins there is nothing for CORS to answer: no hook at all.
  if (config.corsOrigins.length) {
    await app.register(fastifyCors, {
      origin: config.corsOrigins,
      credentials: true,
      exposedHeaders: ['x-request-id'],
    });
  }
  registerContentTypeErrors(app);
  registerJsonBodyParser(app);
  registerRequestBudget(app, services.rateLimits, config.httpBudget);
  const metrics = registerMetrics(app, deps.metricsRegistry, {
    serve: !config.metrics.port,
    token: config.metrics.token,
  });
  const drain = trackDrain(app);
  registerHealthRoutes(
    app,
    {
      database: async () => {
        await orm.em.getConnection().execute('select 1');
      },
    },
    deps.readinessChecks,
    () => drain.draining,
  );
  await registerGraphqlIde(app, config.ide);
  registerHomePage(app, { ide: config.ide, metrics: !config.metrics.port });

  const schema = await buildAppSchema(
    deps.pubsub,
    { max: config.defaultRateLimitPerMinute, window: '1m' },
    undefined,
    {
      [CREATE_AUDIT_FIELD]: [{ ...CREATE_AUDIT_RATE_LIMIT, max: config.createAuditRateLimitPerMinute }],
      ...config.rateLimitOverrides,
    },
  );
  const { manifest, allowIntrospection } = config.trustedDocuments;
  const trustedDocuments = manifest
    ? await TrustedDocuments.load(manifest, { allowIntrospection })
    : undefined;
  if (trustedDocuments) {
    logger.info(
      { manifest, operations: trustedDocuments.size },
      'trusted documents: only the manifest’s operations run',
    );
  }
  // Parsing, validation, limits, context and error masking: built once, for HTTP and WebSocket.
  const pipeline = new GraphQLPipeline(schema, contextFactory(orm, services), {
    introspection: config.introspection,
    jit: config.jit,
    onClientError: metrics.clientError,
    trustedDocuments,
  });
  const apollo = new ApolloServer<GraphQLContext>({
    // The schema, and execution through the pipeline (compiled operations): Apollo's documented
    // way to plug in an executor.
    gateway: pipeline.apolloGateway(),
    // The pipeline's rules decide on introspection (the same rule and wording as WebSocket).
    introspection: true,
    validationRules: [...pipeline.extraRules],
    hideSchemaDetailsFromClientErrors: !pipeline.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Checked first, with a clearer answer, by registerCsrfPrevention: the same headers here.
    csrfPrevention: { requestHeaders: CSRF_PREVENTION_HEADERS },
    persistedQueries: persistedQueries(config.persistedQueries, deps.redis, pipeline.trusted),
    parseOptions: pipeline.parseOptions,
    formatError: pipeline.formatError,
    // Compact JSON: Apollo pretty-prints responses by default (2-space indent), a cost per byte
    // on every response that no client needs.
    stringifyResult: (result) => JSON.stringify(result),
    // The process lifecycle stops the server (drain first, docs/deployment.md): Apollo's own
    // signal handlers would close Fastify at once, skipping the drain.
    stopOnTerminationSignals: false,
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      // Nothing here uses @cacheControl, Apollo's usage reporting or federated traces: without
      // these, Apollo adds no hook per resolved field and sends nothing to Apollo's cloud.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      pipeline.apolloPlugin(),
      requestErrorStatusPlugin(),
      operationPlugin(metrics, logger),
    ],
  });
  await apollo.start();
  registerReportRoutes(app, {
    orm,
    services,
    createContext: pipeline.createContext,
    metricsRegistry: deps.metricsRegistry,
  });
  registerCsrfPrevention(app);
  // The cheap bounds before Apollo validates: graphql-js's own rules are not all linear.
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql') return;
    const params = (request.method === 'GET' ? request.query : request.body) as
      { query?: unknown; variables?: unknown } | undefined;
    if (!params) return;
    const variables = parseVariables(params.variables);
    // A persisted query's hash alone: its text passed these checks when it was registered.
    const errors =
      typeof params.query === 'string'
        ? pipeline.precheck(params.query, variables)
        : pipeline.precheckVariables(variables);
    if (!errors.length) return;
    const shaped = pipeline.toClientErrors(errors, { log: request.log, requestId: request.id });
    const answer = requestErrorResponse(request.headers.accept);
    return reply
      .code(answer.status)
      .type(answer.contentType)
      .send({ errors: shaped.map((error) => error.toJSON()) });
  });
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    context: async (request) => {
      try {
        return await pipeline.createContext({
          requestId: request.id,
          log: request.log,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          credential: request.headers.authorization || [request.headers['x-api-key'] ?? []].flat()[0],
          meta: request.graphql,
        });
      } catch (error) {
        if (isExpectedError(error)) throw toGraphQLError(error, { http: { status: 401 } });
        throw error;
      }
    },
  });

  const websocket = attachWebSocketServer(app, pipeline, {
    trustedProxies: config.trustedProxies,
    ...config.websocket,
  });
  registerWebSocketMetrics(deps.metricsRegistry, websocket);
  app.addHook('preClose', async () => {
    await websocket.close();
  });

  return {
    app,
    schema,
    services,
    pipeline,
    drain,
    describeOpen: () => `${drain.describe()}, ${websocket.describe()}`,
  };
}
