import { Migration } from '@mikro-orm/migrations';

/**
 * The platform side: operators (outside every tenant, so not under row-level security; the application role
 * only reads them, the `operator:create` CLI writes them as the owner), a closed set of plans, a tenant's
 * lifecycle status, one-time invitations and the append-only audit log.
 *
 * Tenants are created by the application role under the tenants table's own policy: the operator's
 * transaction enters the new tenant's id first, so the insert's `with check` holds and nothing else can be
 * inserted. Listing every tenant goes through `operator_tenant_overview`, a SECURITY DEFINER function like
 * `auth_api_key`, which only the operator resolver calls.
 *
 * Suspension holds deliveries rather than dropping them: the due-delivery functions skip suspended tenants,
 * so rows wait in their outboxes and go out on resume.
 */
export class Migration20261206400000_operator_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table platform_operators (
        id uuid primary key,
        email text not null unique,
        display_name text not null,
        password_hash text not null,
        active boolean not null default true,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table platform_plans (
        code text primary key,
        name text not null,
        staff_seats int not null,
        complaints_per_month int not null,
        api_requests_per_minute int not null,
        attachment_storage_mb int not null,
        webhook_subscriptions int not null
      );`);
    this.addSql(`
      insert into platform_plans values
        ('trial', 'Trial', 3, 200, 60, 512, 1),
        ('standard', 'Standard', 25, 5000, 600, 20480, 5),
        ('enterprise', 'Enterprise', 500, 200000, 6000, 512000, 50);`);
    this.addSql(`
      alter table tenants
        add column status text not null default 'active' check (status in ('active', 'suspended')),
        add column plan_code text not null default 'standard' references platform_plans(code),
        add column display_name_zh text,
        add column display_name_en text,
        add column industry_template text,
        add column status_changed_at timestamptz;`);
    this.addSql(`
      create table tenant_invitations (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        user_id uuid not null references users(id),
        token_hash text not null unique,
        expires_at timestamptz not null,
        accepted_at timestamptz,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table audit_log (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        created_at timestamptz not null default clock_timestamp(),
        actor_type text not null check (actor_type in ('user', 'api_key', 'operator', 'system')),
        actor_id uuid,
        actor_name text,
        action text not null,
        target_type text not null,
        target_id text,
        before jsonb,
        after jsonb
      );`);
    this.addSql(`create index audit_log_tenant_time_idx on audit_log (tenant_id, created_at desc, id desc);`);
    this.addSql(`create index audit_log_target_idx on audit_log (tenant_id, target_type, target_id);`);
    for (const table of ['tenant_invitations', 'audit_log']) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`alter table ${table} force row level security;`);
      this.addSql(`create policy tenant_isolation on ${table} using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`);
    }
    // Invitation links arrive without a principal; this reveals only the one invitation the secret names.
    this.addSql(`
      create function auth_invitation(p_token_hash text)
      returns table (id uuid, tenant_id uuid, user_id uuid, expires_at timestamptz, accepted_at timestamptz)
      language sql stable security definer set search_path = public as
      $$ select id, tenant_id, user_id, expires_at, accepted_at from tenant_invitations where token_hash = p_token_hash $$;`);
    this.addSql(`
      create function operator_tenant_overview(p_id uuid, p_search text, p_status text, p_after_created timestamptz, p_after_id uuid, p_limit int)
      returns table (id uuid, slug text, name text, display_name_zh text, display_name_en text, status text, plan_code text,
                     industry_template text, created_at timestamptz, status_changed_at timestamptz,
                     staff_count bigint, complaint_count bigint, open_complaint_count bigint, last_activity_at timestamptz)
      language sql stable security definer set search_path = public as
      $$ select t.id, t.slug, t.name, t.display_name_zh, t.display_name_en, t.status, t.plan_code, t.industry_template,
                t.created_at, t.status_changed_at,
                (select count(*) from users u where u.tenant_id = t.id and u.active),
                (select count(*) from complaints c where c.tenant_id = t.id),
                (select count(*) from complaints c where c.tenant_id = t.id and c.closed_at is null),
                greatest((select max(c.updated_at) from complaints c where c.tenant_id = t.id),
                         (select max(a.created_at) from audit_log a where a.tenant_id = t.id))
         from tenants t
         where (p_id is null or t.id = p_id)
           and (p_search is null or t.slug ilike '%' || p_search || '%' or t.name ilike '%' || p_search || '%'
                or t.display_name_zh ilike '%' || p_search || '%' or t.display_name_en ilike '%' || p_search || '%')
           and (p_status is null or t.status = p_status)
           and (p_after_created is null or (t.created_at, t.id) < (p_after_created, p_after_id))
         order by t.created_at desc, t.id desc
         limit p_limit $$;`);
    this.addSql(`
      create or replace function notification_due_deliveries(p_limit int, p_tenant uuid default null)
      returns table (id uuid, tenant_id uuid)
      language sql stable security definer set search_path = public as
      $$ select o.id, o.tenant_id from notification_outbox o
         where o.delivered_at is null and o.given_up_at is null and o.next_attempt_at <= now()
           and (p_tenant is null or o.tenant_id = p_tenant)
           and not exists (select 1 from tenants t where t.id = o.tenant_id and t.status = 'suspended')
         order by o.next_attempt_at limit p_limit $$;`);
    this.addSql(`
      create or replace function webhook_due_deliveries(p_limit int, p_tenant uuid default null)
      returns table (id uuid, tenant_id uuid)
      language sql stable security definer set search_path = public as
      $$ select d.id, d.tenant_id from webhook_deliveries d
         where d.status = 'pending' and d.next_attempt_at <= now()
           and (p_tenant is null or d.tenant_id = p_tenant)
           and not exists (select 1 from tenants t where t.id = d.tenant_id and t.status = 'suspended')
         order by d.next_attempt_at limit p_limit $$;`);
    this.addSql(`grant select on platform_operators, platform_plans to complaints_app;`);
    this.addSql(`grant insert on tenants to complaints_app;`);
    this.addSql(`grant select, insert, update on tenant_invitations to complaints_app;`);
    // Append-only: no update or delete for the application.
    this.addSql(`grant select, insert on audit_log to complaints_app;`);
    this.addSql(`grant execute on function auth_invitation(text), operator_tenant_overview(uuid, text, text, timestamptz, uuid, int) to complaints_app;`);
  }
}
