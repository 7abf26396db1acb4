import { Migration } from '@mikro-orm/migrations';

const TENANT_TABLES = [
  'tenant_config_versions',
  'users',
  'teams',
  'api_keys',
  'customers',
  'complaints',
  'complaint_counters',
  'complaint_events',
  'comments',
  'attachments',
];

/**
 * The foundation schema. Tenant isolation has two walls: the ORM filter, and here row-level
 * security keyed by the transaction-local setting `app.tenant_id`, forced even for the table owner.
 * The application logs in as `complaints_app` (created by the migrate command before this runs).
 * Foreign keys are checked at commit: the ORM flushes rows of one unit of work in any order.
 */
export class Migration20261123000000_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`
      create or replace function app_current_tenant() returns uuid
      language sql stable as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;`);

    this.addSql(`
      create table tenants (
        id uuid primary key,
        slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text not null,
        config_version int not null default 1,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table tenant_config_versions (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        version int not null,
        config jsonb not null,
        note text,
        created_by_id uuid,
        created_at timestamptz not null default now(),
        unique (tenant_id, version)
      );`);
    this.addSql(`
      create table users (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        email text not null,
        display_name text not null,
        password_hash text not null,
        roles text[] not null default '{}',
        teams text[] not null default '{}',
        active boolean not null default true,
        created_at timestamptz not null default now(),
        unique (tenant_id, email)
      );`);
    this.addSql(`
      create table teams (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        code text not null,
        name jsonb not null,
        created_at timestamptz not null default now(),
        unique (tenant_id, code)
      );`);
    this.addSql(`
      create table api_keys (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        name text not null,
        prefix text not null unique,
        secret_hash text not null,
        scopes text[] not null default '{}',
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_by_id uuid,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table customers (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        name text not null,
        email text,
        phone text,
        tier text not null default 'standard',
        external_id text,
        created_at timestamptz not null default now(),
        unique (tenant_id, external_id)
      );`);
    this.addSql(`
      create table complaints (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        number text not null,
        idempotency_key text,
        request_hash text,
        channel text not null,
        category_code text,
        severity text not null,
        priority int not null default 0,
        stage text not null,
        status text not null,
        customer_id uuid references customers(id) deferrable initially deferred,
        contact jsonb,
        anonymous boolean not null default false,
        locale text not null default 'zh-CN',
        subject text not null,
        description text not null,
        product_ref text,
        order_ref text,
        expected_resolution text,
        amount_claimed numeric(14,2),
        assignee_id uuid references users(id) deferrable initially deferred,
        team_code text,
        round int not null default 1,
        satisfaction int check (satisfaction between 1 and 5),
        config_version int not null,
        stage_started_at timestamptz,
        stage_due_at timestamptz,
        first_response_due_at timestamptz,
        first_responded_at timestamptz,
        resolution_due_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, number),
        unique (tenant_id, idempotency_key)
      );`);
    this.addSql(`create index complaints_list_idx on complaints (tenant_id, created_at desc, id desc);`);
    this.addSql(`create index complaints_status_idx on complaints (tenant_id, status, severity, created_at desc, id desc);`);
    this.addSql(`create index complaints_stage_idx on complaints (tenant_id, stage, created_at desc, id desc);`);
    this.addSql(`create index complaints_assignee_idx on complaints (tenant_id, assignee_id, created_at desc);`);
    this.addSql(`create index complaints_team_idx on complaints (tenant_id, team_code, created_at desc);`);
    this.addSql(`create index complaints_customer_idx on complaints (tenant_id, customer_id, created_at desc);`);
    this.addSql(`create index complaints_category_idx on complaints (tenant_id, category_code, created_at desc);`);
    this.addSql(`create index complaints_due_idx on complaints (tenant_id, stage_due_at) where status <> 'CLOSED';`);
    this.addSql(`create index complaints_text_idx on complaints using gin ((subject || ' ' || description) gin_trgm_ops);`);

    this.addSql(`
      create table complaint_counters (
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        day date not null,
        value int not null,
        primary key (tenant_id, day)
      );`);
    this.addSql(`
      create table complaint_events (
        id uuid primary key,
        seq bigint generated always as identity unique,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        complaint_id uuid not null references complaints(id) deferrable initially deferred,
        kind text not null,
        actor_type text not null,
        actor_id text,
        actor_name text,
        from_value text,
        to_value text,
        note text,
        data jsonb,
        dedupe_key text,
        customer_visible boolean not null default false,
        created_at timestamptz not null default now(),
        unique (tenant_id, dedupe_key)
      );`);
    this.addSql(`create index complaint_events_timeline_idx on complaint_events (complaint_id, seq);`);
    this.addSql(`create index complaint_events_tenant_seq_idx on complaint_events (tenant_id, seq);`);
    this.addSql(`
      create table comments (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        complaint_id uuid not null references complaints(id) deferrable initially deferred,
        visibility text not null check (visibility in ('INTERNAL', 'CUSTOMER')),
        body text not null,
        author_type text not null,
        author_id text,
        author_name text,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index comments_complaint_idx on comments (complaint_id, created_at);`);
    this.addSql(`
      create table attachments (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        complaint_id uuid not null references complaints(id) deferrable initially deferred,
        file_name text not null,
        content_type text not null,
        size_bytes int not null,
        storage_key text not null,
        uploaded_by text,
        created_at timestamptz not null default now()
      );`);
    this.addSql(`create index attachments_complaint_idx on attachments (complaint_id);`);

    this.addSql(`alter table tenants enable row level security;`);
    this.addSql(`alter table tenants force row level security;`);
    this.addSql(`create policy tenant_isolation on tenants using (id = app_current_tenant());`);
    for (const table of TENANT_TABLES) {
      this.addSql(`alter table ${table} enable row level security;`);
      this.addSql(`alter table ${table} force row level security;`);
      this.addSql(
        `create policy tenant_isolation on ${table} using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`,
      );
    }

    // Sign-in has to find a tenant (and an API key its tenant) before any tenant is set:
    // these two definer functions reveal only what authentication needs.
    this.addSql(`
      create function auth_tenant_by_slug(p_slug text) returns table (id uuid, name text)
      language sql stable security definer set search_path = public as
      $$ select id, name from tenants where slug = p_slug $$;`);
    this.addSql(`
      create function auth_api_key(p_prefix text)
      returns table (id uuid, tenant_id uuid, secret_hash text, scopes text[], revoked_at timestamptz)
      language sql stable security definer set search_path = public as
      $$ select id, tenant_id, secret_hash, scopes, revoked_at from api_keys where prefix = p_prefix $$;`);

    this.addSql(`grant usage on schema public to complaints_app;`);
    this.addSql(`grant select, update on tenants to complaints_app;`);
    this.addSql(
      `grant select, insert, update, delete on tenant_config_versions, users, teams, api_keys, customers, complaints, complaint_counters, comments, attachments to complaints_app;`,
    );
    // The timeline is append-only for the application.
    this.addSql(`grant select, insert on complaint_events to complaints_app;`);
    this.addSql(`grant usage on all sequences in schema public to complaints_app;`);
    this.addSql(`grant execute on function app_current_tenant(), auth_tenant_by_slug(text), auth_api_key(text) to complaints_app;`);
  }
}
