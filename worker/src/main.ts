import 'reflect-metadata';
import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createOrm, loadConfig, runWorkflowStartRelay, WorkflowStarter } from '@complaints/api';
import { createLifecycleWorker } from './lifecycle-worker';
import { startDelivery } from './delivery/delivery-wiring';

/** How often the outbox relay sweeps, and how old a pending start must be before it takes over from the API. */
const RELAY_INTERVAL_MS = 5_000;
const RELAY_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  // The SDK logs every state change and the bundler's module list at INFO; operators need warnings and errors.
  Runtime.install({ logger: new DefaultLogger(config.env === 'production' ? 'INFO' : 'WARN') });
  const { address, namespace, taskQueue } = config.temporal;
  const orm = await createOrm(config.appDatabaseUrl);
  // One native connection serves the worker and the outbox relay's client.
  const connection = await NativeConnection.connect({ address });
  const client = new Client({ connection, namespace });
  const worker = await createLifecycleWorker({ connection, namespace, taskQueue, root: orm.em });
  const log = (message: string, error?: unknown) => console.error(`[worker] ${message}`, error ?? '');
  const stopRelay = runWorkflowStartRelay(new WorkflowStarter(orm.em, client, taskQueue), { intervalMs: RELAY_INTERVAL_MS, graceMs: RELAY_GRACE_MS, log });
  const delivery = startDelivery(orm.em, config, { log });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  console.log(`[worker] polling task queue ${taskQueue} on ${address}`);
  try {
    await worker.run();
  } finally {
    await stopRelay();
    await delivery.stop();
    await connection.close();
    await orm.close();
  }
}

main().catch((error: unknown) => {
  console.error('[worker] failed:', error);
  process.exit(1);
});
