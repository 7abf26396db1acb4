/**
 * Live-update benchmark (`npm run bench:live`): one API process, N WebSocket subscribers (default
 * 10,000), events committed straight into the timeline. Prints delivery latency from commit to
 * receipt, memory per connection, sustained events/s, the one-to-N fan-out, and the intake commit
 * cost of NOTIFY inside the transaction versus after it. Ends with one JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { defaultTenantConfig } from '@complaints/tenant-config';
import { createOrm, hashPassword, TenantConfigService, User } from '@complaints/api';
import { findFreePort } from '@complaints/api/server';
import { migrate, openBenchDatabase, repoRoot } from './bench-database';
import { graphql } from './http-client';
import { summarize } from './latency';
import { openMany, openSubscriber, type RawSubscriber } from './live-clients';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10_000);
const SLUG = 'bench-live';
const EMAIL = 'live.staff@bench.test';
const PASSWORD = 'bench-live-password';
const JWT_SECRET = 'bench-live-jwt-secret-0123456789';
const log = (line: string) => console.error(`[bench:live] ${line}`);

async function ensureTenant(admin: Client, adminUrl: string): Promise<string> {
  const found = await admin.query<{ id: string }>('select id from tenants where slug = $1', [SLUG]);
  if (found.rows[0]) return found.rows[0].id;
  const orm = await createOrm(adminUrl, { pool: { min: 0, max: 2 } });
  try {
    return await orm.em.fork().transactional(async (em) => {
      const tenant = await new TenantConfigService().createTenant(em, SLUG, 'Live benchmark', defaultTenantConfig());
      em.create(User, {
        email: EMAIL,
        displayName: 'Live bench',
        roles: ['supervisor'],
        teams: [] as string[],
        passwordHash: await hashPassword(PASSWORD),
        active: true,
      } as User);
      await em.flush();
      return tenant.id;
    });
  } finally {
    await orm.close();
  }
}

/** One complaint per subscriber, bulk-inserted once. */
async function ensureComplaints(admin: Client, tenantId: string, count: number): Promise<string[]> {
  const have = await admin.query<{ n: number }>('select count(*)::int as n from complaints where tenant_id = $1', [tenantId]);
  if (have.rows[0].n < count) {
    await admin.query(
      `insert into complaints (id, tenant_id, number, channel, severity, stage, status, subject, description, config_version, contact, anonymous)
       select gen_random_uuid(), $1, 'CP-LIVE-' || lpad(g::text, 6, '0'), 'web', 'general', 'intake', 'OPEN', 'Live bench ' || g, 'Benchmark complaint', 1, '{"email":"x@bench.test"}', true
       from generate_series($2::int + 1, $3::int) g`,
      [tenantId, have.rows[0].n, count],
    );
  }
  const rows = await admin.query<{ id: string }>('select id from complaints where tenant_id = $1 order by number limit $2', [tenantId, count]);
  return rows.rows.map((r) => r.id);
}

/** BENCH_API_NODE_ARGS passes flags to the API's node (e.g. `--cpu-prof`), which NODE_OPTIONS refuses. */
function startApiProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'api/dist/main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('GraphQL on') && resolve(child));
    child.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
  });
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** Commits one timeline event per call in its own transaction, then wakes the tails (as the API does). */
class EventWriter {
  readonly committedAt = new Map<string, number>();
  constructor(
    private readonly clients: Client[],
    private readonly tenantId: string,
  ) {}

  async write(complaintId: string, writer = 0): Promise<void> {
    const client = this.clients[writer % this.clients.length];
    const { rows } = await client.query<{ id: string }>(
      `insert into complaint_events (id, tenant_id, complaint_id, kind, actor_type, customer_visible) values (gen_random_uuid(), $1, $2, 'note.internal', 'system', false) returning id`,
      [this.tenantId, complaintId],
    );
    this.committedAt.set(rows[0].id, performance.now());
    await client.query(`select pg_notify('complaint_timeline', '')`);
  }
}

/** Intake-like commits (a complaint row and its first event) per second from `clients` writers. */
async function commitRate(clients: Client[], tenantId: string, ms: number): Promise<number> {
  let commits = 0;
  const deadline = performance.now() + ms;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < deadline) {
        await c.query('begin');
        const { rows } = await c.query<{ id: string }>(
          `insert into complaints (id, tenant_id, number, channel, severity, stage, status, subject, description, config_version, anonymous)
           values (gen_random_uuid(), $1, 'CP-NTFY-' || gen_random_uuid(), 'web', 'general', 'intake', 'OPEN', 's', 'd', 1, true) returning id`,
          [tenantId],
        );
        await c.query(
          `insert into complaint_events (id, tenant_id, complaint_id, kind, actor_type) values (gen_random_uuid(), $1, $2, 'complaint.created', 'system')`,
          [tenantId, rows[0].id],
        );
        await c.query('commit');
        commits++;
      }
    }),
  );
  return commits / (ms / 1000);
}

async function main(): Promise<void> {
  // Its own data directory: the API benchmark's million-row database may be in use at the same time.
  process.env.BENCH_PG_DIR ??= join(repoRoot, '.data/bench-live-pg');
  const db = await openBenchDatabase(log);
  let api: ChildProcess | undefined;
  const admin = new Client({ connectionString: db.url });
  const writers: Client[] = [];
  try {
    log(await migrate(db.url, {}));
    await admin.connect();
    const tenantId = await ensureTenant(admin, db.url);
    const complaintIds = await ensureComplaints(admin, tenantId, SUBSCRIBERS);
    const port = await findFreePort();
    api = await startApiProcess({
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      NODE_ENV: 'production',
      JWT_SECRET,
      SECRETS_KEY: Buffer.alloc(32, 9).toString('base64'),
      LIVE_MAX_CONNECTIONS_PER_CREDENTIAL: String(SUBSCRIBERS + 100),
      LIVE_MAX_CONNECTIONS_PER_TENANT: String(SUBSCRIBERS + 100),
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    const token = `Bearer ${(await graphql<{ login: { accessToken: string } }>(url, 'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken } }', { t: SLUG, e: EMAIL, p: PASSWORD })).login.accessToken}`;
    for (let i = 0; i < 8; i++) {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      writers.push(c);
    }
    const writer = new EventWriter(writers, tenantId);

    const rssBefore = rssMiB(api.pid!);
    log(`opening ${SUBSCRIBERS} subscribers (API RSS ${rssBefore.toFixed(0)} MiB)`);
    const t0 = performance.now();
    const subs: RawSubscriber[] = await openMany(SUBSCRIBERS, 100, () => openSubscriber(url.replace('http', 'ws'), token));
    const latencies: number[] = [];
    let received = 0;
    const onUpdate = (update: Record<string, any> | undefined) => {
      const at = update && writer.committedAt.get(update.event.id);
      received++;
      if (at !== undefined) latencies.push(performance.now() - at);
    };
    let errors = 0;
    subs.forEach((s, i) => {
      s.onData = (data) => onUpdate(data.complaintUpdated ?? data.complaintEvents);
      s.onError = (e) => errors++ === 0 && log(`subscription error: ${JSON.stringify(e)}`);
      s.subscribe('own', 'subscription($id: ID!) { complaintUpdated(id: $id) { cursor event { id kind } complaint { id stage status } } }', {
        id: complaintIds[i],
      });
    });
    await new Promise((r) => setTimeout(r, 3000));
    const rssAfter = rssMiB(api.pid!);
    log(`connected in ${((performance.now() - t0) / 1000).toFixed(1)} s; API RSS ${rssAfter.toFixed(0)} MiB`);

    // 1. One event per complaint at a steady 200/s: latency from commit to receipt.
    log('phase 1: 2,000 events to single subscribers at 200/s');
    received = 0;
    await offer(writer, complaintIds, 200, 10_000);
    await waitFor(() => received >= 2000);
    const single = summarize(latencies.splice(0));

    // 2. Sustained: offered rates step up; each event has exactly one subscriber, so deliveries are
    // counted exactly. The figure is the highest rate delivered with p99 under 500 ms.
    const steps: { offered: number; delivered: number; p99: number }[] = [];
    for (const rate of [250, 500, 1000, 2000]) {
      log(`phase 2: ${rate} events/s offered for 5 s`);
      received = 0;
      const started = performance.now();
      const written = await offer(writer, complaintIds, rate, 5000);
      const drained = await waitFor(() => received >= written);
      const seconds = (performance.now() - started) / 1000;
      steps.push({ offered: rate, delivered: Math.round(written / seconds), p99: round(summarize(latencies.splice(0)).p99) });
      if (!drained) break;
    }
    const kept = steps.filter((s) => s.p99 < 500).at(-1);

    // 3. Fan-out: every subscriber switches to the unfiltered queue feed; one event reaches all N.
    log(`phase 3: 20 queue events, each fanned out to ${SUBSCRIBERS}`);
    for (const s of subs) {
      s.complete('own');
      s.subscribe('queue', 'subscription { complaintEvents { cursor event { id kind } complaint { id stage status } } }', {});
    }
    await new Promise((r) => setTimeout(r, 3000));
    received = 0;
    for (let i = 0; i < 20; i++) {
      await writer.write(complaintIds[i]);
      await new Promise((r) => setTimeout(r, 1000));
    }
    await waitFor(() => received >= 20 * SUBSCRIBERS);
    const fanout = summarize(latencies.splice(0));
    const fanoutDelivered = received;
    for (const s of subs) s.socket.terminate();

    // 4. The cost of NOTIFY inside the intake transaction (global lock at commit) versus after it.
    log('phase 4: intake commits/s without and with NOTIFY inside the transaction (16 writers, 5 s each)');
    const intakeWriters: Client[] = [];
    for (let i = 0; i < 16; i++) {
      const c = new Client({ connectionString: db.url });
      await c.connect();
      intakeWriters.push(c);
    }
    const withoutNotify = await commitRate(intakeWriters, tenantId, 5000);
    await admin.query(
      `create or replace function bench_notify_in_tx() returns trigger language plpgsql as $$ begin perform pg_notify('complaint_timeline', new.id::text); return null; end $$`,
    );
    await admin.query(`create trigger bench_notify_in_tx after insert on complaint_events for each row execute function bench_notify_in_tx()`);
    let withNotify: number;
    try {
      withNotify = await commitRate(intakeWriters, tenantId, 5000);
    } finally {
      await admin.query('drop trigger if exists bench_notify_in_tx on complaint_events');
      await admin.query('drop function if exists bench_notify_in_tx()');
      await Promise.all(intakeWriters.map((c) => c.end()));
    }

    const figures = {
      subscribers: SUBSCRIBERS,
      single_p50_ms: round(single.p50),
      single_p99_ms: round(single.p99),
      sustained_events_per_s: kept?.delivered ?? 0,
      sustained_p99_ms: kept?.p99 ?? null,
      sustained_steps: steps,
      fanout_p50_ms: round(fanout.p50),
      fanout_p99_ms: round(fanout.p99),
      fanout_deliveries: fanoutDelivered,
      rss_before_mib: round(rssBefore),
      rss_after_mib: round(rssAfter),
      kib_per_connection: round(((rssAfter - rssBefore) * 1024) / SUBSCRIBERS),
      intake_commits_per_s_notify_after_commit: Math.round(withoutNotify),
      intake_commits_per_s_notify_in_tx: Math.round(withNotify),
      notify_in_tx_cost_pct: round((1 - withNotify / withoutNotify) * 100),
    };
    console.log('\nlive updates, one API process');
    console.log(`  subscribers                      ${SUBSCRIBERS}`);
    console.log(`  memory per connection            ${figures.kib_per_connection} KiB (RSS ${figures.rss_before_mib} → ${figures.rss_after_mib} MiB)`);
    console.log(`  commit → receipt, single         p50 ${figures.single_p50_ms} ms  p99 ${figures.single_p99_ms} ms (${single.samples} samples)`);
    console.log(
      `  sustained (p99 < 500 ms)         ${figures.sustained_events_per_s} events/s; steps ${steps.map((s) => `${s.offered}/s offered → ${s.delivered}/s, p99 ${s.p99} ms`).join('; ')}`,
    );
    console.log(
      `  one event → ${SUBSCRIBERS} subscribers   p50 ${figures.fanout_p50_ms} ms  p99 ${figures.fanout_p99_ms} ms (${fanoutDelivered} deliveries; target p99 < 500 ms)`,
    );
    console.log(
      `  intake commits/s                 ${figures.intake_commits_per_s_notify_after_commit} with NOTIFY after commit, ${figures.intake_commits_per_s_notify_in_tx} with NOTIFY in the transaction (${figures.notify_in_tx_cost_pct} % cost)`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    api?.kill('SIGTERM');
    await Promise.all(writers.map((c) => c.end().catch(() => undefined)));
    await admin.end().catch(() => undefined);
    await db.stop();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Waits (at most 30 s) until `done` holds; false when it never did. */
async function waitFor(done: () => boolean): Promise<boolean> {
  const deadline = performance.now() + 30_000;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Commits events at `perSecond` for `ms`, spread over the complaints; returns how many were written. */
async function offer(writer: EventWriter, complaintIds: string[], perSecond: number, ms: number): Promise<number> {
  const total = Math.round((perSecond * ms) / 1000);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(writer.write(complaintIds[(i * 7919) % complaintIds.length], i));
  }
  await Promise.all(pending);
  return total;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
