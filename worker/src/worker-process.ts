import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { NativeConnection } from '@temporalio/worker';
import {
  createOrm,
  logFunction,
  observeOutboxBacklog,
  observePool,
  LifecycleSignalOutbox,
  runOutboxRelay,
  WorkflowStarter,
  type AppConfig,
  type Logger,
  type Tracing,
} from '@complaints/api';
import { createLifecycleWorker } from './lifecycle-worker';
import { startDelivery } from './delivery/delivery-wiring';
import { startOpsServer } from './ops-server';
import { installTemporalRuntime } from './temporal-runtime';

/** The worker process: lifecycle worker, workflow-start relay, delivery relay and the ops endpoints, until a signal. */
export async function runWorker(config: AppConfig, logger: Logger, opts: { tracing?: Tracing; relayIntervalMs: number; relayGraceMs: number }): Promise<void> {
  const log = logFunction(logger);
  const { coreMetrics } = await installTemporalRuntime(logger);
  const { address, namespace, taskQueue } = config.temporal;
  const orm = await createOrm(config.appDatabaseUrl);
  // One native connection serves the worker and the outbox relay's client.
  const connection = await NativeConnection.connect({ address });
  const client = new Client({ connection, namespace, interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } });
  const worker = await createLifecycleWorker({ connection, namespace, taskQueue, root: orm.em, logger, tracing: opts.tracing });
  const relay = { intervalMs: opts.relayIntervalMs, graceMs: opts.relayGraceMs, tenantId: config.worker.tenantId, log };
  const stopRelays = [
    runOutboxRelay(new WorkflowStarter(orm.em, client, taskQueue), { ...relay, what: 'workflow start(s)' }),
    runOutboxRelay(new LifecycleSignalOutbox(orm.em, client), { ...relay, what: 'lifecycle signal(s)' }),
  ];
  const delivery = startDelivery(orm.em, config, { log, tenantId: config.worker.tenantId });
  const unobserve = [observePool('worker', orm.em), observeOutboxBacklog(orm.em)];
  const ops = await startOpsServer(config.telemetry.workerMetricsPort, { root: orm.em, connection, coreMetrics });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  logger.info({ taskQueue, address, opsPort: ops.port }, `polling task queue ${taskQueue} on ${address}`);
  try {
    await worker.run();
  } finally {
    await ops.close();
    await Promise.all(stopRelays.map((stop) => stop()));
    await delivery.stop();
    unobserve.forEach((undo) => undo());
    await connection.close();
    await orm.close();
  }
}
