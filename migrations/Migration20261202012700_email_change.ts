import { Migration } from '@mikro-orm/migrations';

export class Migration20261202012700_email_change extends Migration {
  override name = 'Migration20261202012700_email_change';

  override up(): void | Promise<void> {
    this.addSql(
      `alter type "security_event_type" add value if not exists 'EMAIL_CHANGED' after 'EMAIL_VERIFIED';`,
    );

    this.addSql(
      `alter type "account_token_purpose" add value if not exists 'EMAIL_CHANGE' after 'EMAIL_VERIFICATION';`,
    );
    this.addSql(`alter table "account_tokens" add "new_email" varchar(254) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "account_tokens" drop column "new_email";`);
  }
}
