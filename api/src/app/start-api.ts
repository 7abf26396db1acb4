import 'reflect-metadata';
import type { AppConfig } from '../platform/config';
import { createOrm, type Orm } from './orm';
import { buildApiSchema } from './schema';
import { startApiServer, type RunningApiServer } from './http/server';
import { createServices } from './services';
import { ComplaintNumbers } from '../complaint/complaint-number';
import { openSidePool } from '../platform/db/side-pool';
import { startLive } from '../live/live-wiring';
import { connectLifecycle } from '../lifecycle/lifecycle-wiring';
import type { Client } from '@temporalio/client';
import { createLogger, logFunction, type Logger } from '../platform/observability/logger';
import { observePool } from '../platform/observability/db-metrics';
import { databaseChecks } from '../platform/observability/readiness';
import { temporalCheck, workerCheck } from '../lifecycle/lifecycle-readiness';
import { MIGRATION_NAMES } from '../migrations';
import { createChannelAdapters } from '../notifications/channel-adapters';

export interface RunningApi extends RunningApiServer {
  orm: Orm;
  /** The API's Temporal client (complaint lifecycle workflows). */
  temporal: Client;
}

/** Wires the API from a validated configuration: ORM as the application role, services, schema, server. */
export async function startApi(config: AppConfig, port = config.port, logger: Logger = createLogger('api', config.log)): Promise<RunningApi> {
  const log = logFunction(logger);
  const orm = await createOrm(config.appDatabaseUrl, { pool: { min: 0, max: config.apiDbPoolSize, acquireTimeoutMillis: config.apiDbAcquireTimeoutMs } });
  const unobservePool = observePool('api', orm.em);
  const lifecycle = connectLifecycle(orm.em, config, log);
  const numbers = new ComplaintNumbers(config.appDatabaseUrl);
  const side = openSidePool(config.appDatabaseUrl, Math.max(4, Math.ceil(config.apiDbPoolSize / 2)));
  // Invitation emails only; complaint notifications are the worker's. Its start already warns about log-only channels.
  const { adapters: channels } = createChannelAdapters(config.notifications, log);
  const services = createServices(orm.em, config, numbers, side, lifecycle, logger, channels);
  const schema = await buildApiSchema();
  const live = await startLive(orm.em, config, services.auth, log);
  const running = await startApiServer(
    {
      schema,
      root: orm.em,
      services,
      live: live.services,
      webSocketLimits: config.live,
      production: config.env === 'production',
      logger,
      drainMs: config.shutdownDrainMs,
      corsOrigins: config.corsOrigins,
      readiness: [...databaseChecks(orm.em, MIGRATION_NAMES), temporalCheck(lifecycle.client), workerCheck(lifecycle.client, config.temporal)],
    },
    port,
  );
  return {
    ...running,
    orm,
    temporal: lifecycle.client,
    close: async () => {
      await running.close();
      await live.close();
      await lifecycle.close();
      await numbers.close();
      unobservePool();
      await side.end();
      // One adapter may serve several channels (SMS and push share the provider): close each once.
      for (const channel of new Set(Object.values(channels))) await channel.close?.();
      await orm.close();
    },
  };
}
