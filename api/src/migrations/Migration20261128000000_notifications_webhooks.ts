import { Migration } from '@mikro-orm/migrations';

/**
 * Delivery of notifications and tenant webhooks.
 *
 * `notification_outbox` gains a retry schedule (attempts, next_attempt_at, given_up_at). Every attempt on
 * every channel is a row of `notification_deliveries`; the row saying "sent" is written in the same
 * transaction that marks the outbox row delivered, while that transaction holds the outbox row's lock, so
 * two worker replicas never send the same message and a finished message is never sent again.
 *
 * Webhooks: `webhook_subscriptions` (URL, event kinds, signing secret) per tenant. `webhook_fan_out` turns
 * timeline events into `webhook_deliveries`, reading `complaint_events` in commit-safe (tx_id, seq) order
 * from one persisted cursor (the same bound as `live_events_after`: only transactions older than every
 * running one), and advances the cursor in the same transaction as the inserts, so an event is fanned out
 * exactly once. Each attempt is logged in `webhook_delivery_attempts`.
 *
 * New tables are tenant tables with forced row-level security like every other; the worker lists due work
 * of all tenants only through the SECURITY DEFINER functions below, then handles each row in its tenant.
 */
export class Migration20261128000000_notifications_webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table notification_outbox
        add column attempts int not null default 0,
        add column next_attempt_at timestamptz not null default now(),
        add column last_error text,
        add column given_up_at timestamptz;`);
    this.addSql(`drop index notification_outbox_pending_idx;`);
    this.addSql(`create index notification_outbox_due_idx on notification_outbox (next_attempt_at) where delivered_at is null and given_up_at is null;`);

    this.addSql(`
      create table notification_deliveries (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        notification_id uuid not null references notification_outbox(id),
        attempt int not null,
        channel text not null,
        address text,
        message_id text,
        status text not null check (status in ('sent', 'logged', 'failed', 'skipped')),
        error text,
        provider_response text,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index notification_deliveries_notification_idx on notification_deliveries (notification_id, created_at);`);
    this.addSql(`create index notification_deliveries_tenant_idx on notification_deliveries (tenant_id, created_at desc);`);

    this.addSql(`
      create table webhook_subscriptions (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        url text not null,
        event_kinds text[] not null,
        secret text not null,
        description text,
        active boolean not null default true,
        created_by uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index webhook_subscriptions_tenant_idx on webhook_subscriptions (tenant_id) where active;`);
    this.addSql(`
      create table webhook_deliveries (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        subscription_id uuid not null references webhook_subscriptions(id) on delete cascade,
        event_id uuid not null,
        event_kind text not null,
        payload jsonb not null,
        status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempts int not null default 0,
        next_attempt_at timestamptz not null default now(),
        replay_requested boolean not null default false,
        last_error text,
        last_status_code int,
        delivered_at timestamptz,
        created_at timestamptz not null default now(),
        unique (subscription_id, event_id)
      );`);
    this.addSql(`create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';`);
    this.addSql(`create index webhook_deliveries_tenant_idx on webhook_deliveries (tenant_id, created_at desc);`);
    this.addSql(`
      create table webhook_delivery_attempts (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        delivery_id uuid not null references webhook_deliveries(id) on delete cascade,
        attempt int not null,
        replay boolean not null default false,
        status_code int,
        error text,
        response_body text,
        duration_ms int not null,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index webhook_delivery_attempts_delivery_idx on webhook_delivery_attempts (delivery_id, created_at);`);

    for (const table of ['notification_deliveries', 'webhook_subscriptions', 'webhook_deliveries', 'webhook_delivery_attempts']) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`alter table ${table} force row level security;`);
      this.addSql(
        `create policy tenant_isolation on ${table} using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`,
      );
    }

    // One process-wide cursor over the timeline; not a tenant table, and only webhook_fan_out touches it.
    this.addSql(`
      create table webhook_tail_cursor (
        singleton boolean primary key default true check (singleton),
        tx_id xid8 not null,
        seq bigint not null
      );`);
    // Start at the head: events from before webhooks existed have no subscriber anyway.
    this.addSql(`
      insert into webhook_tail_cursor (tx_id, seq)
      select coalesce(max(tx_id), '0'::xid8), coalesce(max(seq), 0) from complaint_events;`);

    this.addSql(`
      create function notification_due_deliveries(p_limit int, p_tenant uuid default null)
      returns table (id uuid, tenant_id uuid)
      language sql stable security definer set search_path = public as
      $$ select id, tenant_id from notification_outbox
         where delivered_at is null and given_up_at is null and next_attempt_at <= now()
           and (p_tenant is null or tenant_id = p_tenant)
         order by next_attempt_at limit p_limit $$;`);
    this.addSql(`
      create function webhook_due_deliveries(p_limit int, p_tenant uuid default null)
      returns table (id uuid, tenant_id uuid)
      language sql stable security definer set search_path = public as
      $$ select id, tenant_id from webhook_deliveries
         where status = 'pending' and next_attempt_at <= now()
           and (p_tenant is null or tenant_id = p_tenant)
         order by next_attempt_at limit p_limit $$;`);
    this.addSql(`
      create function webhook_fan_out(p_limit int) returns int  -- events consumed; a full batch means call again
      language plpgsql volatile security definer set search_path = public
      set max_parallel_workers_per_gather = 0 as $$
      declare
        cur record;
        consumed int;
        last_tx xid8;
        last_seq bigint;
      begin
        -- Serializes concurrent relays: the second waits, then starts from the advanced cursor.
        select tx_id, seq into cur from webhook_tail_cursor for update;
        select count(*)::int, (array_agg(t.tx_id order by t.tx_id desc, t.seq desc))[1]
          into consumed, last_tx from (
          select e.tx_id, e.seq from complaint_events e
          where (e.tx_id, e.seq) > (cur.tx_id, cur.seq) and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
          order by e.tx_id, e.seq limit p_limit
        ) t;
        if consumed = 0 then
          return 0;
        end if;
        -- The batch ends at a whole transaction: its remaining events come along.
        select max(e.seq) into last_seq from complaint_events e
        where e.tx_id = last_tx and (e.tx_id, e.seq) > (cur.tx_id, cur.seq);
        insert into webhook_deliveries (tenant_id, subscription_id, event_id, event_kind, payload)
        select e.tenant_id, s.id, e.id, e.kind, jsonb_build_object(
                 'id', e.id, 'type', e.kind, 'tenantId', e.tenant_id, 'complaintId', e.complaint_id,
                 'complaintNumber', c.number, 'occurredAt', e.created_at, 'sequence', e.seq::text,
                 'actor', jsonb_build_object('type', e.actor_type, 'id', e.actor_id, 'name', e.actor_name),
                 'from', e.from_value, 'to', e.to_value, 'note', e.note, 'data', e.data,
                 'customerVisible', e.customer_visible)
        from complaint_events e
        join webhook_subscriptions s on s.tenant_id = e.tenant_id and s.active
             and (e.kind = any (s.event_kinds) or '*' = any (s.event_kinds)) and s.created_at <= e.created_at
        join complaints c on c.id = e.complaint_id
        where (e.tx_id, e.seq) > (cur.tx_id, cur.seq) and (e.tx_id, e.seq) <= (last_tx, last_seq)
        on conflict (subscription_id, event_id) do nothing;
        update webhook_tail_cursor set tx_id = last_tx, seq = last_seq;
        return consumed;
      end $$;`);

    this.addSql(`grant select, insert on notification_deliveries to complaints_app;`);
    this.addSql(`grant select, insert, update, delete on webhook_subscriptions to complaints_app;`);
    this.addSql(`grant select, insert, update, delete on webhook_deliveries, webhook_delivery_attempts to complaints_app;`);
    this.addSql(
      `grant execute on function notification_due_deliveries(int, uuid), webhook_due_deliveries(int, uuid), webhook_fan_out(int) to complaints_app;`,
    );
  }
}
