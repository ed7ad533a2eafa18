// GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's /graphql path.
// Apollo's pipeline does not run here, so authentication, validation and error formatting
// are applied explicitly with the same pieces as over HTTP.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { formatError, isExpectedError } from '../graphql/errors.js';
import { parseDocument, queryValidationRules, type QueryLimits } from '../graphql/validation/index.js';
import type { ContextFactory } from './request-context.js';

export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** `authorization` ("Bearer <token or key>"), else `apiKey` (a partner API key). */
function credentialFrom(params: Record<string, unknown> | undefined): string | undefined {
  for (const value of [params?.authorization, params?.Authorization, params?.apiKey]) {
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

export interface WebSocketOptions {
  limits: QueryLimits;
  /** Off in production: then, as over HTTP, no introspection and no "Did you mean …?" hints. */
  introspection: boolean;
  trustedProxies: string[];
}

export function attachWebSocketServer(
  app: FastifyInstance,
  schema: GraphQLSchema,
  createContext: ContextFactory,
  { limits, introspection, trustedProxies }: WebSocketOptions,
) {
  // The client's address as HTTP sees it: X-Forwarded-For only through trusted proxies.
  const trust = proxyAddr.compile(trustedProxies);
  const clientAddress = (request: IncomingMessage) => proxyAddr(request, trust);
  const toGraphQLErrors = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      const formatted = formatError(error.toJSON(), error);
      const message = introspection
        ? formatted.message
        : formatted.message.replace(/ ?Did you mean(.+?)\?$/, '');
      return new GraphQLError(message, { extensions: formatted.extensions });
    });
  const baseRules = introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];

  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  app.server.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/graphql') return socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  type Connection = Context<Record<string, unknown>, Extra & Partial<{ connectionId: string }>>;
  /** The same viewer resolution as HTTP, from the connection's credential. */
  const contextFor = (ctx: Connection, requestId: string) =>
    createContext({
      requestId,
      log: app.log.child({ reqId: requestId }),
      ip: clientAddress(ctx.extra.request),
      userAgent: ctx.extra.request.headers['user-agent'] ?? null,
      credential: credentialFrom(ctx.connectionParams),
    });

  const server = useServer<Record<string, unknown>, { connectionId: string }>(
    {
      schema,
      // Refuse a bad credential at connection time, as graphql-ws conventions say: 4401.
      onConnect: async (ctx) => {
        ctx.extra.connectionId = randomUUID();
        try {
          await contextFor(ctx, ctx.extra.connectionId);
          return true;
        } catch (error) {
          if (isExpectedError(error) && error.extensions.code === 'UNAUTHENTICATED') {
            ctx.extra.socket.close(CloseCode.Unauthorized, error.message.slice(0, 120));
            return false;
          }
          throw error;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        let document;
        try {
          document = parseDocument(payload.query, limits);
        } catch (error) {
          return toGraphQLErrors([error as GraphQLError]);
        }
        const rules = [...baseRules, ...queryValidationRules(schema, limits, payload.variables ?? {})];
        const errors = validate(schema, document, rules);
        if (errors.length) return toGraphQLErrors(errors);
        try {
          const contextValue = await contextFor(ctx, `${ctx.extra.connectionId}:${id}`);
          return {
            schema,
            document,
            contextValue,
            operationName: payload.operationName,
            variableValues: payload.variables,
          };
        } catch (error) {
          if (isExpectedError(error)) return [error];
          throw error;
        }
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: toGraphQLErrors(result.errors) } : result,
      onError: (_ctx, _id, _payload, errors) => toGraphQLErrors(errors),
    },
    wss,
  );

  return {
    close: async () => {
      await server.dispose();
      wss.close();
    },
  };
}
