// Answers shared by every worker through PostgreSQL: a rerun on any worker within the TTL
// does not pay the providers twice (the engine's in-memory cache only serves one process).
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AnswerCache, EngineAnswer } from '../../audit-engine/visibility/index.js';

/** Expired rows are swept every this many writes. */
const SWEEP_EVERY_WRITES = 100;

export class DatabaseAnswerCache implements AnswerCache {
  private writes = 0;

  constructor(private readonly orm: MikroORM) {}

  async get(key: string): Promise<EngineAnswer | undefined> {
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ answer: EngineAnswer }[]>(
        'select answer from answer_cache where key = ? and expires_at > now()',
        [key],
      );
    return rows[0]?.answer;
  }

  async set(key: string, answer: EngineAnswer, ttlMs: number): Promise<void> {
    if (ttlMs <= 0) return;
    const connection = this.orm.em.fork().getConnection();
    await connection.execute(
      `insert into answer_cache (key, answer, expires_at) values (?, ?, now() + ? * interval '1 millisecond')
       on conflict (key) do update set answer = excluded.answer, expires_at = excluded.expires_at`,
      [key, JSON.stringify(answer), ttlMs],
    );
    if (++this.writes % SWEEP_EVERY_WRITES === 0) {
      await connection.execute('delete from answer_cache where expires_at <= now()');
    }
  }
}
