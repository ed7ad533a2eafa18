// Batched user reads, created per request through the request's Loaders.
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { User } from './user.entity.js';
import { UserRow, type UserRecord } from './user-row.js';

/** Users by id in one query per tick (e.g. the owners of a page of audits). */
export const userById = (em: EntityManager) =>
  new DataLoader<string, User | null>(async (ids) => {
    const users = await em.find(User, { id: { $in: [...ids] } });
    const byId = new Map(users.map((user) => [user.id, user]));
    return ids.map((id) => byId.get(id) ?? null);
  });

export interface UserRowKey {
  id: string;
  /** From `userColumnsFor`: fixed column names, comma-separated. */
  columns: string;
}

/** Users by id as plain rows of some columns: one query per column set and tick. */
export const userRowById = (em: EntityManager) =>
  new DataLoader<UserRowKey, UserRow | null, string>(
    async (keys) => {
      const byColumns = new Map<string, string[]>();
      for (const key of keys) {
        const ids = byColumns.get(key.columns);
        if (ids) ids.push(key.id);
        else byColumns.set(key.columns, [key.id]);
      }
      const rows = new Map<string, UserRow>();
      for (const [columns, ids] of byColumns) {
        const records = await em
          .getConnection()
          .execute<UserRecord[]>(`select ${columns} from users where id in (?)`, [ids]);
        for (const record of records) rows.set(`${columns}|${record.id}`, new UserRow(record));
      }
      return keys.map((key) => rows.get(`${key.columns}|${key.id}`) ?? null);
    },
    { cacheKeyFn: (key) => `${key.columns}|${key.id}` },
  );
