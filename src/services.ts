// The application's services, built once per process. Stateless: every call takes the
// request context explicitly.
import type { Config } from './config.js';
import type { PubSub } from './infra/pubsub.js';
import type { RateLimitStore } from './infra/rate-limit/index.js';
import type { JobQueue } from './jobs/queue.js';
import { ApiKeyService } from './modules/api-keys/api-key.service.js';
import { AuditService } from './modules/audits/audit.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { TokenService } from './modules/auth/tokens.js';
import { QuotaService } from './modules/plans/quota.service.js';
import { UserService } from './modules/users/user.service.js';

export interface Services {
  config: Config;
  auth: AuthService;
  users: UserService;
  audits: AuditService;
  rateLimits: RateLimitStore;
  apiKeys: ApiKeyService;
  quotas: QuotaService;
}

export interface ServiceDependencies {
  config: Config;
  queue: JobQueue;
  pubsub: PubSub;
  rateLimits: RateLimitStore;
}

export function createServices({ config, queue, pubsub, rateLimits }: ServiceDependencies): Services {
  const tokens = new TokenService(config.jwtSecret, config.accessTokenTtlSeconds);
  const apiKeys = new ApiKeyService();
  const quotas = new QuotaService(config);
  const auth = new AuthService(config, tokens, apiKeys);
  return {
    config,
    auth,
    users: new UserService(auth),
    audits: new AuditService(config, queue, pubsub, quotas),
    rateLimits,
    apiKeys,
    quotas,
  };
}
