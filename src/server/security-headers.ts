// Security headers on every response (helmet): a strict Content-Security-Policy with what the
// self-hosted IDE needs (its own scripts, inline styles, WebSocket), and helmet's other
// defaults. helmet's middleware is built once, here: @fastify/helmet builds it anew on every
// request (each header's options and the CSP directives parsed again), which cost about 4% of
// the API's time under load.
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const CONTENT_SECURITY_POLICY = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'ws:', 'wss:'],
  },
};

export function registerSecurityHeaders(app: FastifyInstance): void {
  const apply = helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  // Set on the raw response before any handler runs: a route may still replace one (reports do).
  app.addHook('onRequest', (request, reply, done) =>
    apply(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
}
