import { loadConfig } from './platform/config';
import { createLogger } from './platform/observability/logger';
import { startTracing } from './platform/observability/tracing';

const config = loadConfig();
const logger = createLogger('api', config.log);
// Before the app loads `pg` and `http`: the instrumentations patch those modules as they are required.
const tracing = startTracing('complaints-api', config.telemetry);

async function main(): Promise<void> {
  // Required here, not imported above: the app's modules load `pg` and `http` (see startTracing).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after startTracing on purpose (see above)
  const { startApi } = require('./app/start-api') as typeof import('./app/start-api');
  const api = await startApi(config, config.port, logger);
  logger.info(`GraphQL on ${api.url} (WebSocket on the same path)`);
  const stop = () => {
    void api
      .close()
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
