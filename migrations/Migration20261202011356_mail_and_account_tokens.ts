import { Migration } from '@mikro-orm/migrations';

export class Migration20261202011356_mail_and_account_tokens extends Migration {
  override name = 'Migration20261202011356_mail_and_account_tokens';

  override up(): void | Promise<void> {
    this.addSql(`create type "outbox_status" as enum ('QUEUED', 'SENT', 'STORED', 'FAILED');`);
    this.addSql(`create type "account_token_purpose" as enum ('PASSWORD_RESET', 'EMAIL_VERIFICATION');`);
    this.addSql(
      `create table "mail_outbox" ("id" uuid not null, "to_address" varchar(254) not null, "kind" varchar(64) not null, "subject" varchar(200) not null, "text" text not null, "status" "outbox_status" not null default 'QUEUED', "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, "sent_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(
      `create index "mail_outbox_to_address_created_at_index" on "mail_outbox" ("to_address", "created_at");`,
    );

    this.addSql(
      `create table "account_tokens" ("id" uuid not null, "user_id" uuid not null, "purpose" "account_token_purpose" not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "account_tokens" add constraint "account_tokens_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(
      `create index "account_tokens_user_id_purpose_index" on "account_tokens" ("user_id", "purpose");`,
    );

    this.addSql(
      `alter type "security_event_type" add value if not exists 'PASSWORD_RESET_REQUESTED' after 'PASSWORD_CHANGED';`,
    );
    this.addSql(
      `alter type "security_event_type" add value if not exists 'PASSWORD_RESET' after 'PASSWORD_RESET_REQUESTED';`,
    );
    this.addSql(
      `alter type "security_event_type" add value if not exists 'EMAIL_VERIFIED' after 'PASSWORD_RESET';`,
    );

    this.addSql(`alter table "users" add "email_verified_at" timestamptz null;`);

    this.addSql(
      `alter table "account_tokens" add constraint "account_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mail_outbox" cascade;`);
    this.addSql(`drop table if exists "account_tokens" cascade;`);

    this.addSql(`alter table "users" drop column "email_verified_at";`);

    this.addSql(`drop type "outbox_status";`);
    this.addSql(`drop type "account_token_purpose";`);
  }
}
