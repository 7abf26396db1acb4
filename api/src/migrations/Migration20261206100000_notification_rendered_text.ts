import { Migration } from '@mikro-orm/migrations';

/**
 * The text each delivery attempt sent (subject and body as rendered for that recipient and channel), so
 * `complaintNotifications` shows what the customer or staff member read; before, it was only in the worker's log.
 * Nullable: older rows and skipped attempts have none.
 */
export class Migration20261206100000_notification_rendered_text extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table notification_deliveries add column subject text, add column body text;`);
  }
}
