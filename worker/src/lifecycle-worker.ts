import type { EntityManager } from '@mikro-orm/postgresql';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import { TenantConfigService, type Logger, type Tracing } from '@complaints/api';
import { createActivities, createTriageActivities, type LifecycleActivities } from './activities';

export interface LifecycleWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  root: EntityManager;
  /** A pre-built bundle (tests bundle once per file, production may ship one); otherwise bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Fault tests wrap the activities (e.g. to crash after a commit); production passes nothing. */
  wrapActivities?: (activities: LifecycleActivities) => LifecycleActivities;
  logger?: Logger;
  /** Traces workflows and activities into this process's tracing (see tracingPlugins). */
  tracing?: Pick<Tracing, 'resource' | 'spanProcessor'>;
}

/** Workflows kept in memory between tasks (see createLifecycleWorker). */
export const MAX_CACHED_WORKFLOWS = 300;

/** The path the bundler starts from: compiled JS in production, TypeScript under jest. */
export const WORKFLOWS_PATH = require.resolve('./workflows');

/** A worker for the complaint lifecycle and the triage training jobs: their workflows plus activities over the api's domain services. */
export function createLifecycleWorker(opts: LifecycleWorkerOptions): Promise<Worker> {
  const tenantConfig = new TenantConfigService();
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: {
      ...(opts.wrapActivities ?? ((a) => a))(createActivities({ root: opts.root, tenantConfig, logger: opts.logger })),
      ...createTriageActivities({ root: opts.root, tenantConfig }),
    },
    plugins: tracingPlugins(opts.tracing),
    // Complaint workflows sleep for hours between events, and each cached one keeps its sandbox in memory:
    // the SDK's default cache, sized from the machine's memory, grew to gigabytes with the benchmark's open
    // complaints (figures: README, "Figures behind the defaults"). Evicted workflows replay from history
    // when their next timer or update arrives.
    maxCachedWorkflows: MAX_CACHED_WORKFLOWS,
    // After a worker dies, each workflow's next task first waits this long on the dead worker's sticky
    // queue before Temporal hands it to a live worker: the SDK's 10 s kept staff actions failing for
    // 10-20 s after a replacement was up. A live worker picks its sticky tasks up in milliseconds.
    stickyQueueScheduleToStartTimeout: '2s',
  });
}

/**
 * Temporal's OpenTelemetry interceptors (client, workflow, activity) and the sink that exports the spans
 * workflows record. The workflow interceptors are bundled into the workflow code: a pre-built bundle must be
 * built with the same plugins (`bundleWorkflowCode({ plugins })`). Without tracing: none, nothing bundled.
 */
export function tracingPlugins(tracing: LifecycleWorkerOptions['tracing']): OpenTelemetryPlugin[] {
  return tracing ? [new OpenTelemetryPlugin({ resource: tracing.resource, spanProcessor: tracing.spanProcessor })] : [];
}
