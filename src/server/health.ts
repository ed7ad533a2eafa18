// Liveness (/healthz: the process answers) and readiness (/readyz: its dependencies answer).
// A required dependency down (the database) is 503, not ready; an optional one (Redis, which the
// API can do without for a while) is 200 "degraded", naming it: a load balancer keeps routing.
// A process that is stopping is 503 at once, whatever its dependencies say (it is draining).
import type { FastifyInstance } from 'fastify';

export type ReadinessCheck = () => Promise<void>;

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(check: ReadinessCheck): Promise<string> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref()),
    ]);
    return 'ok';
  } catch (error) {
    return `failing: ${(error as Error).message}`;
  }
}

export function registerHealthRoutes(
  app: FastifyInstance,
  required: Record<string, ReadinessCheck>,
  optional: Record<string, ReadinessCheck> = {},
  stopping: () => boolean = () => false,
): void {
  app.get('/healthz', async () => ({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }));
  app.get('/readyz', async (_request, reply) => {
    if (stopping()) return reply.code(503).send({ status: 'stopping' });
    const all = { ...required, ...optional };
    const names = Object.keys(all);
    const results = await Promise.all(names.map((name) => runCheck(all[name]!)));
    const checks = Object.fromEntries(names.map((name, index) => [name, results[index]]));
    const failing = names.filter((name) => checks[name] !== 'ok');
    if (failing.some((name) => name in required)) {
      return reply.code(503).send({ status: 'not ready', checks });
    }
    if (failing.length) return reply.send({ status: `degraded: ${failing.join(', ')}`, checks });
    return reply.send({ status: 'ready', checks });
  });
}
