import { Migration } from '@mikro-orm/migrations';

export class Migration20261202051255_projects extends Migration {
  override name = 'Migration20261202051255_projects';

  override up(): void | Promise<void> {
    this.addSql(
      `create type "project_event_type" as enum ('RUN_STARTED', 'RUN_SKIPPED', 'AUDIT_SUCCEEDED', 'AUDIT_FAILED', 'ALERT');`,
    );
    this.addSql(
      `create table "projects" ("id" uuid not null, "workspace_id" uuid not null, "owner_id" uuid not null, "name" varchar(100) not null, "url" varchar(2048) not null, "kinds" text[] not null, "input" jsonb not null, "schedule" varchar(100) null, "timezone" varchar(64) not null default 'UTC', "paused" boolean not null default false, "alert_rules" jsonb not null, "next_run_at" timestamptz null, "last_run_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "projects_due_index" on "projects" ("next_run_at") where "next_run_at" is not null;`,
    );
    this.addSql(
      `create index "projects_workspace_id_created_at_id_index" on "projects" ("workspace_id", "created_at", "id");`,
    );

    this.addSql(
      `create table "project_events" ("id" uuid not null, "project_id" uuid not null, "audit_id" uuid null, "type" "project_event_type" not null, "message" varchar(1000) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "project_events_project_id_created_at_id_index" on "project_events" ("project_id", "created_at", "id");`,
    );

    this.addSql(
      `create unique index "project_events_outcome_unique" on "project_events" ("audit_id") where "type" in ('AUDIT_SUCCEEDED', 'AUDIT_FAILED');`,
    );

    this.addSql(`alter table "audits" add "project_id" uuid null;`);
    this.addSql(
      `create index "audits_project_id_created_at_id_index" on "audits" ("project_id", "created_at", "id");`,
    );

    this.addSql(
      `alter table "projects" add constraint "projects_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "projects" add constraint "projects_owner_id_foreign" foreign key ("owner_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "projects" add constraint "projects_kinds_check" check ("kinds" <@ array['SITE'::text, 'VISIBILITY'::text]);`,
    );

    this.addSql(
      `alter table "project_events" add constraint "project_events_project_id_foreign" foreign key ("project_id") references "projects" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "project_events" add constraint "project_events_audit_id_foreign" foreign key ("audit_id") references "audits" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "project_events" drop constraint "project_events_project_id_foreign";`);

    this.addSql(`drop table if exists "projects" cascade;`);
    this.addSql(`drop table if exists "project_events" cascade;`);

    this.addSql(`drop index "audits_project_id_created_at_id_index";`);
    this.addSql(`alter table "audits" drop column "project_id";`);

    this.addSql(`drop type "project_event_type";`);
  }
}
