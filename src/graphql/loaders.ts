// Every DataLoader, created per request (and per subscription event): a loader's cache must
// never outlive the request that filled it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { createAuditLoaders } from '../modules/audits/audit.loaders.js';
import { createUserLoaders } from '../modules/users/user.loaders.js';

export function createLoaders(em: EntityManager) {
  return { ...createUserLoaders(em), ...createAuditLoaders(em) };
}

export type Loaders = ReturnType<typeof createLoaders>;
