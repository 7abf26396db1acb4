/**
 * Lifecycle benchmark (`npm run bench:lifecycle`):
 *  1. intake including the workflow start, 32 concurrent clients against the in-process API (the API starts
 *     each workflow right after commit); the worker process starts after this phase, as in bench:api;
 *  2. p50/p99 from a staff lifecycle update mutation (acknowledgeComplaint) to its projection row
 *     (the `complaint.acknowledged` timeline event visible to another connection), and to a live subscriber
 *     receiving the new lifecycle view;
 *  3. worker memory with 10,000 open complaints whose workflows wait on their SLA timers;
 *  4. `complaintLifecycle` latency over those complaints, most of them out of the worker's cache;
 *  5. the worker keeping up: intake paced at BENCH_PACED_PER_SECOND (55) for BENCH_PACED_SECONDS (60) with
 *     the worker running, and the time from each intake to its workflow's first projection.
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
import { openSubscriber } from './live-clients';

const CLIENTS = 32;
const INTAKE_SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const OPEN_COMPLAINTS = Number(process.env.BENCH_OPEN_COMPLAINTS ?? 10_000);
const PROJECTION_SAMPLES = Number(process.env.BENCH_PROJECTION_SAMPLES ?? 200);
const STATE_SAMPLES = Number(process.env.BENCH_STATE_SAMPLES ?? 1000);
const PACED_PER_SECOND = Number(process.env.BENCH_PACED_PER_SECOND ?? 55);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 60);
const TARGET_PER_SECOND = 200;
const PASSWORD = 'bench-lifecycle-password';
const EMAIL = 'staff@lifecycle.bench';

const log = (line: string) => console.error(`[bench:lifecycle] ${line}`);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const procStatus = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

const SUBMIT = `mutation($input: SubmitComplaintInput!, $key: String!) { submitComplaint(input: $input, idempotencyKey: $key) { complaint { id } } }`;
const ACKNOWLEDGE = `mutation($id: ID!) { acknowledgeComplaint(id: $id) { complaint { id } } }`;
const STATE = `query($id: ID!) { complaintLifecycle(id: $id) { stage acknowledged stageDueAt allowedActions } }`;
const FEED = `subscription { complaintEvents { event { kind } complaint { id lifecycle { acknowledged allowedActions } } } }`;

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
    // A staff subscriber on the whole queue: the acknowledgement's pushed view is the one the action produced.
    const subscriber = await openSubscriber(url.replace(/^http/, 'ws'), token);
    cleanup.add(() => Promise.resolve(subscriber.socket.close()));
    const pushedAt = new Map<string, number>();
    subscriber.onData = (data) => {
      const update = data.complaintEvents;
      if (update?.event.kind === 'complaint.acknowledged' && update.complaint.lifecycle?.acknowledged) pushedAt.set(update.complaint.id, performance.now());
    };
    subscriber.onError = (errors) => log(`subscriber error: ${JSON.stringify(errors)}`);
    subscriber.subscribe('feed', FEED, {});
    await new Promise((r) => setTimeout(r, 500));
    const toRow: number[] = [];
    const toAnswer: number[] = [];
    const toSubscriber: number[] = [];
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
      const rowAt = performance.now();
      await until(() => Promise.resolve(pushedAt.has(id)), 30_000, 'the pushed view', 1);
      if (i < 5) continue; // warm-up
      toAnswer.push(answered);
      toRow.push(rowAt - t0);
      toSubscriber.push(pushedAt.get(id)! - t0);
    }
    const projection = summarize(toRow);
    const pushed = summarize(toSubscriber);
    log(`update → projection row: p50 ${round(projection.p50)} ms, p99 ${round(projection.p99)} ms (${projection.samples} samples)`);
    log(`update → subscriber has the new view: p50 ${round(pushed.p50)} ms, p99 ${round(pushed.p99)} ms`);

    // 4. complaintLifecycle over the open complaints, one at a time (most workflows are out of the worker's cache).
    const { rows: readTargets } = await admin.query<{ id: string }>(`select id from complaints where tenant_id = $1 order by random() limit $2`, [
      tenant.id,
      STATE_SAMPLES,
    ]);
    const stateTimes: number[] = [];
    for (const { id } of readTargets) {
      const t0 = performance.now();
      await graphql(url, STATE, { id }, token);
      stateTimes.push(performance.now() - t0);
    }
    const state = summarize(stateTimes.slice(10));
    log(`complaintLifecycle: p50 ${round(state.p50)} ms, p99 ${round(state.p99)} ms over ${state.samples} complaints of ${filed}`);

    // 5. The worker keeping up with a sustained intake.
    log(`paced intake: ${PACED_PER_SECOND}/s for ${PACED_SECONDS} s with the worker running`);
    const submitForId = async () =>
      (await graphql<{ submitComplaint: { complaint: { id: string } } }>(url, SUBMIT, { input: complaintInput(), key: randomUUID() }, token)).submitComplaint
        .complaint.id;
    const paced = await pacedIntake(submitForId, PACED_PER_SECOND, PACED_SECONDS * 1000);
    await until(
      async () =>
        Number(
          (
            await admin.query<{ n: string }>(`select count(*) as n from complaint_events where complaint_id = any($1::uuid[]) and kind = 'lifecycle.started'`, [
              paced.ids,
            ])
          ).rows[0].n,
        ) >= paced.ids.length,
      600_000,
      'the paced complaints’ first projections',
    );
    const { rows: lags } = await admin.query<{ ms: string }>(
      `select extract(epoch from (e.created_at - c.created_at)) * 1000 as ms
         from complaints c join complaint_events e on e.complaint_id = c.id and e.kind = 'lifecycle.started'
        where c.id = any($1::uuid[])`,
      [paced.ids],
    );
    const firstProjection = summarize(lags.map((l) => Number(l.ms)));
    log(
      `intake → first projection at ${round(paced.perSecond)}/s: p50 ${round(firstProjection.p50)} ms, p99 ${round(firstProjection.p99)} ms (${firstProjection.samples} complaints)`,
    );

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
      updateToSubscriberView: { samples: pushed.samples, p50Ms: round(pushed.p50), p99Ms: round(pushed.p99), targetP99Ms: 100 },
      complaintLifecycle: { samples: state.samples, openComplaints: filed, p50Ms: round(state.p50), p99Ms: round(state.p99), targetP99Ms: 10 },
      intakeToFirstProjection: {
        pacedPerSecond: round(paced.perSecond),
        complaints: firstProjection.samples,
        failed: paced.failed,
        p50Ms: round(firstProjection.p50),
        p99Ms: round(firstProjection.p99),
        targetP99Ms: 2000,
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

/** Intakes started at a fixed rate (not a closed loop), each waited for; the ids of those acknowledged. */
async function pacedIntake(
  submit: () => Promise<string>,
  perSecond: number,
  durationMs: number,
): Promise<{ ids: string[]; failed: number; perSecond: number }> {
  const ids: string[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < durationMs; i++) {
    const due = t0 + (i * 1000) / perSecond;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    inFlight.push(
      submit().then(
        (id) => void ids.push(id),
        () => void failed++,
      ),
    );
  }
  await Promise.all(inFlight);
  return { ids, failed, perSecond: ids.length / ((performance.now() - t0) / 1000) };
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
