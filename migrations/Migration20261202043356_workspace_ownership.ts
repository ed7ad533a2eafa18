import { Migration } from '@mikro-orm/migrations';

export class Migration20261202043356_workspace_ownership extends Migration {
  override name = 'Migration20261202043356_workspace_ownership';

  // Audits, API keys, quota use and plans belong to workspaces now: each user's existing ones
  // move into their personal workspace (every account has one since the workspaces migration).
  override up(): void | Promise<void> {
    this.addSql(
      `create table "workspace_plans" ("workspace_id" uuid not null, "plan" "plan" not null, "updated_at" timestamptz not null, "updated_by_id" uuid null, primary key ("workspace_id"));`,
    );
    this.addSql(
      `alter table "workspace_plans" add constraint "workspace_plans_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`insert into "workspace_plans" ("workspace_id", "plan", "updated_at", "updated_by_id")
      select w."id", p."plan", p."updated_at", p."updated_by_id"
        from "user_plans" p join "workspaces" w on w."personal_owner_id" = p."user_id";`);
    this.addSql(`drop table if exists "user_plans" cascade;`);

    this.addSql(`alter table "audit_quota_usage" drop constraint "audit_quota_usage_user_id_foreign";`);
    this.addSql(`drop index "audit_quota_usage_user_id_created_at_index";`);
    this.addSql(`alter table "audit_quota_usage" rename column "user_id" to "workspace_id";`);
    this.addSql(`update "audit_quota_usage" q set "workspace_id" = w."id"
      from "workspaces" w where w."personal_owner_id" = q."workspace_id";`);
    this.addSql(
      `alter table "audit_quota_usage" add constraint "audit_quota_usage_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade;`,
    );
    this.addSql(
      `create index "audit_quota_usage_workspace_id_created_at_index" on "audit_quota_usage" ("workspace_id", "created_at");`,
    );

    this.addSql(`drop index "audits_owner_id_kind_index";`);
    this.addSql(`drop index "audits_owner_id_score_rank_id_index";`);
    this.addSql(`drop index "audits_owner_id_status_index";`);
    this.addSql(`drop index "audits_owner_id_updated_at_id_index";`);
    this.addSql(`alter table "audits" add "workspace_id" uuid null;`);
    this.addSql(`update "audits" a set "workspace_id" = w."id"
      from "workspaces" w where w."personal_owner_id" = a."owner_id";`);
    this.addSql(`alter table "audits" alter column "workspace_id" set not null;`);
    this.addSql(
      `alter table "audits" add constraint "audits_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade;`,
    );
    this.addSql(`create index "audits_workspace_id_kind_index" on "audits" ("workspace_id", "kind");`);
    this.addSql(`create index "audits_workspace_id_status_index" on "audits" ("workspace_id", "status");`);
    this.addSql(
      `create index "audits_workspace_id_score_rank_id_index" on "audits" ("workspace_id", "score_rank", "id");`,
    );
    this.addSql(
      `create index "audits_workspace_id_updated_at_id_index" on "audits" ("workspace_id", "updated_at", "id");`,
    );
    this.addSql(
      `create index "audits_workspace_id_created_at_id_index" on "audits" ("workspace_id", "created_at", "id");`,
    );

    this.addSql(`alter table "api_keys" add "workspace_id" uuid null;`);
    this.addSql(`update "api_keys" k set "workspace_id" = w."id"
      from "workspaces" w where w."personal_owner_id" = k."user_id";`);
    this.addSql(`alter table "api_keys" alter column "workspace_id" set not null;`);
    this.addSql(
      `alter table "api_keys" add constraint "api_keys_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade;`,
    );
    this.addSql(
      `create index "api_keys_workspace_id_created_at_index" on "api_keys" ("workspace_id", "created_at");`,
    );
  }

  // Back to per-user ownership: personal workspaces' plans and quota use return to their users;
  // what belonged to shared workspaces stays with the people who created it.
  override down(): void | Promise<void> {
    this.addSql(
      `create table "user_plans" ("user_id" uuid not null, "plan" "plan" not null, "updated_at" timestamptz(6) not null, "updated_by_id" uuid null, primary key ("user_id"));`,
    );
    this.addSql(
      `alter table "user_plans" add constraint "user_plans_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`insert into "user_plans" ("user_id", "plan", "updated_at", "updated_by_id")
      select w."personal_owner_id", p."plan", p."updated_at", p."updated_by_id"
        from "workspace_plans" p join "workspaces" w on w."id" = p."workspace_id"
       where w."personal_owner_id" is not null;`);
    this.addSql(`drop table if exists "workspace_plans" cascade;`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_workspace_id_foreign";`);
    this.addSql(`drop index "api_keys_workspace_id_created_at_index";`);
    this.addSql(`alter table "api_keys" drop column "workspace_id";`);

    this.addSql(`alter table "audit_quota_usage" drop constraint "audit_quota_usage_workspace_id_foreign";`);
    this.addSql(`drop index "audit_quota_usage_workspace_id_created_at_index";`);
    this.addSql(`delete from "audit_quota_usage" q
      where not exists (select 1 from "workspaces" w where w."id" = q."workspace_id" and w."personal_owner_id" is not null);`);
    this.addSql(`update "audit_quota_usage" q set "workspace_id" = w."personal_owner_id"
      from "workspaces" w where w."id" = q."workspace_id";`);
    this.addSql(`alter table "audit_quota_usage" rename column "workspace_id" to "user_id";`);
    this.addSql(
      `alter table "audit_quota_usage" add constraint "audit_quota_usage_user_id_foreign" foreign key ("user_id") references "users" ("id") on update no action on delete cascade;`,
    );
    this.addSql(
      `create index "audit_quota_usage_user_id_created_at_index" on "audit_quota_usage" ("user_id", "created_at");`,
    );

    this.addSql(`alter table "audits" drop constraint "audits_workspace_id_foreign";`);
    this.addSql(`drop index "audits_workspace_id_kind_index";`);
    this.addSql(`drop index "audits_workspace_id_status_index";`);
    this.addSql(`drop index "audits_workspace_id_score_rank_id_index";`);
    this.addSql(`drop index "audits_workspace_id_updated_at_id_index";`);
    this.addSql(`drop index "audits_workspace_id_created_at_id_index";`);
    this.addSql(`alter table "audits" drop column "workspace_id";`);
    this.addSql(`create index "audits_owner_id_kind_index" on "audits" ("owner_id", "kind");`);
    this.addSql(
      `create index "audits_owner_id_score_rank_id_index" on "audits" ("owner_id", "score_rank", "id");`,
    );
    this.addSql(`create index "audits_owner_id_status_index" on "audits" ("owner_id", "status");`);
    this.addSql(
      `create index "audits_owner_id_updated_at_id_index" on "audits" ("owner_id", "updated_at", "id");`,
    );
  }
}
