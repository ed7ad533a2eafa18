import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A stored answer-engine answer, reused by audits asking the same thing within its lifetime. */
@Entity({ tableName: 'answer_cache' })
export class AnswerCacheEntry {
  /** Engine, base URL, model, sample and prompt, hashed (see answerCacheKey). */
  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  @Property({ type: 'json' })
  answer!: Record<string, unknown>;

  @Property({ type: 'datetime' })
  @Index()
  expiresAt!: Date;
}
