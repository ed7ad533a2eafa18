import { Migration } from '@mikro-orm/migrations';

export class Migration20261122011214_answer_cache extends Migration {
  override name = 'Migration20261122011214_answer_cache';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "answer_cache" ("key" varchar(200) not null, "answer" jsonb not null, "expires_at" timestamptz not null, primary key ("key"));`,
    );
    this.addSql(`create index "answer_cache_expires_at_index" on "answer_cache" ("expires_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "answer_cache" cascade;`);
  }
}
