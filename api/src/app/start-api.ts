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

export interface RunningApi extends RunningApiServer {
  orm: Orm;
  /** The API's Temporal client (complaint lifecycle workflows). */
  temporal: Client;
}

/** Wires the API from a validated configuration: ORM as the application role, services, schema, server. */
export async function startApi(config: AppConfig, port = config.port): Promise<RunningApi> {
  const orm = await createOrm(config.appDatabaseUrl, { pool: { min: 0, max: config.apiDbPoolSize } });
  const lifecycle = connectLifecycle(orm.em, config, (message, error) => console.error(`[api] ${message}`, error));
  const numbers = new ComplaintNumbers(config.appDatabaseUrl);
  const side = openSidePool(config.appDatabaseUrl, Math.max(4, Math.ceil(config.apiDbPoolSize / 2)));
  const services = createServices(orm.em, config, numbers, side, lifecycle);
  const schema = await buildApiSchema();
  const live = await startLive(orm.em, config, services.auth, (message, error) => console.error(`[api] ${message}`, error));
  const running = await startApiServer(
    {
      schema,
      root: orm.em,
      services,
      live: live.services,
      webSocketLimits: config.live,
      production: config.env === 'production',
      log: (message, error) => console.error(`[api] ${message}`, error),
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
      await side.end();
      await orm.close();
    },
  };
}
