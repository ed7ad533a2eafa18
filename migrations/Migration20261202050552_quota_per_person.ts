import { Migration } from '@mikro-orm/migrations';

export class Migration20261202050552_quota_per_person extends Migration {
  override name = 'Migration20261202050552_quota_per_person';

  // Quota use is also counted per person on FREE, and outlives its workspace: rows name who
  // started the audit and the plan it ran under. Earlier rows of personal workspaces are their
  // owner's; for shared ones the starter was not recorded.
  override up(): void | Promise<void> {
    this.addSql(`alter table "audit_quota_usage" drop constraint "audit_quota_usage_workspace_id_foreign";`);

    this.addSql(
      `alter table "audit_quota_usage" add "user_id" uuid null, add "plan" "plan" not null default 'FREE';`,
    );
    this.addSql(`update "audit_quota_usage" q
      set "user_id" = w."personal_owner_id", "plan" = coalesce(p."plan", 'FREE')
      from "workspaces" w left join "workspace_plans" p on p."workspace_id" = w."id"
      where w."id" = q."workspace_id";`);
    this.addSql(`alter table "audit_quota_usage" alter column "plan" drop default;`);
    this.addSql(
      `alter table "audit_quota_usage" add constraint "audit_quota_usage_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(`alter table "audit_quota_usage" alter column "workspace_id" drop not null;`);
    this.addSql(
      `alter table "audit_quota_usage" add constraint "audit_quota_usage_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete set null;`,
    );
    this.addSql(
      `create index "audit_quota_usage_user_id_created_at_index" on "audit_quota_usage" ("user_id", "created_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audit_quota_usage" drop constraint "audit_quota_usage_user_id_foreign";`);
    this.addSql(`alter table "audit_quota_usage" drop constraint "audit_quota_usage_workspace_id_foreign";`);

    this.addSql(`drop index "audit_quota_usage_user_id_created_at_index";`);
    this.addSql(`alter table "audit_quota_usage" drop column "user_id", drop column "plan";`);
    this.addSql(`delete from "audit_quota_usage" where "workspace_id" is null;`);
    this.addSql(`alter table "audit_quota_usage" alter column "workspace_id" set not null;`);
    this.addSql(
      `alter table "audit_quota_usage" add constraint "audit_quota_usage_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update no action on delete cascade;`,
    );
  }
}
