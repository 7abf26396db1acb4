import { randomUUID } from 'node:crypto';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, createTestTenant, gql, startTestApi, type TestApi, type TestTenant } from '../support/harness';

const SERIES = `query($f: AnalyticsFilter!, $g: AnalyticsGranularity!) { complaintMetricsSeries(filter: $f, granularity: $g) { period groups { volume satisfactionAverage } } }`;
const BACKLOG = `query($f: AnalyticsFilter!) { complaintBacklog(filter: $f) { open waitingOnCustomer aging { label open } } }`;
const RECURRING = `query($f: AnalyticsFilter!) { recurringIssues(filter: $f, limit: 5) { byCategory { categoryCode volume repeated } bySimilarText { subject volume variants } } }`;
const METRICS = `query($f: AnalyticsFilter!) { complaintMetrics(filter: $f) { volume repeated repeatRate } }`;

/** Noon in Shanghai (the default tenant time zone) on a local date. */
const noonOn = (day: string, minutes = 0) => new Date(Date.parse(`${day}T12:00:00+08:00`) + minutes * 60_000);

describe('analytics series, backlog and recurring issues', () => {
  let api: TestApi;
  let orm: Orm;
  let tenant: TestTenant;
  let token: string;
  const filter = { from: '2026-09-01', to: '2026-10-31' };

  beforeAll(async () => {
    api = await startTestApi();
    orm = await adminOrm();
    tenant = await createTestTenant(orm, api);
    token = tenant.tokens['analyst@t.test']!;
    const em = orm.em.fork();
    const customer = randomUUID();
    await em.execute('insert into customers (id, tenant_id, name) values (?, ?, ?)', [customer, tenant.id, 'Repeat customer']);
    const rows: [day: string, subject: string, status: string, satisfaction: number | null][] = [
      ['2026-09-07', 'Refund not received', 'CLOSED', 4],
      ['2026-09-07', 'Refund not received yet', 'CLOSED', 2],
      ['2026-09-07', 'Refund not received (order 1234)', 'OPEN', null],
      ['2026-09-30', 'Screen scratched', 'WAITING_ON_CUSTOMER', null],
      ['2026-10-02', 'Refund not received', 'OPEN', null],
    ];
    for (const [i, [day, subject, status, satisfaction]] of rows.entries()) {
      await em.execute(
        `insert into complaints (id, tenant_id, number, channel, category_code, severity, stage, status, customer_id, subject, description, config_version, satisfaction, closed_at, created_at, updated_at)
         values (?, ?, ?, 'web', 'refund_delay', 'general', 'handling', ?, ?, ?, 'seeded', 1, ?, ?, ?, ?)`,
        [
          randomUUID(),
          tenant.id,
          `Q-${i}`,
          status,
          customer,
          subject,
          satisfaction,
          status === 'CLOSED' ? noonOn('2026-10-20') : null,
          noonOn(day, i),
          noonOn(day, i),
        ],
      );
    }
  });

  afterAll(async () => {
    await orm?.close();
    await api?.close();
  });

  it('buckets by local day, ISO week and month', async () => {
    const days = await gql(api.url, SERIES, { f: filter, g: 'DAY' }, token);
    expect(days.errors).toBeUndefined();
    expect(days.data!.complaintMetricsSeries.map((p: any) => [p.period, p.groups[0].volume])).toEqual([
      ['2026-09-07', 3],
      ['2026-09-30', 1],
      ['2026-10-02', 1],
    ]);
    expect(days.data!.complaintMetricsSeries[0].groups[0].satisfactionAverage).toBe(3);
    const weeks = await gql(api.url, SERIES, { f: filter, g: 'WEEK' }, token);
    expect(weeks.data!.complaintMetricsSeries.map((p: any) => [p.period, p.groups[0].volume])).toEqual([
      ['2026-09-07', 3],
      ['2026-09-28', 2],
    ]);
    const months = await gql(api.url, SERIES, { f: { from: '2026-09-05', to: '2026-10-31' }, g: 'MONTH' }, token);
    expect(months.data!.complaintMetricsSeries.map((p: any) => [p.period, p.groups[0].volume])).toEqual([
      ['2026-09-01', 4],
      ['2026-10-01', 1],
    ]);
  });

  it('reports the backlog by age', async () => {
    const res = await gql(api.url, BACKLOG, { f: filter }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.complaintBacklog).toMatchObject({ open: 3, waitingOnCustomer: 1 });
    const aging = res.data!.complaintBacklog.aging as { label: string; open: number }[];
    expect(aging.reduce((n, b) => n + b.open, 0)).toBe(3);
    expect(aging.at(-1)!.open).toBe(3);
  });

  it('groups recurring subjects that read alike', async () => {
    const res = await gql(api.url, RECURRING, { f: filter }, token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recurringIssues.byCategory).toEqual([{ categoryCode: 'refund_delay', volume: 5, repeated: 4 }]);
    const [top] = res.data!.recurringIssues.bySimilarText;
    expect(top).toMatchObject({ subject: 'refund not received', volume: 4 });
  });

  it('recounts repeats when the tenant changes its repeat window', async () => {
    expect((await gql(api.url, METRICS, { f: filter }, token)).data!.complaintMetrics[0]).toMatchObject({ volume: 5, repeated: 4 });
    const set = await gql(api.url, 'mutation { updateAnalyticsSettings(repeatWindowDays: 7) { repeatWindowDays } }', {}, tenant.tokens['admin@t.test']);
    expect(set.data!.updateAnalyticsSettings.repeatWindowDays).toBe(7);
    // Within 7 days: the two later ones of 09-07, and 10-02 after 09-30.
    expect((await gql(api.url, METRICS, { f: filter }, token)).data!.complaintMetrics[0]).toMatchObject({ volume: 5, repeated: 3 });
    const bad = await gql(api.url, 'mutation { updateAnalyticsSettings(repeatWindowDays: 0) { repeatWindowDays } }', {}, tenant.tokens['admin@t.test']);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
