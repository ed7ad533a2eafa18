// The application's services, built once per process from the config. Stateless: every
// call takes the request context explicitly.
import type { Config } from './config.js';
import { AuthService } from './modules/auth/auth.service.js';
import { TokenService } from './modules/auth/tokens.js';
import { UserService } from './modules/users/user.service.js';

export interface Services {
  config: Config;
  auth: AuthService;
  users: UserService;
}

export function createServices(config: Config): Services {
  const tokens = new TokenService(config.jwtSecret, config.accessTokenTtlSeconds);
  const auth = new AuthService(config, tokens);
  return { config, auth, users: new UserService(auth) };
}
