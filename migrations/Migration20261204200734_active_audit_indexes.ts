import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200734_active_audit_indexes extends Migration {
  override name = 'Migration20261204200734_active_audit_indexes';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "audits_active_owner_index" on "audits" ("owner_id") where "status" in ('QUEUED', 'RUNNING');`,
    );
    this.addSql(
      `create index "audits_active_workspace_index" on "audits" ("workspace_id") where "status" in ('QUEUED', 'RUNNING');`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "audits_active_owner_index";`);
    this.addSql(`drop index "audits_active_workspace_index";`);
  }
}
