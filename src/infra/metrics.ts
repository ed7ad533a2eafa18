// The process's Prometheus registry (one per API or worker instance, so two in one test
// process do not collide), with Node's default metrics.
import { Registry, collectDefaultMetrics } from 'prom-client';

export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
