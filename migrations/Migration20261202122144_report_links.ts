import { Migration } from '@mikro-orm/migrations';

export class Migration20261202122144_report_links extends Migration {
  override name = 'Migration20261202122144_report_links';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "report_links" ("id" uuid not null, "workspace_id" uuid not null, "audit_id" uuid not null, "created_by_id" uuid null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "report_links" add constraint "report_links_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "report_links_audit_id_created_at_index" on "report_links" ("audit_id", "created_at");`,
    );

    this.addSql(
      `alter table "report_links" add constraint "report_links_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "report_links" add constraint "report_links_audit_id_foreign" foreign key ("audit_id") references "audits" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "report_links" add constraint "report_links_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "report_links" cascade;`);
  }
}
