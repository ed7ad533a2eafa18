import { Migration } from '@mikro-orm/migrations';

export class Migration20261202043818_invitations extends Migration {
  override name = 'Migration20261202043818_invitations';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "workspace_invitations" ("id" uuid not null, "workspace_id" uuid not null, "email" varchar(254) not null, "role" "workspace_role" not null, "token_hash" varchar(64) not null, "invited_by_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "accepted_at" timestamptz null, "declined_at" timestamptz null, "revoked_at" timestamptz null, "accepted_by_id" uuid null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "workspace_invitations" add constraint "workspace_invitations_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(`create index "workspace_invitations_email_index" on "workspace_invitations" ("email");`);
    this.addSql(
      `create index "workspace_invitations_workspace_id_created_at_index" on "workspace_invitations" ("workspace_id", "created_at");`,
    );
    this.addSql(
      `create unique index "workspace_invitations_open_unique" on "workspace_invitations" ("workspace_id", "email") where "accepted_at" is null and "declined_at" is null and "revoked_at" is null;`,
    );

    this.addSql(
      `alter type "security_event_type" add value if not exists 'INVITATION_SENT' after 'WORKSPACE_MEMBER_REMOVED';`,
    );
    this.addSql(
      `alter type "security_event_type" add value if not exists 'INVITATION_ACCEPTED' after 'INVITATION_SENT';`,
    );
    this.addSql(
      `alter type "security_event_type" add value if not exists 'INVITATION_DECLINED' after 'INVITATION_ACCEPTED';`,
    );
    this.addSql(
      `alter type "security_event_type" add value if not exists 'INVITATION_REVOKED' after 'INVITATION_DECLINED';`,
    );

    this.addSql(
      `alter table "workspace_invitations" add constraint "workspace_invitations_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "workspace_invitations" add constraint "workspace_invitations_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "workspace_invitations" add constraint "workspace_invitations_accepted_by_id_foreign" foreign key ("accepted_by_id") references "users" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "workspace_invitations" cascade;`);
  }
}
