import { Migration } from '@mikro-orm/migrations';

export class Migration20261202044657_workspace_deleted_event extends Migration {
  override name = 'Migration20261202044657_workspace_deleted_event';

  override up(): void | Promise<void> {
    this.addSql(
      `alter type "security_event_type" add value if not exists 'WORKSPACE_DELETED' after 'QUOTA_EXCEEDED';`,
    );
  }
}
