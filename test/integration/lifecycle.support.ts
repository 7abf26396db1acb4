import { randomUUID } from 'node:crypto';
import { DefaultLogger, NativeConnection, Runtime, bundleWorkflowCode, type Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Orm } from '../../api/src/app/orm';
import { createOrm } from '../../api/src/app/orm';
import { createLifecycleWorker, WORKFLOWS_PATH } from '../../worker/src/lifecycle-worker';
import { testConfig } from '../support/harness';
import { TEMPORAL_TEST_SERVER } from '../setup/temporal-test-server';

export { roundTheClockConfig } from '../../worker/src/testing/lifecycle-fixtures';

/** Each test file runs its own worker on its own task queue, so files never pick up each other's workflows. */
export const uniqueTaskQueue = () => `complaints-test-${randomUUID().slice(0, 8)}`;

// Worker state chatter would drown the test output; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed by an earlier import in this test worker.
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundling takes seconds: once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  return (bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger }));
}

const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m: string) => console.error(m) };

export interface RunningWorker {
  worker: Worker;
  orm: Orm;
  stop(): Promise<void>;
}

/** A lifecycle worker as the application role, like the real worker process; `connection` defaults to TEMPORAL_ADDRESS. */
export async function startWorker(
  taskQueue: string,
  opts: { connection?: NativeConnection; namespace?: string; wrapActivities?: Parameters<typeof createLifecycleWorker>[0]['wrapActivities'] } = {},
): Promise<RunningWorker> {
  const { connection, namespace = 'default' } = opts;
  const config = testConfig();
  const orm = await createOrm(config.appDatabaseUrl, { pool: { min: 0, max: 5 } });
  const ownConnection = connection ? undefined : await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createLifecycleWorker({
    connection: (connection ?? ownConnection)!,
    namespace,
    taskQueue,
    root: orm.em,
    workflowBundle: await workflowBundle(),
    wrapActivities: opts.wrapActivities,
  });
  const running = worker.run();
  let stopped: Promise<void> | undefined;
  // Once: a test that stops its worker early leaves afterAll's stop with nothing to do.
  const stop = async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running;
    await ownConnection?.close();
    await orm.close();
  };
  return { worker, orm, stop: () => (stopped ??= stop()) };
}

/** Polls until `read` returns something `done` accepts (projections land asynchronously after timers). */
export async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The time-skipping test server test/setup/global-setup.ts located (or installed) once for the run. */
export function testServerPath(): string {
  const path = process.env[TEMPORAL_TEST_SERVER.envVariable];
  if (!path) throw new Error(`${TEMPORAL_TEST_SERVER.envVariable} is not set: run the tests through jest, whose global setup provides it`);
  return path;
}
