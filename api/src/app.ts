import 'reflect-metadata';
import type { AppConfig } from './platform/config';
import { createOrm, type Orm } from './platform/db/orm';
import { buildApiSchema } from './platform/graphql/schema';
import { startApiServer, type RunningApiServer } from './platform/http/server';
import { createServices } from './platform/services';

export interface RunningApi extends RunningApiServer {
  orm: Orm;
}

/** Wires the API from a validated configuration: ORM as the application role, services, schema, server. */
export async function startApi(config: AppConfig, port = config.port): Promise<RunningApi> {
  const orm = await createOrm(config.appDatabaseUrl);
  const services = createServices(orm.em, config);
  const schema = await buildApiSchema();
  const running = await startApiServer(
    {
      schema,
      root: orm.em,
      services,
      production: config.env === 'production',
      log: (message, error) => console.error(`[api] ${message}`, error),
    },
    port,
  );
  return {
    ...running,
    orm,
    close: async () => {
      await running.close();
      await orm.close();
    },
  };
}
