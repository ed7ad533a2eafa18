import { Migration } from '@mikro-orm/migrations';

export class Migration20261202013530_account_data_events extends Migration {
  override name = 'Migration20261202013530_account_data_events';

  override up(): void | Promise<void> {
    this.addSql(
      `alter type "security_event_type" add value if not exists 'ACCOUNT_EXPORTED' after 'EMAIL_CHANGED';`,
    );
    this.addSql(
      `alter type "security_event_type" add value if not exists 'ACCOUNT_DELETED' after 'ACCOUNT_EXPORTED';`,
    );
  }
}
