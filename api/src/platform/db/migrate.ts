import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { APP_DB_ROLE } from '../config';

/**
 * Creates (or re-passwords) the application's login: not superuser, not the tables' owner, and
 * NOBYPASSRLS, so row-level security binds it. Runs as the owner before the migrations grant to it.
 */
async function ensureAppRole(orm: MikroORM<PostgreSqlDriver>, password: string): Promise<void> {
  const conn = orm.em.getConnection();
  const quoted = `'${password.replaceAll("'", "''")}'`;
  const [exists] = await conn.execute<{ n: number }[]>(`select count(*)::int as n from pg_roles where rolname = ?`, [APP_DB_ROLE]);
  const verb = exists && exists.n > 0 ? 'alter' : 'create';
  await conn.execute(`${verb} role ${APP_DB_ROLE} with login nosuperuser nobypassrls nocreatedb nocreaterole password ${quoted}`);
  const [db] = await conn.execute<{ name: string }[]>('select current_database() as name');
  await conn.execute(`grant connect on database "${db.name}" to ${APP_DB_ROLE}`);
}

export async function migrate(orm: MikroORM<PostgreSqlDriver>, appPassword: string): Promise<string[]> {
  await ensureAppRole(orm, appPassword);
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
