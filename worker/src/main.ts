import 'reflect-metadata';
import { createLogger, loadConfig, startTracing } from '@complaints/api';
import { runWorker } from './worker-process';

/** How often the outbox relay sweeps, and how old a pending start must be before it takes over from the API. */
const RELAY_INTERVAL_MS = 5_000;
const RELAY_GRACE_MS = 10_000;

const config = loadConfig();
const logger = createLogger('worker', config.log);
// Before the ORM connects: knex requires `pg` then, and the instrumentation patches it as it is required.
const tracing = startTracing('complaints-worker', config.telemetry);

async function main(): Promise<void> {
  await runWorker(config, logger, { tracing, relayIntervalMs: RELAY_INTERVAL_MS, relayGraceMs: RELAY_GRACE_MS });
  await tracing?.shutdown();
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'worker failed');
  process.exit(1);
});
