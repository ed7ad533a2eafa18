import { Migration } from '@mikro-orm/migrations';

export class Migration20261202060634_audit_end_sweep extends Migration {
  override name = 'Migration20261202060634_audit_end_sweep';

  override up(): void | Promise<void> {
    this.addSql(`alter table "webhook_deliveries" add "audit_id" uuid null;`);
    this.addSql(
      `create unique index "webhook_deliveries_audit_event_unique" on "webhook_deliveries" ("webhook_id", "audit_id") where "audit_id" is not null;`,
    );

    this.addSql(`create index "audits_finished_at_index" on "audits" ("finished_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "audits_finished_at_index";`);

    this.addSql(`drop index "webhook_deliveries_audit_event_unique";`);
    this.addSql(`alter table "webhook_deliveries" drop column "audit_id";`);
  }
}
