import { Migration } from '@mikro-orm/migrations';

/**
 * A staff session per sign-in: the family of refresh tokens descended from one login. A refresh token
 * names its session and its generation; using it moves the session to the next generation, so each
 * refresh token works once. The row holds no token, only the generation a token must carry.
 *
 * `auth_rotate_staff_session` runs as one autocommitted statement on a connection outside the request's
 * transaction: ending a family on reuse must stick although the request then fails (and rolls back).
 * Two refreshes racing with one token queue on the row lock; the loser sees the next generation and,
 * within the grace period, is told to hand back the same successor instead of being taken for a thief.
 *
 * `auth_staff_session` gains the session: an access token of an ended session stops working on its next
 * request. The two-argument version goes, so tokens issued before sessions existed no longer pass.
 */
export class Migration20261205003000_staff_session_rotation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table staff_sessions (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) deferrable initially deferred,
        user_id uuid not null references users(id) deferrable initially deferred,
        generation int not null default 0,
        rotated_at timestamptz not null default now(),
        created_at timestamptz not null default now(),
        ended_at timestamptz,
        end_reason text check (end_reason in ('logout', 'sign_out_everywhere', 'password_changed', 'deactivated', 'refresh_reuse'))
      );`);
    this.addSql(`create index staff_sessions_open_by_user_idx on staff_sessions (tenant_id, user_id) where ended_at is null;`);
    this.addSql(`alter table staff_sessions enable row level security;`);
    this.addSql(`alter table staff_sessions force row level security;`);
    this.addSql(`create policy tenant_isolation on staff_sessions using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant());`);
    this.addSql(`grant select, insert, update on staff_sessions to complaints_app;`);

    this.addSql(`
      create function auth_rotate_staff_session(p_tenant uuid, p_session uuid, p_generation int, p_grace_seconds int)
      returns table (outcome text, user_id uuid, generation int, rotated_at timestamptz)
      language plpgsql volatile as $$
      declare
        s staff_sessions%rowtype;
      begin
        perform set_config('app.tenant_id', p_tenant::text, true);
        update staff_sessions x set generation = x.generation + 1, rotated_at = now()
          where x.tenant_id = p_tenant and x.id = p_session and x.generation = p_generation and x.ended_at is null
          returning x.* into s;
        if found then
          return query select 'rotated'::text, s.user_id, s.generation, s.rotated_at;
          return;
        end if;
        select x.* into s from staff_sessions x where x.tenant_id = p_tenant and x.id = p_session for update;
        if not found then
          return;
        end if;
        if s.ended_at is not null then
          return query select 'ended'::text, s.user_id, s.generation, s.rotated_at;
        elsif s.generation = p_generation + 1 and s.rotated_at > now() - make_interval(secs => p_grace_seconds) then
          return query select 'retried'::text, s.user_id, s.generation, s.rotated_at;
        else
          update staff_sessions x set ended_at = now(), end_reason = 'refresh_reuse' where x.id = p_session;
          return query select 'reused'::text, s.user_id, s.generation, s.rotated_at;
        end if;
      end $$;`);
    this.addSql(`grant execute on function auth_rotate_staff_session(uuid, uuid, int, int) to complaints_app;`);

    this.addSql(`drop function auth_staff_session(uuid, uuid);`);
    this.addSql(`
      create function auth_staff_session(p_tenant uuid, p_user uuid, p_session uuid)
      returns table (display_name text, roles text[], config_version int)
      language plpgsql volatile as $$
      begin
        perform set_config('app.tenant_id', p_tenant::text, true);
        return query
          select u.display_name, u.roles, t.config_version
          from users u
          join tenants t on t.id = u.tenant_id
          join staff_sessions s on s.tenant_id = u.tenant_id and s.id = p_session and s.user_id = u.id
          where u.tenant_id = p_tenant and u.id = p_user and u.active and s.ended_at is null;
      end $$;`);
    this.addSql(`grant execute on function auth_staff_session(uuid, uuid, uuid) to complaints_app;`);
  }
}
