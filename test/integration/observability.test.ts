import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { bundleWorkflowCode, NativeConnection } from '@temporalio/worker';
import { createLogger as createWorkerLogger } from '@complaints/api';
import { createLogger } from '../../api/src/platform/observability/logger';
import { startApi, type RunningApi } from '../../api/src/app/start-api';
import type { Orm } from '../../api/src/app/orm';
import { startTracing, type Tracing } from '../../api/src/platform/observability/tracing';
import { createLifecycleWorker, tracingPlugins, WORKFLOWS_PATH } from '../../worker/src/lifecycle-worker';
import { createOrm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, SUBMIT, testConfig, type TestTenant } from '../support/harness';
import { capturingLogger, sampleValue } from '../support/log-capture';
import { eventually, roundTheClockConfig, uniqueTaskQueue } from './lifecycle.support';

const taskQueue = uniqueTaskQueue();
const exporter = new InMemorySpanExporter();
const apiLog = capturingLogger(createLogger, 'api');
const workerLog = capturingLogger(createWorkerLogger, 'worker');
let tracing: Tracing;
let api: RunningApi;
let admin: Orm;
let tenant: TestTenant;
let stopWorker: () => Promise<void>;

const opsUrl = (path: string) => api.url.replace(/\/graphql$/, path);
const scrape = async () => (await fetch(opsUrl('/metrics'))).text();

beforeAll(async () => {
  tracing = startTracing('complaints-test', { exporter })!;
  api = await startApi(testConfig({ TASK_QUEUE: taskQueue }), 0, apiLog.logger);
  admin = await adminOrm();
  tenant = await createTestTenant(admin, { url: api.url, orm: api.orm, close: api.close }, { config: roundTheClockConfig() });

  const orm = await createOrm(testConfig().appDatabaseUrl, { pool: { min: 0, max: 3 } });
  const connection = await NativeConnection.connect({ address: testConfig().temporal.address });
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    plugins: tracingPlugins(tracing),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  const worker = await createLifecycleWorker({ connection, namespace: 'default', taskQueue, root: orm.em, workflowBundle, logger: workerLog.logger, tracing });
  const running = worker.run();
  stopWorker = async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await orm.close();
  };
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await api?.close();
  await admin?.close();
  await tracing?.shutdown();
});

const submit = () => gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, tenant.tokens['clerk@t.test']);

describe('observability', () => {
  it('after one intake the metrics endpoint counts it, its GraphQL operation and its latency', async () => {
    const before = await scrape();
    const res = await submit();
    expect(res.data?.submitComplaint.created).toBe(true);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);

    expect(delta('complaints_intakes_total', { channel: 'web' })).toBe(1);
    expect(delta('complaints_graphql_requests_total', { operation: 'Submit', outcome: 'ok' })).toBe(1);
    expect(delta('complaints_graphql_request_duration_seconds_count', { operation: 'Submit', outcome: 'ok' })).toBe(1);
    expect(delta('complaints_workflow_starts_total', { path: 'after_commit', outcome: 'started' })).toBe(1);
    expect(sampleValue(after, 'complaints_db_pool_connections', { pool: 'api', state: 'max' })).toBe(testConfig().apiDbPoolSize);
    expect(after).toContain('# TYPE complaints_live_connections gauge');
    expect(after).toContain('complaints_process_cpu_seconds_total');
  });

  it("one trace id runs through the API's and the worker's log lines of one complaint", async () => {
    const res = await submit();
    const complaint = res.data!.submitComplaint.complaint;
    const apiLine = apiLog.lines.find((l) => l.msg === 'graphql operation' && l.operation === 'Submit' && l.complaintNumber === complaint.number);
    expect(apiLine).toMatchObject({
      level: 'debug',
      service: 'api',
      tenantId: tenant.id,
      principalKind: 'user',
      requestId: expect.any(String),
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });

    const workerLine = await eventually(
      () => workerLog.lines.find((l) => l.msg === 'transition projected' && l.complaintId === complaint.id),
      (line) => line !== undefined,
    );
    expect(workerLine).toMatchObject({ service: 'worker', tenantId: tenant.id, trace_id: apiLine!.trace_id });

    // The workflow's own span (RunWorkflow) ends with the complaint; what it scheduled is exported as it goes,
    // so a scheduling span may finish after the activity it started has run.
    const expected = ['graphql Submit', 'StartWorkflow:complaintLifecycle', 'StartActivity:projectTransition', 'RunActivity:projectTransition'];
    const names = await eventually(
      async () => {
        await tracing.spanProcessor.forceFlush();
        return exporter
          .getFinishedSpans()
          .filter((s) => s.spanContext().traceId === apiLine!.trace_id)
          .map((s) => s.name);
      },
      (found) => expected.every((name) => found.includes(name)),
      5_000,
    );
    expect(names).toEqual(expect.arrayContaining(expected));
  });

  it('/healthz answers and /readyz reports PostgreSQL, migrations and Temporal', async () => {
    expect((await fetch(opsUrl('/healthz'))).status).toBe(200);
    const ready = await fetch(opsUrl('/readyz'));
    expect({ status: ready.status, body: await ready.json() }).toEqual({
      status: 200,
      body: { ready: true, checks: { postgres: 'ok', migrations: 'ok', temporal: 'ok', worker: expect.anything() } },
    });
  });
});
