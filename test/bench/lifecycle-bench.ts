/**
 * Lifecycle benchmark (`npm run bench:lifecycle`):
 *  1. intake including the workflow start, 32 concurrent clients against the in-process API (the API starts
 *     each workflow right after commit); the worker process starts after this phase, as in bench:api;
 *  2. p50/p99 from a staff lifecycle update mutation (acknowledgeComplaint) to its projection row
 *     (the `complaint.acknowledged` timeline event visible to another connection);
 *  3. worker memory with 10,000 open complaints whose workflows wait on their SLA timers.
 * Ends with one JSON line of the figures. The machine may be shared: the load average is part of the figures.
 *
 * Environment: DATABASE_URL / TEMPORAL_ADDRESS to use running servers (otherwise a throwaway embedded
 * PostgreSQL and an in-memory Temporal dev server); BENCH_WARMUP_SECONDS (3), BENCH_INTAKE_SECONDS (20), BENCH_OPEN_COMPLAINTS (10000),
 * BENCH_PROJECTION_SAMPLES (200).
 */
import 'reflect-metadata';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Client } from 'pg';
import { defaultTenantConfig } from '@complaints/tenant-config';
import { createOrm, hashPassword, loadConfig, TenantConfigService, User } from '@complaints/api';
import { findFreePort, startApi, startEmbeddedPostgres } from '@complaints/api/server';
import { migrate, openBenchTemporal, repoRoot } from './bench-database';
import { Cleanup } from './cleanup';
import { graphql } from './http-client';
import { inParallel, measureThroughput, summarize } from './latency';

const CLIENTS = 32;
const INTAKE_SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const OPEN_COMPLAINTS = Number(process.env.BENCH_OPEN_COMPLAINTS ?? 10_000);
const PROJECTION_SAMPLES = Number(process.env.BENCH_PROJECTION_SAMPLES ?? 200);
const TARGET_PER_SECOND = 200;
const PASSWORD = 'bench-lifecycle-password';
const EMAIL = 'staff@lifecycle.bench';

const log = (line: string) => console.error(`[bench:lifecycle] ${line}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const procStatus = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const SUBMIT = `mutation($input: SubmitComplaintInput!, $key: String!) { submitComplaint(input: $input, idempotencyKey: $key) { complaint { id } } }`;
const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeComplaint(id: $id) { complaint { id } } }`;

async function main(): Promise<void> {
  const cleanup = new Cleanup(log);
  cleanup.stopOnSignals();
  try {
    ensureWorkerBuilt();
    const dbUrl = await openDatabase(cleanup);
    const env = {
      NODE_ENV: 'production' as const,
      JWT_SECRET: randomBytes(24).toString('hex'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      ATTACHMENTS_DIR: join(tmpdir(), 'complaints-bench-attachments'),
    };
    log(await migrate(dbUrl, env));
    const temporal = await openBenchTemporal(log);
    cleanup.add(temporal.stop);
    const taskQueue = `lifecycle-bench-${randomUUID().slice(0, 8)}`;
    const tenant = await createTenant(dbUrl);
    const admin = new Client({ connectionString: dbUrl });
    await admin.connect();
    cleanup.add(() => admin.end());

    const config = loadConfig({ ...process.env, ...env, DATABASE_URL: dbUrl, TEMPORAL_ADDRESS: temporal.address, TASK_QUEUE: taskQueue });
    const api = await startApi(config, 0);
    cleanup.add(api.close);
    const url = api.url.replace('localhost', '127.0.0.1');
    // Access tokens are short-lived and a full run takes longer: log in again every few minutes.
    let token = await login(url, tenant.slug);
    const relogin = setInterval(
      () =>
        void login(url, tenant.slug).then(
          (t) => (token = t),
          (e: unknown) => log(`re-login failed: ${String(e)}`),
        ),
      5 * 60_000,
    );
    cleanup.add(() => Promise.resolve(clearInterval(relogin)));
    const loadAtStart = loadavg();

    // 1. Intake with the workflow start (the API starts it right after commit).
    const submit = () => graphql(url, SUBMIT, { input: complaintInput(), key: randomUUID() }, token);
    // Warm-up at full load: connections, kept query plans, JIT, caches. Steady state is what is measured.
    log(`warm-up: ${CLIENTS} clients for ${WARMUP_SECONDS} s`);
    await measureThroughput(() => submit(), { clients: CLIENTS, durationMs: WARMUP_SECONDS * 1000 });
    log(`intake: ${CLIENTS} clients for ${INTAKE_SECONDS} s`);
    const intake = await measureThroughput(() => submit(), { clients: CLIENTS, durationMs: INTAKE_SECONDS * 1000 });
    log(
      `intake: ${round(intake.perSecond)} complaints/s, p50 ${round(intake.latency.p50)} ms, p99 ${round(intake.latency.p99)} ms, ${intake.failed} failed${intake.firstError ? ` (${intake.firstError})` : ''}`,
    );
    const {
      rows: [deferred],
    } = await admin.query<{ n: string }>('select count(*) as n from workflow_outbox where tenant_id = $1 and started_at is null', [tenant.id]);

    // The worker starts only now, as in bench:api: in production it runs on its own cores, and on this
    // 2-core machine its catching up would be measured as intake cost.
    const worker = await startWorkerProcess({ ...process.env, ...env, DATABASE_URL: dbUrl, TEMPORAL_ADDRESS: temporal.address, TASK_QUEUE: taskQueue });
    cleanup.add(() => stopProcess(worker));
    const rssIdle = procStatus(worker.pid!, 'VmRSS');

    // Top up to OPEN_COMPLAINTS, then wait until every workflow has started and projected.
    let filed = await countComplaints(admin, tenant.id);
    if (filed < OPEN_COMPLAINTS) log(`filing ${OPEN_COMPLAINTS - filed} more complaints to reach ${OPEN_COMPLAINTS} open`);
    while (filed < OPEN_COMPLAINTS) {
      const batch = Math.min(OPEN_COMPLAINTS - filed, CLIENTS * 25);
      await inParallel(batch, CLIENTS, () => submit());
      filed = await countComplaints(admin, tenant.id);
      log(`${filed} filed; worker ${round(procStatus(worker.pid!, 'VmRSS'))} MiB resident`);
    }
    const started = performance.now();
    let lastReport = 0;
    await until(
      async () => {
        const n = await countEvents(admin, tenant.id, 'lifecycle.started');
        if (performance.now() - lastReport > 30_000) {
          lastReport = performance.now();
          log(`${n} of ${filed} workflows started; worker ${round(procStatus(worker.pid!, 'VmRSS'))} MiB resident`);
        }
        return n >= filed;
      },
      3_600_000,
      'every workflow to start',
    );
    log(`all ${filed} workflows started and projected (${round((performance.now() - started) / 1000)} s after the last intake)`);

    // 3. Worker memory: every lifecycle open and waiting on its timers.
    await new Promise((r) => setTimeout(r, 5_000));
    const running = await runningWorkflows(temporal.address, taskQueue);
    const memory = {
      openComplaints: filed,
      runningWorkflows: running,
      maxCachedWorkflowsDefault: sdkCacheDefault(),
      rssIdleBeforeMiB: round(rssIdle),
      rssMiB: round(procStatus(worker.pid!, 'VmRSS')),
      peakRssMiB: round(procStatus(worker.pid!, 'VmHWM')),
    };
    log(`worker: ${memory.rssMiB} MiB resident with ${filed} open complaints (peak ${memory.peakRssMiB} MiB, ${memory.rssIdleBeforeMiB} MiB before intake)`);

    // 2. Staff update → projection row, one at a time so the figure is latency, not queueing.
    const { rows: targets } = await admin.query<{ id: string }>(
      `select id from complaints where tenant_id = $1 and first_responded_at is null order by random() limit $2`,
      [tenant.id, PROJECTION_SAMPLES + 5],
    );
    const toRow: number[] = [];
    const toAnswer: number[] = [];
    for (const [i, { id }] of targets.entries()) {
      const t0 = performance.now();
      await graphql(url, ACKNOWLEDGE, { id }, token);
      const answered = performance.now() - t0;
      await until(
        async () => (await admin.query('select 1 from complaint_events where complaint_id = $1 and kind = $2', [id, 'complaint.acknowledged'])).rowCount! > 0,
        30_000,
        'the projection row',
        1,
      );
      if (i < 5) continue; // warm-up
      toAnswer.push(answered);
      toRow.push(performance.now() - t0);
    }
    const projection = summarize(toRow);
    log(`update → projection row: p50 ${round(projection.p50)} ms, p99 ${round(projection.p99)} ms (${projection.samples} samples)`);

    const figures = {
      bench: 'lifecycle',
      intake: {
        clients: CLIENTS,
        warmupSeconds: WARMUP_SECONDS,
        seconds: round(intake.seconds),
        complaintsPerSecond: round(intake.perSecond),
        targetPerSecond: TARGET_PER_SECOND,
        targetMet: intake.perSecond >= TARGET_PER_SECOND,
        p50Ms: round(intake.latency.p50),
        p99Ms: round(intake.latency.p99),
        failed: intake.failed,
        startsLeftToRelayAfterRun: Number(deferred.n),
      },
      updateToProjection: {
        samples: projection.samples,
        p50Ms: round(projection.p50),
        p99Ms: round(projection.p99),
        maxMs: round(projection.max),
        mutationAnswerP50Ms: round(summarize(toAnswer).p50),
      },
      workerMemory: memory,
      machine: { cores: cpus().length, loadAverageAtStart: loadAtStart.map((l) => round(l, 2)), loadAverageAtEnd: loadavg().map((l) => round(l, 2)) },
    };
    await cleanup.run();
    console.log(JSON.stringify(figures));
  } catch (error) {
    await cleanup.run();
    throw error;
  }
}

/** The worker runs as its own process (so its memory is its own); build it when stale. */
/** The SDK's default workflow cache size for a process with this heap limit (same node, same flags). */
function sdkCacheDefault(): number {
  const { heap_size_limit } = getHeapStatistics();
  return Math.max(Math.floor((Math.max(heap_size_limit / 2 ** 20 - 200, 0) * 600) / 1024), 10);
}

function ensureWorkerBuilt(): void {
  const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-b', join(repoRoot, 'worker')], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('building the worker failed');
}

async function openDatabase(cleanup: Cleanup): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const dir = await mkdtemp(join(tmpdir(), 'lifecycle-bench-'));
  const { chmod } = await import('node:fs/promises');
  await chmod(dir, 0o755);
  cleanup.add(() => rm(dir, { recursive: true, force: true }));
  log(`starting a throwaway embedded PostgreSQL in ${dir}`);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await findFreePort(), persistent: false, database: 'complaints_lifecycle_bench' });
  cleanup.add(() => pg.stop());
  return pg.url;
}

async function createTenant(dbUrl: string): Promise<{ id: string; slug: string }> {
  const slug = `bench-lc-${randomUUID().slice(0, 8)}`;
  const orm = await createOrm(dbUrl, { pool: { min: 0, max: 2 } });
  try {
    const id = await orm.em.fork().transactional(async (em) => {
      const tenant = await new TenantConfigService().createTenant(em, slug, `Lifecycle bench ${slug}`, defaultTenantConfig());
      em.create(User, {
        email: EMAIL,
        displayName: 'Bench staff',
        roles: ['intake_clerk', 'handler', 'supervisor'],
        teams: ['frontline'],
        passwordHash: await hashPassword(PASSWORD),
        active: true,
      } as User);
      await em.flush();
      return tenant.id;
    });
    return { id, slug };
  } finally {
    await orm.close();
  }
}

async function login(url: string, slug: string): Promise<string> {
  const data = await graphql<{ login: { accessToken: string } }>(
    url,
    'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken } }',
    { t: slug, e: EMAIL, p: PASSWORD },
  );
  return `Bearer ${data.login.accessToken}`;
}

function complaintInput(): Record<string, unknown> {
  return {
    channel: 'web',
    subject: 'Kettle stopped heating',
    description: 'The kettle stopped heating after two days.',
    locale: 'zh-CN',
    customer: { name: '王芳', email: 'wang@example.com', externalId: `bench-${randomUUID().slice(0, 12)}` },
  };
}

function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'worker/dist/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString().trim();
    if (text) log(`worker: ${text.split('\n')[0]}`);
  });
  return new Promise((resolve, reject) => {
    // stdout carries the log-only notification lines too; only the start line matters here.
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('polling task queue') && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function runningWorkflows(address: string, taskQueue: string): Promise<number | null> {
  const { Connection, Client: TemporalClient } = await import('@temporalio/client');
  const connection = await Connection.connect({ address });
  try {
    const client = new TemporalClient({ connection });
    const { count } = await client.workflow.count(`TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`);
    return count;
  } catch (error) {
    log(`could not count running workflows: ${String(error)}`);
    return null;
  } finally {
    await connection.close();
  }
}

async function countComplaints(admin: Client, tenantId: string): Promise<number> {
  const {
    rows: [r],
  } = await admin.query<{ n: string }>('select count(*) as n from complaints where tenant_id = $1', [tenantId]);
  return Number(r.n);
}

async function countEvents(admin: Client, tenantId: string, kind: string): Promise<number> {
  const {
    rows: [r],
  } = await admin.query<{ n: string }>('select count(*) as n from complaint_events where tenant_id = $1 and kind = $2', [tenantId, kind]);
  return Number(r.n);
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string, pollMs = 500): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

main().catch((error: unknown) => {
  console.error('[bench:lifecycle] failed:', error);
  process.exit(1);
});
