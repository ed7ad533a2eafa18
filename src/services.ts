// The application's services, built once per process. Stateless: every call takes the
// request context explicitly.
import type { Config } from './config.js';
import type { PubSub } from './infra/pubsub.js';
import type { JobQueue } from './jobs/queue.js';
import { AuditService } from './modules/audits/audit.service.js';
import { AuthService } from './modules/auth/auth.service.js';
import { TokenService } from './modules/auth/tokens.js';
import { UserService } from './modules/users/user.service.js';

export interface Services {
  config: Config;
  auth: AuthService;
  users: UserService;
  audits: AuditService;
}

export interface ServiceDependencies {
  config: Config;
  queue: JobQueue;
  pubsub: PubSub;
}

export function createServices({ config, queue, pubsub }: ServiceDependencies): Services {
  const tokens = new TokenService(config.jwtSecret, config.accessTokenTtlSeconds);
  const auth = new AuthService(config, tokens);
  return { config, auth, users: new UserService(auth), audits: new AuditService(config, queue, pubsub) };
}
