import { Migration } from '@mikro-orm/migrations';

export class Migration20261122005428_audits extends Migration {
  override name = 'Migration20261122005428_audits';

  override up(): void | Promise<void> {
    // Trigram index for the url `search` filter (substring, case-insensitive).
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create type "audit_kind" as enum ('SITE', 'VISIBILITY');`);
    this.addSql(
      `create type "audit_status" as enum ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');`,
    );
    this.addSql(`create type "finding_severity" as enum ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO');`);
    this.addSql(
      `create table "audits" ("id" uuid not null, "owner_id" uuid not null, "kind" "audit_kind" not null, "url" varchar(2048) not null, "input" jsonb not null, "status" "audit_status" not null default 'QUEUED', "progress" double precision not null default 0, "stage" varchar(200) null, "message" varchar(500) null, "score" double precision null, "score_rank" double precision generated always as (coalesce(score, -1)) stored null, "grade" varchar(2) null, "categories" jsonb not null, "details" jsonb null, "error" text null, "attempts" int not null default 0, "job_id" uuid null, "cancel_requested_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "audits_url_trgm_index" on "audits" using gin ("url" gin_trgm_ops);`);
    this.addSql(`create index "audits_status_index" on "audits" ("status");`);
    this.addSql(`create index "audits_created_at_id_index" on "audits" ("created_at", "id");`);
    this.addSql(`create index "audits_owner_id_kind_index" on "audits" ("owner_id", "kind");`);
    this.addSql(`create index "audits_owner_id_status_index" on "audits" ("owner_id", "status");`);
    this.addSql(
      `create index "audits_owner_id_score_rank_id_index" on "audits" ("owner_id", "score_rank", "id");`,
    );
    this.addSql(
      `create index "audits_owner_id_updated_at_id_index" on "audits" ("owner_id", "updated_at", "id");`,
    );
    this.addSql(
      `create index "audits_owner_id_created_at_id_index" on "audits" ("owner_id", "created_at", "id");`,
    );

    this.addSql(
      `create table "findings" ("id" uuid not null, "audit_id" uuid not null, "rank" int not null, "check_id" varchar(100) not null, "category" varchar(50) not null, "severity" "finding_severity" not null, "title" varchar(300) not null, "detail" text not null, "recommendation" text not null, "urls" jsonb not null, "points_lost" double precision not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "findings_audit_id_severity_rank_index" on "findings" ("audit_id", "severity", "rank");`,
    );
    this.addSql(`create index "findings_audit_id_rank_index" on "findings" ("audit_id", "rank");`);

    this.addSql(
      `alter table "audits" add constraint "audits_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "findings" add constraint "findings_audit_id_foreign" foreign key ("audit_id") references "audits" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "findings" drop constraint "findings_audit_id_foreign";`);

    this.addSql(`drop table if exists "audits" cascade;`);
    this.addSql(`drop table if exists "findings" cascade;`);

    this.addSql(`drop type "audit_kind";`);
    this.addSql(`drop type "audit_status";`);
    this.addSql(`drop type "finding_severity";`);
  }
}
