import { Migration } from '@mikro-orm/migrations';

export class Migration20261202014536_workspaces extends Migration {
  override name = 'Migration20261202014536_workspaces';

  override up(): void | Promise<void> {
    this.addSql(`create type "workspace_role" as enum ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER');`);
    this.addSql(
      `create table "workspaces" ("id" uuid not null, "name" varchar(100) not null, "personal_owner_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "workspaces" add constraint "workspaces_personal_owner_id_unique" unique ("personal_owner_id");`,
    );

    this.addSql(
      `create table "workspace_members" ("workspace_id" uuid not null, "user_id" uuid not null, "role" "workspace_role" not null, "created_at" timestamptz not null, primary key ("workspace_id", "user_id"));`,
    );
    this.addSql(
      `create index "workspace_members_user_id_workspace_id_index" on "workspace_members" ("user_id", "workspace_id");`,
    );

    this.addSql(
      `alter type "security_event_type" add value if not exists 'WORKSPACE_ROLE_CHANGED' after 'ACCOUNT_DELETED';`,
    );
    this.addSql(
      `alter type "security_event_type" add value if not exists 'WORKSPACE_MEMBER_REMOVED' after 'WORKSPACE_ROLE_CHANGED';`,
    );

    this.addSql(
      `alter table "workspaces" add constraint "workspaces_personal_owner_id_foreign" foreign key ("personal_owner_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "workspace_members" add constraint "workspace_members_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "workspace_members" add constraint "workspace_members_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    // Every existing account gets its personal workspace, owned by it (new ones get it at sign-up).
    this.addSql(`insert into "workspaces" ("id", "name", "personal_owner_id", "created_at")
      select gen_random_uuid(), coalesce(nullif("name", ''), 'Personal'), "id", "created_at" from "users"
      where not exists (select 1 from "workspaces" w where w."personal_owner_id" = "users"."id");`);
    this.addSql(`insert into "workspace_members" ("workspace_id", "user_id", "role", "created_at")
      select w."id", w."personal_owner_id", 'OWNER', w."created_at" from "workspaces" w
      where w."personal_owner_id" is not null
      on conflict do nothing;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "workspace_members" drop constraint "workspace_members_workspace_id_foreign";`);

    this.addSql(`drop table if exists "workspaces" cascade;`);
    this.addSql(`drop table if exists "workspace_members" cascade;`);

    this.addSql(`drop type "workspace_role";`);
  }
}
