import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createOrm } from '../app/orm';
import { createOperator } from '../operator/operator-accounts';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/observability/logger';

const config = loadConfig();
const logger = createLogger('operator', config.log);

/**
 * `npm run operator:create -- --email ops@example.com --password '…' [--name 'Ops']`, or the same from
 * OPERATOR_EMAIL / OPERATOR_PASSWORD / OPERATOR_NAME (npm start runs it once when those are set). Connects as the
 * database owner (DATABASE_URL), like the migrations.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } });
  const email = values.email ?? process.env.OPERATOR_EMAIL;
  const password = values.password ?? process.env.OPERATOR_PASSWORD;
  if (!email || !password) throw new Error('give --email and --password (or OPERATOR_EMAIL and OPERATOR_PASSWORD)');
  const orm = await createOrm(config.adminDatabaseUrl, { pool: { min: 0, max: 1 } });
  try {
    const outcome = await createOperator(orm.em.fork(), { email, password, displayName: values.name ?? process.env.OPERATOR_NAME });
    logger.info({ outcome }, outcome === 'created' ? `platform operator ${email} created` : `platform operator ${email} already exists; left unchanged`);
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : 'creating the operator failed');
  process.exit(1);
});
