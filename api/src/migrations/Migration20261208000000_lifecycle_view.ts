import { Migration } from '@mikro-orm/migrations';

/**
 * The workflow's lifecycle view, stored with every projection, so `complaintLifecycle` and the live feed
 * read it from the row instead of asking Temporal. Null until the workflow's next projection.
 */
export class Migration20261208000000_lifecycle_view extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table complaints add column lifecycle_view jsonb');
  }

  override async down(): Promise<void> {
    this.addSql('alter table complaints drop column lifecycle_view');
  }
}
