import { createServer, type Server } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NativeConnection } from '@temporalio/worker';
import { databaseChecks, MIGRATION_NAMES, opsEndpoints } from '@complaints/api';

/** The worker's /healthz, /readyz (PostgreSQL, migrations, Temporal) and /metrics on its own port. */
export async function startOpsServer(
  port: number,
  deps: { root: EntityManager; connection: NativeConnection; coreMetrics?: () => Promise<string> },
): Promise<{ port: number; close(): Promise<void> }> {
  const temporal = { name: 'temporal', required: true, run: async () => void (await deps.connection.workflowService.getSystemInfo({})) };
  const handle = opsEndpoints([...databaseChecks(deps.root, MIGRATION_NAMES), temporal], deps.coreMetrics);
  const server: Server = createServer((req, res) => {
    if (!handle(req, res, new URL(req.url ?? '/', 'http://localhost').pathname)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
