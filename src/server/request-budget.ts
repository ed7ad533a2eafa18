// A request budget per client address at the HTTP layer, before any GraphQL work: anonymous
// requests (no credential header) get the smallest, so a flood of them cannot slow signed-in
// users down; requests with a credential get a larger one (a forged header buys little: a bad
// credential is refused before validation). Counted in the shared rate-limit store.
import type { FastifyInstance } from 'fastify';
import type { RateLimitStore } from '../infra/rate-limit/index.js';

const WINDOW_MS = 60_000;

export interface RequestBudget {
  anonymousPerMinute: number;
  perMinute: number;
}

export function registerRequestBudget(
  app: FastifyInstance,
  store: RateLimitStore,
  budget: RequestBudget,
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== '/graphql' || request.method === 'OPTIONS') return;
    const anonymous = !request.headers.authorization && !request.headers['x-api-key'];
    const max = anonymous ? budget.anonymousPerMinute : budget.perMinute;
    const decision = await store.hit(
      `http:${anonymous ? 'anonymous' : 'credential'}:${request.ip}`,
      max,
      WINDOW_MS,
      { lease: true },
    );
    if (decision.allowed) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    return reply
      .code(429)
      .header('retry-after', String(retryAfterSeconds))
      .send({
        errors: [
          {
            message: `Too many requests from this address: at most ${max} per minute${anonymous ? ' without signing in' : ''}. Retry in ${retryAfterSeconds} s.`,
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds, limit: max, window: '1m' },
          },
        ],
      });
  });
}
