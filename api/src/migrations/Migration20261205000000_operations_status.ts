import { Migration } from '@mikro-orm/migrations';

/**
 * What the processes' health and metrics endpoints read as the application role: the applied migrations
 * (readiness compares them with the compiled list) and, across tenants, only the size and age of each
 * outbox's backlog (no row of any tenant leaves the function).
 */
export class Migration20261205000000_operations_status extends Migration {
  override async up(): Promise<void> {
    this.addSql(`grant select on mikro_orm_migrations to complaints_app;`);
    this.addSql(`
      create function operations_outbox_backlog()
      returns table (outbox text, pending bigint, oldest_seconds double precision)
      language sql stable security definer set search_path = public as
      $$ select 'workflow_start', count(*), coalesce(extract(epoch from now() - min(created_at)), 0)::float8
           from workflow_outbox where started_at is null
         union all
         select 'notification', count(*), coalesce(extract(epoch from now() - min(next_attempt_at)), 0)::float8
           from notification_outbox where delivered_at is null and given_up_at is null and next_attempt_at <= now()
         union all
         select 'webhook', count(*), coalesce(extract(epoch from now() - min(next_attempt_at)), 0)::float8
           from webhook_deliveries where status = 'pending' and next_attempt_at <= now() $$;`);
    this.addSql(`grant execute on function operations_outbox_backlog() to complaints_app;`);
  }
}
