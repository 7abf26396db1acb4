import { Migration } from '@mikro-orm/migrations';

/**
 * Signals the API owes a complaint's workflow after its own transaction (a staff message that is the first
 * response, a merge): written in that transaction, sent right after commit, and relayed by the worker when
 * Temporal could not be reached, so the workflow (those columns' one writer) never misses one.
 */
export class Migration20261208100000_signal_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table lifecycle_signal_outbox (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        complaint_id uuid not null references complaints(id) deferrable initially deferred,
        signal text not null,
        args jsonb not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        attempts int not null default 0,
        last_error text
      );`);
    this.addSql(`create index lifecycle_signal_outbox_pending_idx on lifecycle_signal_outbox (created_at) where sent_at is null;`);
    this.addSql(`alter table lifecycle_signal_outbox enable row level security;`);
    this.addSql(`alter table lifecycle_signal_outbox force row level security;`);
    this.addSql(
      `create policy tenant_isolation on lifecycle_signal_outbox using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`,
    );
    this.addSql(`
      create function lifecycle_pending_signals(p_older_than interval, p_limit int, p_tenant uuid default null)
      returns table (id uuid, tenant_id uuid, complaint_id uuid, signal text, args jsonb)
      language sql stable security definer set search_path = public as
      $$ select id, tenant_id, complaint_id, signal, args from lifecycle_signal_outbox
         where sent_at is null and (created_at <= now() - p_older_than or attempts > 0)
           and (p_tenant is null or tenant_id = p_tenant)
         order by created_at limit p_limit $$;`);
    this.addSql(`grant select, insert, update on lifecycle_signal_outbox to complaints_app;`);
    this.addSql(`grant execute on function lifecycle_pending_signals(interval, int, uuid) to complaints_app;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function lifecycle_pending_signals(interval, int, uuid)');
    this.addSql('drop table lifecycle_signal_outbox');
  }
}
