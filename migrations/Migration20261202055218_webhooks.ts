import { Migration } from '@mikro-orm/migrations';

export class Migration20261202055218_webhooks extends Migration {
  override name = 'Migration20261202055218_webhooks';

  override up(): void | Promise<void> {
    this.addSql(
      `create type "webhook_event" as enum ('AUDIT_SUCCEEDED', 'AUDIT_FAILED', 'AUDIT_CANCELLED', 'ALERT');`,
    );
    this.addSql(`create type "webhook_delivery_status" as enum ('PENDING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(
      `create table "webhooks" ("id" uuid not null, "workspace_id" uuid not null, "created_by_id" uuid null, "project_id" uuid null, "url" varchar(2048) not null, "events" text[] not null, "secret" text not null, "previous_secret" text null, "previous_secret_expires_at" timestamptz null, "enabled" boolean not null default true, "disabled_reason" varchar(500) null, "consecutive_failures" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "webhooks_workspace_id_created_at_id_index" on "webhooks" ("workspace_id", "created_at", "id");`,
    );

    this.addSql(
      `create table "webhook_deliveries" ("id" uuid not null, "webhook_id" uuid not null, "event" "webhook_event" not null, "body" text not null, "status" "webhook_delivery_status" not null default 'PENDING', "attempts" int not null default 0, "response_status" int null, "error" varchar(1000) null, "last_attempt_at" timestamptz null, "delivered_at" timestamptz null, "next_attempt_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "webhook_deliveries_webhook_id_created_at_id_index" on "webhook_deliveries" ("webhook_id", "created_at", "id");`,
    );

    this.addSql(
      `alter table "webhooks" add constraint "webhooks_workspace_id_foreign" foreign key ("workspace_id") references "workspaces" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "webhooks" add constraint "webhooks_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "webhooks" add constraint "webhooks_events_check" check ("events" <@ array['AUDIT_SUCCEEDED'::text, 'AUDIT_FAILED'::text, 'AUDIT_CANCELLED'::text, 'ALERT'::text]);`,
    );

    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_webhook_id_foreign" foreign key ("webhook_id") references "webhooks" ("id") on delete cascade;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_webhook_id_foreign";`);

    this.addSql(`drop table if exists "webhooks" cascade;`);
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);

    this.addSql(`drop type "webhook_event";`);
    this.addSql(`drop type "webhook_delivery_status";`);
  }
}
