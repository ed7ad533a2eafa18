// GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's /graphql path. Apollo does
// not run here: the operation goes through the same GraphQL pipeline as over HTTP (parse,
// validation, limits, context, error masking), only the transport differs.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, type DocumentNode } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isExpectedError, toGraphQLError } from '../graphql/errors.js';
import type { GraphQLPipeline } from '../graphql/pipeline.js';

export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;

/** `authorization` ("Bearer <token or key>"), else `apiKey` (a partner API key). */
function credentialFrom(params: Record<string, unknown> | undefined): string | undefined {
  for (const value of [params?.authorization, params?.Authorization, params?.apiKey]) {
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

export interface WebSocketOptions {
  trustedProxies: string[];
  /** Open WebSocket connections per client address. */
  maxConnectionsPerAddress: number;
  /** Operations running at once on one connection. */
  maxSubscriptionsPerConnection: number;
}

export function attachWebSocketServer(
  app: FastifyInstance,
  pipeline: GraphQLPipeline,
  { trustedProxies, maxConnectionsPerAddress, maxSubscriptionsPerConnection }: WebSocketOptions,
) {
  // The client's address as HTTP sees it: X-Forwarded-For only through trusted proxies.
  const trust = proxyAddr.compile(trustedProxies);
  const clientAddress = (request: IncomingMessage) => proxyAddr(request, trust);
  const { schema } = pipeline;

  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD_BYTES });
  const openPerAddress = new Map<string, number>();
  app.server.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== '/graphql') return socket.destroy();
    const address = clientAddress(request);
    const open = openPerAddress.get(address) ?? 0;
    if (open >= maxConnectionsPerAddress) {
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n` +
          `At most ${maxConnectionsPerAddress} WebSocket connections per address\n`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      openPerAddress.set(address, (openPerAddress.get(address) ?? 0) + 1);
      ws.once('close', () => {
        const left = (openPerAddress.get(address) ?? 1) - 1;
        if (left > 0) openPerAddress.set(address, left);
        else openPerAddress.delete(address);
      });
      wss.emit('connection', ws, request);
    });
  });

  type Connection = Context<Record<string, unknown>, Extra & Partial<{ connectionId: string }>>;
  /** One operation on a connection: its request id and logger. */
  const scopeOf = (ctx: Connection, id: string) => {
    const requestId = `${ctx.extra.connectionId}:${id}`;
    return { requestId, log: app.log.child({ reqId: requestId }) };
  };
  /** The same viewer resolution as HTTP, from the connection's credential. */
  const contextFor = (ctx: Connection, requestId: string) =>
    pipeline.createContext({
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
        const scope = scopeOf(ctx, id);
        // graphql-ws counts the operation being subscribed among the connection's own.
        if (Object.keys(ctx.subscriptions).length > maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `At most ${maxSubscriptionsPerConnection} operations may run at once on one connection`,
              { extensions: { code: 'RATE_LIMITED', limit: maxSubscriptionsPerConnection } },
            ),
          ];
        }
        const bounds = pipeline.precheck(payload.query, payload.variables);
        if (bounds.length) return pipeline.toClientErrors(bounds, scope);
        let document: DocumentNode;
        try {
          document = pipeline.parse(payload.query);
        } catch (error) {
          return pipeline.toClientErrors([error as GraphQLError], scope);
        }
        const errors = pipeline.validate(document, payload.variables, payload.operationName, payload.query);
        if (errors.length) return pipeline.toClientErrors(errors, scope);
        try {
          const contextValue = await contextFor(ctx, scope.requestId);
          return {
            schema,
            document,
            contextValue,
            operationName: payload.operationName,
            variableValues: payload.variables,
          };
        } catch (error) {
          if (isExpectedError(error)) return pipeline.toClientErrors([toGraphQLError(error)], scope);
          throw error;
        }
      },
      onNext: (ctx, id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: pipeline.toClientErrors(result.errors, scopeOf(ctx, id)) }
          : result,
      onError: (ctx, id, _payload, errors) => pipeline.toClientErrors(errors, scopeOf(ctx, id)),
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
