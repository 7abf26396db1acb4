import { Migration } from '@mikro-orm/migrations';

/**
 * Outboxes for the complaint lifecycle.
 *
 * `workflow_outbox`: one row per complaint, inserted in the intake transaction, so a committed complaint
 * always has a durable "start its workflow" obligation; the API starts the workflow right after commit and
 * a relay sweeps rows left behind by a crash. `notification_outbox`: messages the workflow's projection
 * activity decided to send, written in the same transaction as the timeline event (delivery comes later).
 *
 * Both are tenant tables with the same forced row-level security as the foundation's. The relay works
 * across tenants, so it lists pending rows through one SECURITY DEFINER function that reveals only what a
 * start needs; it then marks each row inside that row's own tenant scope. Like the foundation's auth
 * functions this relies on the migration owner bypassing RLS (superuser or BYPASSRLS).
 */
export class Migration20261124000001_lifecycle_outboxes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table workflow_outbox (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        complaint_id uuid not null unique references complaints(id) deferrable initially deferred,
        workflow_id text not null unique,
        input jsonb not null,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        attempts int not null default 0,
        last_error text
      );`);
    this.addSql(`create index workflow_outbox_pending_idx on workflow_outbox (created_at) where started_at is null;`);

    this.addSql(`
      create table notification_outbox (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        complaint_id uuid not null references complaints(id) deferrable initially deferred,
        kind text not null,
        recipient_kind text not null,
        recipient text,
        data jsonb,
        dedupe_key text not null,
        created_at timestamptz not null default now(),
        delivered_at timestamptz,
        unique (tenant_id, dedupe_key)
      );`);
    this.addSql(`create index notification_outbox_pending_idx on notification_outbox (created_at) where delivered_at is null;`);

    for (const table of ['workflow_outbox', 'notification_outbox']) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`alter table ${table} force row level security;`);
      this.addSql(
        `create policy tenant_isolation on ${table} using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`,
      );
    }

    this.addSql(`
      create function lifecycle_pending_workflow_starts(p_older_than interval, p_limit int, p_tenant uuid default null)
      returns table (id uuid, tenant_id uuid, complaint_id uuid, workflow_id text, input jsonb)
      language sql stable security definer set search_path = public as
      $$ select id, tenant_id, complaint_id, workflow_id, input from workflow_outbox
         where started_at is null and created_at <= now() - p_older_than and (p_tenant is null or tenant_id = p_tenant)
         order by created_at limit p_limit $$;`);

    this.addSql(`grant select, insert, update on workflow_outbox, notification_outbox to complaints_app;`);
    this.addSql(`grant execute on function lifecycle_pending_workflow_starts(interval, int, uuid) to complaints_app;`);
  }
}
