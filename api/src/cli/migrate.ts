import 'reflect-metadata';
import { loadConfig } from '../platform/config';
import { migrate } from '../platform/db/migrate';
import { createOrm } from '../app/orm';
import { SecretBox } from '../platform/secrets/secret-box';
import { resealWebhookSecrets } from '../webhooks/webhook-secret';
import { createLogger } from '../platform/observability/logger';

const config = loadConfig();
const logger = createLogger('migrate', config.log);

/**
 * `node api/dist/cli/migrate.js`: applies pending migrations as the database owner (DATABASE_URL), then
 * encrypts webhook secrets still in plaintext or under SECRETS_KEY_PREVIOUS with SECRETS_KEY (README, "Key rotation").
 */
async function main(): Promise<void> {
  const orm = await createOrm(config.adminDatabaseUrl, { pool: { min: 0, max: 2 } });
  try {
    const applied = await migrate(orm, config.appDbPassword);
    logger.info({ applied }, applied.length ? `applied ${applied.join(', ')}` : 'schema is up to date');
    const resealed = await resealWebhookSecrets(orm.em.fork(), SecretBox.fromConfig(config));
    if (resealed) logger.info({ resealed }, `encrypted ${resealed} webhook secret(s) with the current SECRETS_KEY`);
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'migration failed');
  process.exit(1);
});
