import { Migration } from '@mikro-orm/migrations';

export class Migration20261122010052_api_keys_plans_security_log extends Migration {
  override name = 'Migration20261122010052_api_keys_plans_security_log';

  override up(): void | Promise<void> {
    this.addSql(
      `create type "security_event_type" as enum ('LOGIN_SUCCEEDED', 'LOGIN_FAILED', 'PASSWORD_CHANGED', 'SESSION_REVOKED', 'REFRESH_TOKEN_REUSED', 'API_KEY_CREATED', 'API_KEY_REVOKED', 'API_KEY_ROTATED', 'REVOKED_API_KEY_USED', 'ROLE_CHANGED', 'PLAN_CHANGED', 'USER_DEACTIVATED', 'USER_REACTIVATED', 'RATE_LIMITED', 'QUOTA_EXCEEDED');`,
    );
    this.addSql(`create type "plan" as enum ('FREE', 'PRO');`);
    this.addSql(
      `create table "security_events" ("id" uuid not null, "type" "security_event_type" not null, "user_id" uuid null, "actor_id" uuid null, "email" varchar(254) null, "ip" varchar(64) null, "user_agent" varchar(512) null, "request_id" varchar(128) null, "details" jsonb null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "security_events_user_id_created_at_id_index" on "security_events" ("user_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "security_events_type_created_at_id_index" on "security_events" ("type", "created_at", "id");`,
    );
    this.addSql(
      `create index "security_events_created_at_id_index" on "security_events" ("created_at", "id");`,
    );

    this.addSql(
      `create table "audit_quota_usage" ("id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "audit_quota_usage_user_id_created_at_index" on "audit_quota_usage" ("user_id", "created_at");`,
    );

    this.addSql(
      `create table "api_keys" ("id" uuid not null, "user_id" uuid not null, "name" varchar(100) not null, "public_id" varchar(16) not null, "secret_hash" varchar(64) not null, "scopes" text[] not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "replaced_by_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`alter table "api_keys" add constraint "api_keys_public_id_unique" unique ("public_id");`);
    this.addSql(`create index "api_keys_user_id_created_at_index" on "api_keys" ("user_id", "created_at");`);

    this.addSql(
      `create table "user_plans" ("user_id" uuid not null, "plan" "plan" not null, "updated_at" timestamptz not null, "updated_by_id" uuid null, primary key ("user_id"));`,
    );

    this.addSql(
      `alter table "audit_quota_usage" add constraint "audit_quota_usage_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "api_keys" add constraint "api_keys_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "api_keys" add constraint "api_keys_scopes_check" check ("scopes" <@ array['AUDITS_READ'::text, 'AUDITS_WRITE'::text]);`,
    );

    this.addSql(
      `alter table "user_plans" add constraint "user_plans_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "security_events" cascade;`);
    this.addSql(`drop table if exists "audit_quota_usage" cascade;`);
    this.addSql(`drop table if exists "api_keys" cascade;`);
    this.addSql(`drop table if exists "user_plans" cascade;`);

    this.addSql(`drop type "security_event_type";`);
    this.addSql(`drop type "plan";`);
  }
}
