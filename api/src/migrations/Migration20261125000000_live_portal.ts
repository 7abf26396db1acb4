import { Migration } from '@mikro-orm/migrations';

/**
 * Live updates and the complainant portal.
 * - The timeline is the outbox of live events: every API process tails it. Identity values are handed
 *   out before commit, so tailing by `seq` alone could pass over an event whose transaction commits
 *   late. Each event records its transaction id; the tail reads in (tx_id, seq) order and only below
 *   the oldest transaction still running (pg_snapshot_xmin), where nothing can appear any more.
 *   Tailing crosses tenants, so it goes through a definer function that returns only ids and routing
 *   attributes; subscribers load what they may see under their own tenant and row-level security.
 * - A tenant's portal identifies itself with a publishable key (safe to embed in a web page).
 */
export class Migration20261125000000_live_portal extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table tenants add column publishable_key text unique;`);
    this.addSql(`update tenants set publishable_key = 'pk_' || replace(gen_random_uuid()::text, '-', '') where publishable_key is null;`);
    this.addSql(`alter table tenants alter column publishable_key set not null;`);
    this.addSql(`alter table tenants alter column publishable_key set default 'pk_' || replace(gen_random_uuid()::text, '-', '');`);

    this.addSql(`alter table complaint_events add column tx_id xid8 not null default pg_current_xact_id();`);
    this.addSql(`create index complaint_events_tail_idx on complaint_events (tx_id, seq);`);
    this.addSql(`
      create function live_events_after(p_tx xid8, p_seq bigint, p_limit int)
      returns table (tx_id xid8, seq bigint, tenant_id uuid, complaint_id uuid, kind text, customer_visible boolean,
                     team_code text, assignee_id uuid, severity text, stage text)
      language sql volatile security definer set search_path = public as
      $$ select e.tx_id, e.seq, e.tenant_id, e.complaint_id, e.kind, e.customer_visible,
                c.team_code, c.assignee_id, c.severity, c.stage
         from complaint_events e join complaints c on c.id = e.complaint_id
         where (e.tx_id, e.seq) > (p_tx, p_seq)
           and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
         order by e.tx_id, e.seq limit p_limit $$;`);
    this.addSql(`
      create function live_events_head() returns table (tx_id xid8, seq bigint)
      language sql volatile security definer set search_path = public as
      $$ select tx_id, seq from complaint_events
         where tx_id < pg_snapshot_xmin(pg_current_snapshot())
         order by tx_id desc, seq desc limit 1 $$;`);
    this.addSql(`
      create function portal_tenant_by_key(p_key text) returns table (id uuid)
      language sql stable security definer set search_path = public as
      $$ select id from tenants where publishable_key = p_key $$;`);
    this.addSql(`grant execute on function live_events_after(xid8, bigint, int), live_events_head(), portal_tenant_by_key(text) to complaints_app;`);
  }
}
