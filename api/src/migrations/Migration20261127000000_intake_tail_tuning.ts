import { Migration } from '@mikro-orm/migrations';

/**
 * - Complaint numbers are allocated by one autocommitted statement, so the (tenant, day) counter row is
 *   locked for that statement only, never for a whole intake transaction; the function sets the tenant
 *   itself, inside that statement's own transaction, for row-level security.
 * - The timeline tail's query is planned without its parameter values; on a large timeline the generic
 *   plan went parallel on every poll. Its scan is an index range: parallel workers only cost.
 */
export class Migration20261127000000_intake_tail_tuning extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function allocate_complaint_number(p_tenant uuid, p_day date) returns int
      language plpgsql volatile as $$
      declare allocated int;
      begin
        perform set_config('app.tenant_id', p_tenant::text, true);
        insert into complaint_counters (tenant_id, day, value) values (p_tenant, p_day, 1)
        on conflict (tenant_id, day) do update set value = complaint_counters.value + 1
        returning value into allocated;
        return allocated;
      end $$;`);
    this.addSql(`grant execute on function allocate_complaint_number(uuid, date) to complaints_app;`);
    this.addSql(`alter function live_events_after(xid8, bigint, int) set max_parallel_workers_per_gather = 0;`);
  }
}
