import { Client } from 'pg';
import { performance } from 'node:perf_hooks';
import { summarize } from './latency';
import { PAGE_SIZE } from './scenarios';

/**
 * EXPLAIN ANALYZE of the three read queries, as the application role inside a transaction with the
 * tenant setting, so the plans include the row-level-security predicate the API really runs with.
 * The SQL mirrors what the ORM emits for the benchmark's GraphQL operations (selected columns
 * trimmed: they do not change the plan).
 */
export async function explainHotQueries(appUrl: string, tenantId: string, deepOffset: number, number: string): Promise<void> {
  const db = new Client({ connectionString: appUrl });
  await db.connect();
  try {
    await db.query('begin');
    await db.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const {
      rows: [boundary],
    } = await db.query<{ created_at: Date; id: string }>(
      'select created_at, id from complaints where tenant_id = $1 order by created_at desc, id desc offset $2 limit 1',
      [tenantId, deepOffset - 1],
    );
    const queries: [string, string, unknown[]][] = [
      [
        'first page, two filters, newest first',
        `select c.* from complaints as c
          where c.tenant_id = $1 and c.status in ('OPEN', 'WAITING_ON_CUSTOMER') and c.severity in ('urgent', 'major')
          order by c.created_at desc, c.id desc limit ${PAGE_SIZE + 1}`,
        [tenantId],
      ],
      [
        'page 1,000 by keyset cursor',
        `select c.* from complaints as c
          where c.tenant_id = $1 and (c.created_at, c.id) < ($2, $3)
          order by c.created_at desc, c.id desc limit ${PAGE_SIZE + 1}`,
        [tenantId, boundary.created_at, boundary.id],
      ],
      ['complaint by number', `select c.* from complaints as c where c.tenant_id = $1 and c.number = $2 limit 1`, [tenantId, number]],
    ];
    for (const [title, sql, params] of queries) {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
      console.log(`\n[explain] ${title}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
    }
    await db.query('rollback');
    await timeLiveTail(db);
  } finally {
    await db.query('rollback').catch(() => {});
    await db.end();
  }
}

/**
 * The live-update tail polls `live_events_after` every 250 ms and on every commit notification, in
 * the same process and database as the measured requests; its cost at this table size is printed
 * because it competes with them for the two cores.
 */
async function timeLiveTail(db: Client): Promise<void> {
  const exists = await db.query(`select 1 from pg_proc where proname = 'live_events_after'`);
  if (!exists.rowCount) return;
  const {
    rows: [head],
  } = await db.query<{ tx_id: string; seq: string }>('select * from live_events_head()');
  if (!head) return;
  const durations: number[] = [];
  for (let i = 0; i < 40; i++) {
    const started = performance.now();
    await db.query('select * from live_events_after($1, $2, 1000)', [head.tx_id, head.seq]);
    durations.push(performance.now() - started);
  }
  const { p50, max } = summarize(durations);
  console.log(`\n[explain] live tail poll live_events_after(head): p50 ${p50.toFixed(2)} ms, max ${max.toFixed(2)} ms (nothing new to return)`);
}
