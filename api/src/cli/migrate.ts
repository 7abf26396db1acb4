import 'reflect-metadata';
import { loadConfig } from '../platform/config';
import { migrate } from '../platform/db/migrate';
import { createOrm } from '../app/orm';

/** `node api/dist/cli/migrate.js`: applies pending migrations as the database owner (DATABASE_URL). */
async function main(): Promise<void> {
  const config = loadConfig();
  const orm = await createOrm(config.adminDatabaseUrl, { pool: { min: 0, max: 2 } });
  try {
    const applied = await migrate(orm, config.appDbPassword);
    console.log(applied.length ? `[migrate] applied ${applied.join(', ')}` : '[migrate] schema is up to date');
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error('[migrate] failed', error);
  process.exit(1);
});
