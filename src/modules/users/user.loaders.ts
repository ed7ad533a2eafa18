// Batched user reads, created per request through the request's Loaders.
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { User } from './user.entity.js';

/** Users by id in one query per tick (e.g. the owners of a page of audits). */
export const userById = (em: EntityManager) =>
  new DataLoader<string, User | null>(async (ids) => {
    const users = await em.find(User, { id: { $in: [...ids] } });
    const byId = new Map(users.map((user) => [user.id, user]));
    return ids.map((id) => byId.get(id) ?? null);
  });
