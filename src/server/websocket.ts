// GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's /graphql path. Apollo does
// not run here: the operation goes through the same GraphQL pipeline as over HTTP (parse,
// validation, limits, context, error masking), only the transport differs.
//
// Built for many idle connections and wide fan-out: graphql-ws's protocol core (`makeServer`)
// over `ws` with our own glue instead of its `useServer`, so that a connection costs a socket
// and a little state — one keep-alive sweep for all connections instead of two timers each, no
// compression state, the credential resolved once at connect and used by the first operation —
// and a subscription event is executed once per distinct (document, variables, viewer) and its
// serialized result written to every subscriber with the same key (shared-execution.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyInstance } from 'fastify';
import {
  createSourceEventStream,
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { EXPRESS, ITERATOR_DONE, type Expressible } from '../common/closable-iterator.js';
import type { AppLogger } from '../common/logger.js';
import type { GraphQLContext } from '../graphql/context.js';
import { isExpectedError, toGraphQLError } from '../graphql/errors.js';
import type { GraphQLPipeline } from '../graphql/pipeline.js';
import { FrameBatch } from './next-frames.js';
import { SharedExecution } from './shared-execution.js';

export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;
/** Ping every connection this often; one that did not answer the previous ping is dropped. */
const KEEP_ALIVE_MS = 12_000;
/** The context resolved at connect serves an operation subscribed this soon after. */
const CONNECT_CONTEXT_REUSE_MS = 2_000;
/** Parsed documents remembered by text (subscribers of one screen send the same). */
const MAX_REMEMBERED_DOCUMENTS = 500;
const MAX_REMEMBERED_DOCUMENT = 20_000;
/** A subscriber this far behind (bytes queued on its socket) is disconnected rather than buffered. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** RFC 6455's "going away": the server is stopping (graphql-ws clients reconnect). */
const GOING_AWAY = 1001;
/** At close, a client that has not answered the 1001 close frame this soon is disconnected. */
const CLOSE_HANDSHAKE_WAIT_MS = 3_000;

/** `authorization` ("Bearer <token or key>"), else `apiKey` (a partner API key). */
function credentialFrom(params: Record<string, unknown> | undefined): string | undefined {
  for (const value of [params?.authorization, params?.Authorization, params?.apiKey]) {
    if (typeof value === 'string' && value) return value;
  }
  return undefined;
}

/** What a viewer's results may depend on: subscribers with equal keys get equal answers. */
function visibilityKeyOf(viewer: NonNullable<GraphQLContext['viewer']>): string {
  const key = viewer.apiKey;
  return [
    viewer.userId,
    viewer.role,
    viewer.sessionId ?? '',
    key ? `${key.id}:${key.workspaceId}:${key.role}:${key.scopes.join(',')}` : '',
  ].join('|');
}

/**
 * The visibility key of a context's viewer, computed once per viewer object: a re-check puts a
 * fresh viewer on the context rather than changing the one it had, so the key follows it.
 */
function visibilityOfViewers(): (contextValue: unknown) => string {
  const keys = new WeakMap<object, string>();
  return (contextValue) => {
    const viewer = (contextValue as GraphQLContext).viewer;
    if (!viewer) return 'anonymous';
    let key = keys.get(viewer);
    if (key === undefined) keys.set(viewer, (key = visibilityKeyOf(viewer)));
    return key;
  };
}

export interface WebSocketOptions {
  trustedProxies: string[];
  /** Open WebSocket connections per client address. */
  maxConnectionsPerAddress: number;
  /** Operations running at once on one connection. */
  maxSubscriptionsPerConnection: number;
}

/** What a connection keeps: its socket and the facts of its upgrade request, not the request. */
interface ConnectionExtra {
  socket: WebSocket;
  connectionId: string;
  ip: string;
  userAgent: string | null;
}

type Connection = Context<Record<string, unknown>, ConnectionExtra>;

/** Where a subscription's events go, and under which request id its errors are logged. */
interface Delivery {
  socket: WebSocket;
  id: string;
  scope: { requestId: string; log: AppLogger };
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
  const shared = new SharedExecution(visibilityOfViewers());
  const documents = new Map<string, DocumentNode>();
  /** Contexts resolved at connect, waiting for the connection's first operation. */
  const connectContexts = new Map<string, { context: Promise<GraphQLContext>; at: number }>();
  const deliveries = new WeakMap<object, Delivery>();
  /** Every frame and message this server sends, in order per socket (next-frames.ts). */
  const frames = new FrameBatch();
  /** Subscriptions whose event stream is open (for metrics). */
  let runningSubscriptions = 0;

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    perMessageDeflate: false,
    clientTracking: true,
    handleProtocols: (protocols) => handleProtocols(protocols),
  });
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
      wss.emit('connection', ws, request, address);
    });
  });

  /** One operation on a connection: its request id and logger. */
  const scopeOf = (ctx: Connection, id: string) => {
    const requestId = `${ctx.extra.connectionId}:${id}`;
    return { requestId, log: app.log.child({ reqId: requestId }) };
  };
  /** The same viewer resolution as HTTP, from the connection's credential. */
  const contextFor = (ctx: Connection, requestId: string, log: AppLogger) =>
    pipeline.createContext({
      requestId,
      log,
      ip: ctx.extra.ip,
      userAgent: ctx.extra.userAgent,
      credential: credentialFrom(ctx.connectionParams),
    });
  /** The connect-time context when it is fresh (once), else a new one. */
  const operationContext = (ctx: Connection, scope: { requestId: string; log: AppLogger }) => {
    const waiting = connectContexts.get(ctx.extra.connectionId);
    connectContexts.delete(ctx.extra.connectionId);
    if (waiting && Date.now() - waiting.at <= CONNECT_CONTEXT_REUSE_MS) {
      return waiting.context.then((context) => {
        context.requestId = scope.requestId;
        context.log = context.viewer ? scope.log.child({ userId: context.viewer.userId }) : scope.log;
        return context;
      });
    }
    return contextFor(ctx, scope.requestId, scope.log);
  };

  const documentOf = (query: string): DocumentNode => {
    let document = documents.get(query);
    if (!document) {
      document = pipeline.parse(query);
      if (query.length <= MAX_REMEMBERED_DOCUMENT) {
        if (documents.size >= MAX_REMEMBERED_DOCUMENTS) documents.clear();
        documents.set(query, document);
      }
    }
    return document;
  };

  /**
   * Writes one result to one subscriber: the shared frame (one write, framed once per event and
   * id) unless the result carries errors, which are masked for this subscriber's request.
   */
  const deliver = (delivery: Delivery, result: ExecutionResult) => {
    const { socket, id, scope } = delivery;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(CloseCode.InternalServerError, 'Too slow: events are not being read');
      return;
    }
    if (!result.errors) return frames.add(socket, shared.frame(result, id));
    const payload = JSON.stringify({
      ...result,
      errors: pipeline.toClientErrors(result.errors, scope).map((error) => error.toJSON()),
    });
    frames.sendNow(socket, `{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
  };

  /**
   * A subscription's source stream, each event answered through the shared execution and
   * written straight to the subscriber; graphql-ws sees an iterator that ends (or fails) when
   * the stream does, and sends `complete` (or `error`) after the last event as usual. Events the
   * stream hands over in its express lane (closable-iterator.ts) are answered at once, in the
   * broker's callback, one loop for every subscriber of a topic; an answer still executing holds
   * back the events after it, so that each subscriber's events stay in order.
   */
  const pump = (
    source: AsyncIterator<unknown> & Expressible<unknown>,
    args: ExecutionArgs,
    delivery: Delivery,
  ) => {
    let closed = false;
    // Counted among the running subscriptions until it ends, whichever way it ends.
    let counted = true;
    runningSubscriptions++;
    const ended = () => {
      if (counted) runningSubscriptions--;
      counted = false;
    };
    /**
     * Events that wait for an answer still executing (undefined when none does), in order: no
     * promise per subscriber, so a wide fan-out whose execution is asynchronous stays one loop.
     */
    let backlog: unknown[] | undefined;
    let failure: { error: unknown } | undefined;
    /** Resolves the pull side waiting for the backlog to empty. */
    let caughtUp: (() => void) | undefined;
    const send = (value: unknown) => {
      if (closed || failure) return;
      if (backlog) return void backlog.push(value);
      const result = shared.result(value, args);
      if (!(result instanceof Promise)) return deliver(delivery, result);
      backlog = [];
      shared.whenSettled(result, written, failed);
    };
    const written = (result: ExecutionResult) => {
      if (!closed) deliver(delivery, result);
      const queued = backlog ?? [];
      backlog = undefined;
      for (let index = 0; index < queued.length; index++) {
        send(queued[index]);
        // Waiting again: the rest queue behind that answer.
        if (backlog) return void (backlog as unknown[]).push(...queued.slice(index + 1));
      }
      caughtUp?.();
    };
    const failed = (error: unknown) => {
      failure ??= { error };
      backlog = undefined;
      caughtUp?.();
      void source.return?.(); // the waiting next() ends, and reports the failure
    };
    /** Resolves once every event handed over so far is written (the pull side waits for it). */
    const drained = async () => {
      while (backlog) await new Promise<void>((resolve) => (caughtUp = resolve));
      caughtUp = undefined;
    };
    source[EXPRESS]?.((value) => {
      if (closed) return false;
      send(value);
      return true;
    });
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        try {
          while (!closed) {
            const event = await source.next();
            if (event.done || closed) break;
            send(event.value);
            if (backlog) await drained();
          }
          if (backlog) await drained();
          if (failure) throw failure.error;
        } finally {
          ended();
        }
        return ITERATOR_DONE;
      },
      async return() {
        closed = true;
        ended();
        await source.return?.();
        return ITERATOR_DONE;
      },
      async throw(error: unknown) {
        closed = true;
        ended();
        await source.return?.();
        throw error;
      },
    };
    return iterator;
  };

  const server = makeServer<Record<string, unknown>, ConnectionExtra>({
    schema,
    // Refuse a bad credential at connection time, as graphql-ws conventions say: 4401.
    onConnect: async (ctx) => {
      const requestId = ctx.extra.connectionId;
      const context = contextFor(ctx, requestId, app.log.child({ reqId: requestId }));
      try {
        await context;
        connectContexts.set(ctx.extra.connectionId, { context, at: Date.now() });
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
      // The text, or the trusted manifest's for a hash sent alone (extensions.persistedQuery).
      const query = pipeline.queryText(payload.query, payload.extensions);
      if (typeof query !== 'string') return pipeline.toClientErrors([query], scope);
      const bounds = pipeline.precheck(query, payload.variables);
      if (bounds.length) return pipeline.toClientErrors(bounds, scope);
      let document: DocumentNode;
      try {
        document = documentOf(query);
      } catch (error) {
        return pipeline.toClientErrors([error as GraphQLError], scope);
      }
      const errors = pipeline.validate(document, payload.variables, payload.operationName, query);
      if (errors.length) return pipeline.toClientErrors(errors, scope);
      try {
        const contextValue = await operationContext(ctx, scope);
        deliveries.set(contextValue, { socket: ctx.extra.socket, id, scope });
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
    subscribe: async (args) => {
      const source = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in source)) return source;
      const delivery = deliveries.get(args.contextValue as object);
      if (!delivery) throw new Error('subscription without a delivery');
      return pump(source[Symbol.asyncIterator](), args, delivery);
    },
    onNext: (ctx, id, _payload, _args, result) =>
      result.errors
        ? { ...result, errors: pipeline.toClientErrors(result.errors, scopeOf(ctx, id)) }
        : result,
    onError: (ctx, id, _payload, errors) => pipeline.toClientErrors(errors, scopeOf(ctx, id)),
    onClose: (ctx) => void connectContexts.delete(ctx.extra.connectionId),
  });

  // One sweep for every connection: a ping each, and whoever missed the previous one is gone.
  const unanswered = new WeakSet<WebSocket>();
  const keepAlive = setInterval(() => {
    for (const socket of wss.clients) {
      if (unanswered.has(socket)) {
        socket.terminate();
        continue;
      }
      if (socket.readyState !== socket.OPEN) continue;
      unanswered.add(socket);
      socket.ping();
    }
    const stale = Date.now() - CONNECT_CONTEXT_REUSE_MS;
    for (const [id, waiting] of connectContexts) if (waiting.at < stale) connectContexts.delete(id);
  }, KEEP_ALIVE_MS);
  keepAlive.unref();

  wss.on('connection', (socket: WebSocket, request: IncomingMessage, address: string) => {
    socket.on('pong', () => unanswered.delete(socket));
    socket.once('error', (error) => {
      app.log.warn({ err: error }, 'WebSocket error');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => frames.sendNow(socket, data),
        close: (code, reason) => {
          frames.flush();
          socket.close(code, reason);
        },
        onMessage: (handle) =>
          socket.on('message', (data: Buffer) => {
            handle(data.toString()).catch((error: unknown) => {
              app.log.error({ err: error }, 'WebSocket message handling failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      {
        socket,
        connectionId: randomUUID(),
        ip: address,
        userAgent: request.headers['user-agent'] ?? null,
      },
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });

  return {
    /** The shared execution (how many events were executed, for tests). */
    shared,
    /** Open connections and running subscriptions, read at scrape time (server/metrics.ts). */
    connections: () => wss.clients.size,
    subscriptions: () => runningSubscriptions,
    /** Open connections, for the description of what a stop still waits for. */
    describe: () => `${wss.clients.size} WebSocket connection${wss.clients.size === 1 ? '' : 's'}`,
    /**
     * Every connection closed with 1001 (Going away: clients reconnect, to another replica);
     * resolves once all are closed, a client that does not answer the close frame cut off.
     */
    close: async () => {
      clearInterval(keepAlive);
      frames.flush();
      for (const client of wss.clients) client.close(GOING_AWAY, 'Going away');
      connectContexts.clear();
      const closed = new Promise<void>((resolve, reject) =>
        wss.close((error) => (error ? reject(error) : resolve())),
      );
      const cutOff = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, CLOSE_HANDSHAKE_WAIT_MS);
      try {
        await closed;
      } finally {
        clearTimeout(cutOff);
      }
    },
  };
}
