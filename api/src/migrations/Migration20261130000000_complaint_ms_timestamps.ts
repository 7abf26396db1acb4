import { Migration } from '@mikro-orm/migrations';

/**
 * Keyset cursors carry JavaScript dates, which hold milliseconds. A row stamped by SQL `now()` has
 * microseconds, so a page could end between two rows a cursor cannot tell apart and skip one. The sort
 * columns keep millisecond precision from now on, whoever writes them.
 */
export class Migration20261130000000_complaint_ms_timestamps extends Migration {
  override async up(): Promise<void> {
    // The analytics trigger's WHEN clause reads created_at, so it is dropped and re-created around the change.
    this.addSql(`drop trigger analytics_complaint_changed on complaints;`);
    this.addSql(`alter table complaints alter column created_at type timestamptz(3), alter column updated_at type timestamptz(3);`);
    this.addSql(`
      create trigger analytics_complaint_changed after update on complaints for each row
      when ((old.status, old.first_responded_at, old.closed_at, old.satisfaction, old.round, old.team_code, old.assignee_id,
             old.category_code, old.channel, old.severity, old.customer_id, old.created_at, old.subject)
            is distinct from
            (new.status, new.first_responded_at, new.closed_at, new.satisfaction, new.round, new.team_code, new.assignee_id,
             new.category_code, new.channel, new.severity, new.customer_id, new.created_at, new.subject))
      execute function analytics_mark_complaint();`);
  }
}
