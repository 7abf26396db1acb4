import { MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../migrations';
import { STATEMENT_FINGERPRINT, statementFingerprint } from '../platform/db/sql-error';
import { TenantStampSubscriber } from '../platform/db/tenant-stamp.subscriber';

export type Orm = MikroORM<PostgreSqlDriver>;

function ormOptions(clientUrl: string, overrides: Partial<Options<PostgreSqlDriver>> = {}): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    entities: ENTITIES,
    subscribers: [new TenantStampSubscriber()],
    extensions: [Migrator],
    // Handwritten SQL migrations, listed explicitly so compiled and ts-run code find the same set.
    migrations: { migrationsList: MIGRATIONS, snapshot: false, transactional: true, allOrNothing: true },
    pool: { min: 0, max: 20 },
    // The schema is owned by migrations; the ORM never discovers or syncs it at start.
    discovery: { warnWhenNoEntities: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    // knex writes a failed statement into the error's message; by default with the bound values inlined.
    driverOptions: { compileSqlOnError: false },
    ...overrides,
  };
}

export async function createOrm(clientUrl: string, overrides: Partial<Options<PostgreSqlDriver>> = {}): Promise<Orm> {
  const orm = await MikroORM.init(ormOptions(clientUrl, overrides));
  // The failed statement's fingerprint rides on the error (MikroORM copies it onto its exception) so a log can name it without its text.
  orm.em
    .getConnection()
    .getKnex()
    .on('query-error', (error: Record<string, unknown>, query: { sql: string }) => {
      error[STATEMENT_FINGERPRINT] = statementFingerprint(query.sql);
    });
  return orm;
}
