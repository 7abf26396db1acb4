/**
 * `npm run bench:analytics`: one tenant with 1,000,000 complaints and 10,000,000 timeline events (seeded
 * once into .data/bench-analytics-pg, or DATABASE_URL), the rollups built from scratch, then every analytics
 * query timed over loopback HTTP against the in-process API. Ends with one JSON line of the figures.
 * BENCH_ANALYTICS_ROWS changes the size (a different size re-seeds).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { defaultTenantConfig } from '@complaints/tenant-config';
import { createOrm, hashPassword, loadConfig, TenantConfigService, User, withTenant } from '@complaints/api';
import { AnalyticsService, startApi } from '@complaints/api/server';
import { migrate, openBenchDatabase, repoRoot } from './bench-database';
import { Cleanup } from './cleanup';
import { graphql } from './http-client';
import { measureLatency, type LatencySummary } from './latency';
import { fileFreshComplaints, seedAnalyticsTenant, seededShape } from './analytics-seed';

const COMPLAINTS = Number(process.env.BENCH_ANALYTICS_ROWS ?? 1_000_000);
const SLUG = 'bench-analytics';
const EMAIL = 'analyst@bench.test';
const PASSWORD = 'bench-analyst-password';
const TARGET_MS = 1000;
const log = (line: string) => console.log(`[bench:analytics] ${line}`);

const METRICS = `query($f: AnalyticsFilter!, $g: AnalyticsDimension) { complaintMetrics(filter: $f, groupBy: $g) {
  key volume share firstResponseP50 firstResponseP90 resolutionP50 resolutionP90 firstResponseSlaRate closureRate reopenRate secondRoundRate repeatRate
  satisfactionAverage satisfactionDistribution open stageSla { stage complianceRate } } }`;
const SERIES = `query($f: AnalyticsFilter!, $gr: AnalyticsGranularity!) { complaintMetricsSeries(filter: $f, granularity: $gr) {
  period groups { volume firstResponseP50 resolutionP90 satisfactionAverage closureRate } } }`;
const BACKLOG = `query($f: AnalyticsFilter!) { complaintBacklog(filter: $f) { open waitingOnCustomer aging { label open } } }`;
const RECURRING = `query($f: AnalyticsFilter!) { recurringIssues(filter: $f, limit: 10) { byCategory { categoryCode volume } bySimilarText { subject volume variants } } }`;

async function ensureTenant(db: Client, url: string): Promise<string> {
  const found = await db.query<{ id: string }>('select id from tenants where slug = $1', [SLUG]);
  if (found.rows[0]) return found.rows[0].id;
  const orm = await createOrm(url, { pool: { min: 0, max: 2 } });
  try {
    return await orm.em.fork().transactional(async (em) => {
      const tenant = await new TenantConfigService().createTenant(em, SLUG, 'Analytics benchmark', defaultTenantConfig());
      em.create(User, {
        email: EMAIL,
        displayName: 'Analyst',
        roles: ['analyst', 'intake_clerk'],
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

const localDay = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: defaultTenantConfig().businessCalendar.timeZone }).format(new Date(Date.now() - offsetDays * 86_400_000));

async function main() {
  process.env.BENCH_PG_DIR ??= join(repoRoot, '.data/bench-analytics-pg');
  const cleanup = new Cleanup(log);
  cleanup.stopOnSignals();
  try {
    const db = await openBenchDatabase(log);
    cleanup.add(db.stop);
    const env = {
      NODE_ENV: 'production' as const,
      JWT_SECRET: randomBytes(24).toString('hex'),
      SECRETS_KEY: randomBytes(32).toString('base64'),
      ATTACHMENTS_DIR: join(tmpdir(), 'complaints-bench-attachments'),
    };
    log(await migrate(db.url, env));
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    cleanup.add(() => admin.end());
    const tenantId = await ensureTenant(admin, db.url);

    let shape = await seededShape(admin, tenantId);
    let seedSeconds: number | null = null;
    if (shape.complaints !== COMPLAINTS) {
      log(`seeding ${COMPLAINTS.toLocaleString('en')} complaints and ${(COMPLAINTS * 10).toLocaleString('en')} events`);
      const t = performance.now();
      await seedAnalyticsTenant(admin, tenantId, COMPLAINTS, log);
      seedSeconds = (performance.now() - t) / 1000;
      shape = await seededShape(admin, tenantId);
    } else log('seed found in place, reused');

    // A full build, exactly as a calendar change triggers it: drop the settings, then refresh.
    await admin.query(`select set_config('app.tenant_id', $1, false)`, [tenantId]);
    await admin.query('delete from analytics_settings where tenant_id = $1', [tenantId]);
    const orm = await createOrm(db.url, { pool: { min: 0, max: 2 } });
    cleanup.add(() => orm.close());
    const analytics = new AnalyticsService(orm.em);
    let t = performance.now();
    const stored = await withTenant(orm.em, tenantId, (scope) => new TenantConfigService().current(scope));
    await analytics.refresh(tenantId, stored.config);
    const buildSeconds = (performance.now() - t) / 1000;
    const {
      rows: [size],
    } = await admin.query<{ daily: string; monthly: string; subjects: string }>(
      `select (select count(*) from analytics_daily where tenant_id = $1) as daily, (select count(*) from analytics_monthly where tenant_id = $1) as monthly,
              (select count(*) from analytics_subject_daily where tenant_id = $1) as subjects`,
      [tenantId],
    );
    log(`rollups built in ${buildSeconds.toFixed(1)} s: ${size.daily} daily rows, ${size.monthly} monthly rows, ${size.subjects} subject rows`);

    // Spot check: the rollup agrees with the raw table on a random day.
    const {
      rows: [check],
    } = await admin.query<{ raw: string; rolled: string }>(
      `with d as (select ((now() at time zone 'Asia/Shanghai')::date - 1 - floor(random() * 700)::int) as day)
       select (select count(*) from complaints c, d where c.tenant_id = $1 and (c.created_at at time zone 'Asia/Shanghai')::date = d.day) as raw,
              (select coalesce(sum(created), 0) from analytics_daily a, d where a.tenant_id = $1 and a.grain = 1 and a.day = d.day) as rolled`,
      [tenantId],
    );
    if (check.raw !== check.rolled) throw new Error(`rollup says ${check.rolled} complaints on a day, the raw table ${check.raw}`);

    const config = loadConfig({ ...process.env, ...env, DATABASE_URL: db.url });
    const api = await startApi(config, 0);
    cleanup.add(api.close);
    const url = api.url.replace('//localhost:', '//127.0.0.1:');
    const login = await graphql<{ login: { accessToken: string } }>(
      url,
      'mutation($t:String!,$e:String!,$p:String!){ login(tenantSlug:$t,email:$e,password:$p){ accessToken } }',
      { t: SLUG, e: EMAIL, p: PASSWORD },
    );
    const token = `Bearer ${login.login.accessToken}`;

    const year = { from: localDay(365), to: localDay(0) };
    const scenarios: [string, string, Record<string, unknown>][] = [
      ['metrics_30d', METRICS, { f: { from: localDay(30), to: localDay(0) }, g: 'NONE' }],
      ['metrics_365d', METRICS, { f: year, g: 'NONE' }],
      ['metrics_730d', METRICS, { f: { from: localDay(729), to: localDay(0) }, g: 'NONE' }],
      ['by_category_365d', METRICS, { f: year, g: 'CATEGORY' }],
      ['by_channel_365d_subtree', METRICS, { f: { ...year, categoryCode: 'product_quality' }, g: 'CHANNEL' }],
      ['by_severity_365d', METRICS, { f: year, g: 'SEVERITY' }],
      ['by_team_365d', METRICS, { f: year, g: 'TEAM' }],
      ['by_agent_365d', METRICS, { f: year, g: 'AGENT' }],
      ['series_day_90d', SERIES, { f: { from: localDay(90), to: localDay(0) }, gr: 'DAY' }],
      ['series_week_365d', SERIES, { f: year, gr: 'WEEK' }],
      ['series_month_730d', SERIES, { f: { from: localDay(729), to: localDay(0) }, gr: 'MONTH' }],
      ['backlog', BACKLOG, { f: year }],
      ['recurring_365d', RECURRING, { f: year }],
    ];
    const results: Record<string, LatencySummary> = {};
    for (const [name, query, variables] of scenarios) {
      results[name] = await measureLatency(() => graphql(url, query, variables, token), { iterations: 40, budgetMs: 30_000, warmup: 2 });
      log(`${name.padEnd(26)} p50 ${results[name].p50.toFixed(1)} ms  p99 ${results[name].p99.toFixed(1)} ms`);
    }

    // Incremental upkeep: fresh intakes dirty today; the next read folds them in.
    await fileFreshComplaints(admin, tenantId, 50);
    t = performance.now();
    await graphql(url, METRICS, { f: year, g: 'NONE' }, token);
    const incrementalMs = performance.now() - t;
    log(`first read after 50 new complaints (refreshes today's cohort): ${incrementalMs.toFixed(1)} ms`);

    const worstP99 = Math.max(...Object.values(results).map((r) => r.p99));
    const figures = {
      complaints: shape.complaints,
      events: shape.events,
      seed_s: seedSeconds === null ? null : Math.round(seedSeconds),
      rollup_build_s: Math.round(buildSeconds * 10) / 10,
      rollup_daily_rows: Number(size.daily),
      rollup_monthly_rows: Number(size.monthly),
      incremental_read_ms: Math.round(incrementalMs),
      worst_p99_ms: Math.round(worstP99),
      target_met: worstP99 < TARGET_MS,
      ...Object.fromEntries(Object.entries(results).map(([k, v]) => [`${k}_p99_ms`, Math.round(v.p99)])),
    };
    return figures;
  } finally {
    await cleanup.run();
  }
}

main().then(
  (figures) => {
    console.log(JSON.stringify(figures));
    process.exit(0);
  },
  (error: unknown) => {
    console.error('[bench:analytics] failed:', error);
    process.exit(1);
  },
);
