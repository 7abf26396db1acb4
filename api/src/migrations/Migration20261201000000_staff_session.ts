import { Migration } from '@mikro-orm/migrations';

/**
 * Authenticating a staff request took three round trips before its real query: set the tenant, read
 * the user, read the tenant's configuration version. This function does all three in one. It runs as
 * the caller (no definer rights), so row-level security applies to both reads under the tenant it sets;
 * the setting is transaction-local, as `enterTenant` makes it.
 */
export class Migration20261201000000_staff_session extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function auth_staff_session(p_tenant uuid, p_user uuid)
      returns table (display_name text, roles text[], config_version int)
      language plpgsql volatile as $$
      begin
        perform set_config('app.tenant_id', p_tenant::text, true);
        return query
          select u.display_name, u.roles, t.config_version
          from users u join tenants t on t.id = u.tenant_id
          where u.tenant_id = p_tenant and u.id = p_user and u.active;
      end $$;`);
    this.addSql(`grant execute on function auth_staff_session(uuid, uuid) to complaints_app;`);
  }
}
