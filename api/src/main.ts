import { loadConfig } from './platform/config';
import { createLogger } from './platform/observability/logger';
import { startTracing } from './platform/observability/tracing';
import type { RunningApi } from './app/start-api';

// First of all: until a listener exists, a SIGTERM takes Node's default action and kills the process on the
// spot. A signal during startup waits for the startup to finish, then stops through the ordered shutdown.
let starting: Promise<RunningApi> | undefined;
let stopping = false;
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  void stop(signal);
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const config = loadConfig();
const logger = createLogger('api', config.log);
// Before the app loads `pg` and `http`: the instrumentations patch those modules as they are required.
const tracing = startTracing('complaints-api', config.telemetry);

async function main(): Promise<void> {
  // Required here, not imported above: the app's modules load `pg` and `http` (see startTracing).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after startTracing on purpose (see above)
  const { startApi } = require('./app/start-api') as typeof import('./app/start-api');
  starting = startApi(config, config.port, logger);
  const api = await starting;
  logger.info(`GraphQL on ${api.url} (WebSocket on the same path)`);
}

/** Drains within SHUTDOWN_DRAIN_MS; the backstop covers a dependency that hangs the rest of the shutdown. */
async function stop(signal: NodeJS.Signals): Promise<void> {
  const backstop = setTimeout(() => {
    logger.error('shutdown did not finish in time; exiting');
    process.exit(1);
  }, config.shutdownDrainMs + 5_000);
  backstop.unref();
  logger.info({ signal }, 'stopping');
  try {
    const api = await starting?.catch(() => undefined);
    await api?.close();
    await tracing?.shutdown();
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
