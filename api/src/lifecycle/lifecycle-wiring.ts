import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { AppConfig } from '../platform/config';
import { LifecycleSignalOutbox } from './lifecycle-signal.outbox';
import { LazyNativeConnection } from './native-connection';
import { StartWorkflowsAfterCommit, WorkflowStarter } from './workflow-start.outbox';

export interface LifecycleTemporal {
  client: Client;
  starter: WorkflowStarter;
  signals: LifecycleSignalOutbox;
  close(): Promise<void>;
}

/**
 * The API's one Temporal client. The connection is lazy so the API starts (and takes complaints) while
 * Temporal is down: their workflow starts wait in the outbox. Every transaction that enqueued a start
 * starts it right after commit (the fast path); the worker's relay covers the rest.
 */
export function connectLifecycle(root: EntityManager, config: AppConfig, log: (message: string, error?: unknown) => void): LifecycleTemporal {
  const connection = new LazyNativeConnection(config.temporal.address);
  // Traces starts and updates into their workflow (a no-op while tracing is off).
  const client = new Client({ connection, namespace: config.temporal.namespace, interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } });
  const starter = new WorkflowStarter(root, client, config.temporal.taskQueue);
  root.getEventManager().registerSubscriber(new StartWorkflowsAfterCommit(starter, log));
  return { client, starter, signals: new LifecycleSignalOutbox(root, client), close: () => connection.close() };
}
