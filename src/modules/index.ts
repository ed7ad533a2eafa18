// Every module of the app, in one list: adding a module means adding its manifest here.
import { apiKeysModule } from './api-keys/api-keys.module.js';
import { auditsModule } from './audits/audits.module.js';
import { authModule } from './auth/auth.module.js';
import { mailModule } from './mail/mail.module.js';
import type { AppModule } from './module.types.js';
import { plansModule } from './plans/plans.module.js';
import { projectsModule } from './projects/projects.module.js';
import { reportsModule } from './reports/reports.module.js';
import { securityModule } from './security/security.module.js';
import { usersModule } from './users/users.module.js';
import { webhooksModule } from './webhooks/webhooks.module.js';
import { workspacesModule } from './workspaces/workspaces.module.js';

export const MODULES: readonly AppModule[] = [
  usersModule,
  authModule,
  apiKeysModule,
  auditsModule,
  plansModule,
  securityModule,
  mailModule,
  workspacesModule,
  projectsModule,
  webhooksModule,
  reportsModule,
];

/** Every persisted entity, listed explicitly (no folder scanning). */
export const ENTITIES = MODULES.flatMap((module) => module.entities);
