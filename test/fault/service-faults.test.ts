import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Orm } from '../../api/src/app/orm';
import { findFreePort } from '../../api/src/dev/embedded/process-control';
import { startTemporalDevServer, type TemporalDevServer } from '../../api/src/dev/embedded/temporal-dev-server';
import { adminOrm, createTestTenant, testConfig, type TestApi, type TestTenant } from '../support/harness';
import { API_MAIN, spawnService, WORKER_MAIN, type ServiceProcess } from '../support/service-process';
import { eventually, roundTheClockConfig, uniqueTaskQueue } from '../integration/lifecycle.support';
import { ComplaintLoad } from './support/complaint-load';
import { PlugPuller } from './support/plug-puller';

/**
 * The API and the worker as real processes, under intake and lifecycle load, through kill -9 of each,
 * PostgreSQL cut off (a TCP proxy in front of the shared server, which other suites keep using) and a
 * restart of a Temporal dev server of this file's own (SQLite file, so its state survives). After each fault:
 * every acknowledged intake is in the database once, no timeline event or notification twice, and intake
 * and actions answer again within 10 s of the fault ending (after a worker kill, plus the workflow task
 * timeout); at the end every complaint's workflow started. Recovery counts from the fault's end (the
 * replacement process ready, the plug back in, Temporal serving again) to the first intake and the first
 * staff action that succeed after it.
 */
const RECOVERY_LIMIT_MS = 10_000;
/**
 * A workflow task the killed worker had started is handed to another worker only when it times out
 * (Temporal's default workflow task timeout, 10 s, from the kill): an action on that complaint waits for it.
 */
const WORKFLOW_TASK_TIMEOUT_MS = 10_000;
const OUTAGE_MS = 3_000;
/** Room for a replacement process to start on a busy CI machine; recovery itself is held to RECOVERY_LIMIT_MS. */
const TEST_TIMEOUT_MS = 150_000;
const taskQueue = uniqueTaskQueue();
let dir: string;
let temporal: TemporalDevServer;
let temporalPort: number;
let postgres: PlugPuller;
let admin: Orm;
let apiPort: number;
let workerOpsPort: number;
let api: ServiceProcess;
let worker: ServiceProcess;
let tenant: TestTenant;
let load: ComplaintLoad;
const figures: { test: string; load: string; faults: string; lost: number; duplicated: number; intakeMs: number; actionMs: number }[] = [];

const env = () => {
  const viaProxy = new URL(testConfig().adminDatabaseUrl);
  viaProxy.host = `127.0.0.1:${postgres.port}`;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: viaProxy.toString(),
    TEMPORAL_ADDRESS: temporal.address,
    TASK_QUEUE: taskQueue,
    PORT: String(apiPort),
    WORKER_METRICS_PORT: String(workerOpsPort),
    LIFECYCLE_UPDATE_TIMEOUT_MS: '2000',
    API_DB_ACQUIRE_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'info',
    // Other suites share this PostgreSQL: the worker relays only this file's tenant, on this file's Temporal.
    ...(tenant ? { WORKER_TENANT_ID: tenant.id } : {}),
  };
};
const startApiProcess = async () => (api = await spawnService(API_MAIN, env(), 'GraphQL on'));
const startWorkerProcess = async () => (worker = await spawnService(WORKER_MAIN, env(), 'polling task queue', 60_000));
const startTemporal = async () => (temporal = await startTemporalDevServer({ port: temporalPort, dbFile: join(dir, 'temporal.db') }));
const kill9 = async (service: ServiceProcess) => {
  service.child.kill('SIGKILL');
  await service.exited;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'complaints-faults-'));
  temporalPort = await findFreePort();
  await startTemporal();
  const shared = new URL(testConfig().adminDatabaseUrl);
  postgres = new PlugPuller(await findFreePort(), { host: shared.hostname, port: Number(shared.port) });
  await postgres.plugIn();
  apiPort = await findFreePort();
  workerOpsPort = await findFreePort();
  admin = await adminOrm();
  await startApiProcess();
  const url = `http://127.0.0.1:${apiPort}/graphql`;
  tenant = await createTestTenant(admin, { url } as TestApi, { config: roundTheClockConfig() });
  await startWorkerProcess();
  load = new ComplaintLoad(url, tenant.tokens['clerk@t.test'], tenant.tokens['handler@t.test']);
}, 120_000);

afterAll(async () => {
  if (postgres && !postgres.pluggedIn) await postgres.plugIn();
  await load?.stop();
  for (const service of [api, worker]) {
    if (!service || service.child.exitCode !== null || service.child.signalCode !== null) continue;
    service.child.kill('SIGTERM');
    await service.exited;
  }
  await postgres?.pull();
  await temporal?.stop();
  await admin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  const rows = figures.map(
    (f) =>
      `| ${f.test.padEnd(34)} | ${f.load.padEnd(26)} | ${f.faults.padEnd(34)} | ${String(f.lost).padStart(4)} | ${String(f.duplicated).padStart(10)} | ${String(f.intakeMs).padStart(6)} ms | ${String(f.actionMs).padStart(6)} ms |`,
  );
  console.log(['| test | load held | faults injected | lost | duplicated | intake back | action back |', '|---|---|---|---|---|---|---|', ...rows].join('\n'));
}, 60_000);

/** Runs the load through `fault` (which returns when the fault ended), then counts what a client would care about. */
async function underLoad(test: string, faults: string, fault: () => Promise<void>, recoveryLimitMs = RECOVERY_LIMIT_MS): Promise<void> {
  const before = { intakes: load.acknowledged.size, actions: load.acted.size, requests: load.requests };
  load.start();
  await new Promise((r) => setTimeout(r, 1_000));
  await fault();
  const ended = Date.now();
  const { intakeMs, actionMs } = await load.recoveredAfter(ended, 30_000);
  const recoveryMs = Math.max(intakeMs, actionMs);
  await new Promise((r) => setTimeout(r, 500));
  await load.stop();
  const { lost, duplicated } = await intakeLedger();
  figures.push({
    test,
    load: `${load.acknowledged.size - before.intakes} intakes, ${load.acted.size - before.actions} actions (${load.requests - before.requests} requests)`,
    faults,
    lost,
    duplicated: duplicated + (await duplicatedEffects()),
    intakeMs,
    actionMs,
  });
  expect({ lost, duplicated, duplicatedEffects: await duplicatedEffects() }).toEqual({ lost: 0, duplicated: 0, duplicatedEffects: 0 });
  expect(recoveryMs).toBeLessThan(recoveryLimitMs);
}

const sql = <T>(text: string, params: unknown[] = []) => admin.em.fork().getConnection().execute<T[]>(text, params);

/** Acknowledged intakes missing from the database, and complaints beyond one per idempotency key. */
async function intakeLedger(): Promise<{ lost: number; duplicated: number }> {
  const rows = await sql<{ idempotency_key: string; n: string }>(
    'select idempotency_key, count(*) as n from complaints where tenant_id = ? group by idempotency_key',
    [tenant.id],
  );
  const stored = new Map(rows.map((r) => [r.idempotency_key, Number(r.n)]));
  const lost = [...load.acknowledged.keys()].filter((key) => !stored.has(key)).length;
  const duplicated = rows.reduce((sum, r) => sum + Number(r.n) - 1, 0) + rows.filter((r) => !load.acknowledged.has(r.idempotency_key)).length;
  return { lost, duplicated };
}

/** Timeline events written twice (same dedupe key, or a second acknowledgement) and notifications twice per channel. */
async function duplicatedEffects(): Promise<number> {
  const [events] = await sql<{ n: string }>(
    `select count(*) as n from (select complaint_id, kind, dedupe_key from complaint_events where tenant_id = ?
       and (dedupe_key is not null or kind in ('complaint.created', 'complaint.acknowledged'))
       group by complaint_id, kind, dedupe_key having count(*) > 1) twice`,
    [tenant.id],
  );
  const [notifications] = await sql<{ n: string }>(
    `select count(*) as n from (select complaint_id, kind, recipient_kind from notification_outbox where tenant_id = ?
       group by complaint_id, kind, recipient_kind having count(*) > 1) twice`,
    [tenant.id],
  );
  return Number(events.n) + Number(notifications.n);
}

it(
  'kill -9 of the worker with actions pending, restarted after the outage',
  async () => {
    await underLoad(
      'worker kill -9',
      'worker SIGKILL, 3 s down',
      async () => {
        await kill9(worker);
        await new Promise((r) => setTimeout(r, OUTAGE_MS));
        await startWorkerProcess();
      },
      RECOVERY_LIMIT_MS + WORKFLOW_TASK_TIMEOUT_MS,
    );
  },
  TEST_TIMEOUT_MS,
);

it(
  'kill -9 of the API during intake and actions, restarted at once',
  async () => {
    await underLoad('API kill -9', 'API SIGKILL, restarted', async () => {
      await kill9(api);
      await startApiProcess();
    });
  },
  TEST_TIMEOUT_MS,
);

it(
  'PostgreSQL cut off for 3 s',
  async () => {
    await underLoad('PostgreSQL unreachable', 'connections cut, 3 s refused', async () => {
      await postgres.pull();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      await postgres.plugIn();
    });
  },
  TEST_TIMEOUT_MS,
);

it(
  'Temporal restarted',
  async () => {
    await underLoad('Temporal restart', 'dev server stopped, 3 s, restarted', async () => {
      await temporal.stop();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      await startTemporal();
    });
  },
  TEST_TIMEOUT_MS,
);

it('in the end every complaint has its workflow started', async () => {
  const pending = await eventually(
    () => sql<{ n: string }>('select count(*) as n from workflow_outbox where tenant_id = ? and started_at is null', [tenant.id]),
    ([row]) => Number(row.n) === 0,
    30_000,
  );
  const [total] = await sql<{ n: string }>('select count(*) as n from workflow_outbox where tenant_id = ?', [tenant.id]);
  expect({ pending: Number(pending[0].n), total: Number(total.n) }).toEqual({ pending: 0, total: load.acknowledged.size });
}, 60_000);
