/**
 * `npm run bench:api`: seeds 1,000,000 complaints over three tenants (once; the embedded cluster in
 * .data/bench-pg keeps them), starts the API in-process in production mode, measures over loopback
 * HTTP and ends with one JSON line of the figures. DATABASE_URL (owner/superuser) uses an existing
 * server instead; BENCH_ROWS changes the row count (a different count re-seeds); BENCH_EXPLAIN=1
 * prints the plans even when every target is met.
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { flattenCategories, defaultTenantConfig } from '@complaints/tenant-config';
import { loadConfig } from '@complaints/api';
import { startApi } from '@complaints/api/server';
import { openBenchTemporal } from './bench-database';
import { Cleanup } from './cleanup';
import { staffToken } from './bench-tenants';
import { openSeededBench } from './seeded-bench';
import { explainHotQueries } from './explain';
import { byNumberLatency, deepPageLatency, firstPageLatency, PAGE_SIZE, submitThroughput } from './scenarios';
import { printReport, type Figures } from './report';

const TOTAL_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DEEP_PAGE = 1_000;
const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<Figures> {
  const cleanup = new Cleanup(log);
  cleanup.stopOnSignals();

  try {
    const { db, env, admin, tenants } = await openSeededBench(log, cleanup, TOTAL_ROWS);
    const ids = tenants.map((t) => t.id);
    const {
      rows: [counts],
    } = await admin.query<{ total: string; seeded: string }>(
      'select count(*) as total, count(*) filter (where idempotency_key is null) as seeded from complaints where tenant_id = any($1::uuid[])',
      [ids],
    );

    const temporal = await openBenchTemporal(log);
    cleanup.add(temporal.stop);
    const config = loadConfig({ ...process.env, ...env, DATABASE_URL: db.url, TEMPORAL_ADDRESS: temporal.address });
    const api = await startApi(config, 0);
    cleanup.add(api.close);
    // startApi answers with localhost; the benchmark stays on IPv4 loopback.
    const url = api.url.replace('//localhost:', '//127.0.0.1:');
    const [reader, writer] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
    const read = { url, token: await staffToken(url, reader) };
    const write = { url, token: await staffToken(url, writer) };

    const loadAtStart = loadavg()[0];
    log(`first page: ${PAGE_SIZE} rows, two filters, newest first (${reader.slug}, ${reader.rows.toLocaleString('en')} rows)`);
    const list = await firstPageLatency(read);

    log(`page ${DEEP_PAGE}: walking ${DEEP_PAGE - 1} pages by cursor`);
    const deep = await deepPageLatency(read, DEEP_PAGE);
    const {
      rows: [expected],
    } = await admin.query<{ id: string }>('select id from complaints where tenant_id = $1 order by created_at desc, id desc offset $2 limit 1', [
      reader.id,
      (DEEP_PAGE - 1) * PAGE_SIZE,
    ]);
    if (expected?.id !== deep.firstId) throw new Error(`page ${DEEP_PAGE} starts at ${deep.firstId}, SQL OFFSET says ${expected?.id}`);

    const { rows: sample } = await admin.query<{ number: string }>('select number from complaints where tenant_id = $1 order by random() limit 400', [
      reader.id,
    ]);
    log('complaintByNumber');
    const byNumber = await byNumberLatency(
      read,
      sample.map((r) => r.number),
    );

    log(`submitComplaint: 32 clients for 10 s (${writer.slug})`);
    const categories = flattenCategories(defaultTenantConfig().categories).map((c) => c.code);
    const submit = await submitThroughput(write, { clients: 32, durationMs: 10_000, knownCustomers: Math.round(writer.rows / 10), categories });

    const figures: Figures = {
      rows: Number(counts.seeded),
      totalRows: Number(counts.total),
      list,
      deep,
      byNumber,
      submit,
      load: [loadAtStart, loadavg()[0]],
    };
    const explain = process.env.BENCH_EXPLAIN === '1' || list.p99 >= 30 || deep.latency.p99 >= 30 || byNumber.p99 >= 10;
    if (explain) await explainHotQueries(config.appDatabaseUrl, reader.id, (DEEP_PAGE - 1) * PAGE_SIZE, sample[0].number);
    printReport(figures);
    return figures;
  } finally {
    await cleanup.run();
  }
}

main().then(
  (figures) => {
    // The last line of output, for machines.
    console.log(
      JSON.stringify({
        submit_per_s: round(figures.submit.perSecond),
        submit_failed: figures.submit.failed,
        list_p50_ms: round(figures.list.p50),
        list_p99_ms: round(figures.list.p99),
        deep_page_p50_ms: round(figures.deep.latency.p50),
        deep_page_p99_ms: round(figures.deep.latency.p99),
        by_number_p50_ms: round(figures.byNumber.p50),
        by_number_p99_ms: round(figures.byNumber.p99),
        rows: figures.rows,
        load_avg_1m: round(figures.load[1]),
      }),
    );
    process.exit(0);
  },
  (error: unknown) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
