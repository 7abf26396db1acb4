import { randomUUID } from 'node:crypto';
import { businessMinutesBetween, categorySubtreeCodes, type TenantConfig } from '@complaints/tenant-config';
import type { Orm } from '../../api/src/app/orm';
import { bucketBounds, bucketOf } from '../../api/src/analytics/duration-histogram';
import { SLA_STAGES } from '../../api/src/analytics/rollup-columns';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

const METRICS = `query($f: AnalyticsFilter!, $g: AnalyticsDimension) {
  complaintMetrics(filter: $f, groupBy: $g) {
    key volume closed firstResponded firstResponseSlaRate firstResponseAverage firstResponseP50 firstResponseP90 resolutionAverage resolutionP50
    resolutionSlaRate reopened secondRound repeated satisfactionCount satisfactionAverage satisfactionDistribution open
    stageSla { stage met breached }
  }
}`;

const CATEGORIES = ['functional_defect', 'cosmetic_flaw', 'staff_attitude', 'slow_response', 'overcharge', 'refund_delay', 'other'];
const CHANNELS = ['phone', 'web', 'app', 'email'];
const SEVERITIES = ['general', 'urgent', 'major'];
const TEAMS = ['frontline', 'quality', 'escalation'];
const STATUSES = ['OPEN', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED'];
const DAY = 86_400_000;

/** A seeded pseudo-random source, so a failure can be replayed. */
function randomSource(seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)], chance: (p: number) => next() < p };
}

interface Row {
  id: string;
  category: string;
  channel: string;
  severity: string;
  team: string;
  assignee: string | null;
  customer: string | null;
  status: string;
  round: number;
  satisfaction: number | null;
  createdAt: Date;
  respondedAt: Date | null;
  responseDue: Date;
  closedAt: Date | null;
  resolutionDue: Date;
  reopened: boolean;
  stages: { stage: string; finished: boolean; breached: boolean }[];
}

const localDay = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);

/** What the rollups must say, computed straight from the rows. */
function expected(rows: Row[], config: TenantConfig, window = 30) {
  const cal = config.businessCalendar;
  const fr = rows.filter((r) => r.respondedAt).map((r) => businessMinutesBetween(cal, r.createdAt, r.respondedAt!));
  const res = rows.filter((r) => r.closedAt).map((r) => businessMinutesBetween(cal, r.createdAt, r.closedAt!));
  const all = (predicate: (r: Row) => boolean) => rows.filter(predicate).length;
  const sats = rows.filter((r) => r.satisfaction !== null).map((r) => r.satisfaction!);
  return {
    volume: rows.length,
    closed: all((r) => !!r.closedAt),
    firstResponded: fr.length,
    firstResponseMet: all((r) => !!r.respondedAt && r.respondedAt <= r.responseDue),
    frAverage: fr.length ? fr.reduce((a, b) => a + b, 0) / fr.length : null,
    fr,
    resAverage: res.length ? res.reduce((a, b) => a + b, 0) / res.length : null,
    res,
    reopened: all((r) => r.reopened),
    secondRound: all((r) => r.round > 1),
    open: all((r) => r.status === 'OPEN' || r.status === 'WAITING_ON_CUSTOMER'),
    satisfactionCount: sats.length,
    satisfactionDistribution: [1, 2, 3, 4, 5].map((n) => sats.filter((s) => s === n).length),
    stageSla: SLA_STAGES.map((stage) => ({
      stage,
      met: rows.reduce((n, r) => n + r.stages.filter((s) => s.stage === stage && s.finished && !s.breached).length, 0),
      breached: rows.reduce((n, r) => n + r.stages.filter((s) => s.stage === stage && s.breached).length, 0),
    })),
    repeated: (everyone: Row[]) =>
      all(
        (r) =>
          !!r.customer &&
          everyone.some(
            (p) =>
              p.id !== r.id &&
              p.customer === r.customer &&
              p.category === r.category &&
              p.createdAt < r.createdAt &&
              p.createdAt.getTime() >= r.createdAt.getTime() - window * DAY,
          ),
      ),
  };
}

function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

describe('analytics rollups', () => {
  let api: TestApi;
  let orm: Orm;
  let tenant: TestTenant;
  let token: string;
  const rows: Row[] = [];
  const rnd = randomSource(20261126);

  beforeAll(async () => {
    api = await startTestApi();
    orm = await adminOrm();
    tenant = await createTestTenant(orm, api);
    token = tenant.tokens['analyst@t.test']!;
    const customers = Array.from({ length: 15 }, (_, i) => ({ id: randomUUID(), i }));
    const em = orm.em.fork();
    for (const c of customers) {
      await em.execute(`insert into customers (id, tenant_id, name) values (?, ?, ?)`, [c.id, tenant.id, `Customer ${c.i}`]);
    }
    const agents = Object.values(tenant.userIds);
    const now = Date.now();
    for (let i = 0; i < 240; i++) {
      const createdAt = new Date(now - Math.floor(rnd.next() * 75 * DAY) - DAY);
      const status = rnd.pick(STATUSES);
      const respondedAt = status === 'OPEN' && rnd.chance(0.5) ? null : new Date(createdAt.getTime() + rnd.next() * 3 * DAY);
      const closedAt = status === 'CLOSED' || status === 'RESOLVED' ? new Date(createdAt.getTime() + DAY + rnd.next() * 12 * DAY) : null;
      const row: Row = {
        id: randomUUID(),
        category: rnd.pick(CATEGORIES),
        channel: rnd.pick(CHANNELS),
        severity: rnd.pick(SEVERITIES),
        team: rnd.pick(TEAMS),
        assignee: rnd.chance(0.8) ? rnd.pick(agents) : null,
        customer: rnd.chance(0.85) ? rnd.pick(customers).id : null,
        status,
        round: rnd.chance(0.15) ? 2 : 1,
        satisfaction: closedAt && rnd.chance(0.7) ? 1 + Math.floor(rnd.next() * 5) : null,
        createdAt,
        respondedAt,
        responseDue: new Date(createdAt.getTime() + rnd.next() * 2 * DAY),
        closedAt,
        resolutionDue: new Date(createdAt.getTime() + rnd.next() * 10 * DAY),
        reopened: rnd.chance(0.1),
        stages: [],
      };
      const stageCount = 1 + Math.floor(rnd.next() * SLA_STAGES.length);
      for (let s = 0; s < stageCount; s++) row.stages.push({ stage: SLA_STAGES[s], finished: s < stageCount - 1, breached: rnd.chance(0.25) });
      rows.push(row);
      await insertRow(em, tenant.id, i, row);
    }
  });

  afterAll(async () => {
    await orm?.close();
    await api?.close();
  });

  const period = () => ({
    from: localDay(new Date(Date.now() - 80 * DAY), tenant.config.businessCalendar.timeZone),
    to: localDay(new Date(), tenant.config.businessCalendar.timeZone),
  });

  async function metrics(filter: Record<string, unknown>, groupBy = 'NONE') {
    const res = await gql(api.url, METRICS, { f: filter, g: groupBy }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.complaintMetrics as Record<string, any>[];
  }

  function check(actual: Record<string, any> | undefined, subset: Row[]) {
    const e = expected(subset, tenant.config);
    expect(actual?.volume ?? 0).toBe(e.volume);
    if (!subset.length) return;
    expect(actual).toMatchObject({
      closed: e.closed,
      firstResponded: e.firstResponded,
      reopened: e.reopened,
      secondRound: e.secondRound,
      open: e.open,
      satisfactionCount: e.satisfactionCount,
      satisfactionDistribution: e.satisfactionDistribution,
      stageSla: e.stageSla,
      repeated: e.repeated(rows),
    });
    expect(actual!.firstResponseSlaRate ?? null).toBe(e.firstResponded ? e.firstResponseMet / e.firstResponded : null);
    if (e.frAverage !== null) expect(actual!.firstResponseAverage).toBeCloseTo(e.frAverage, 1);
    if (e.resAverage !== null) expect(actual!.resolutionAverage).toBeCloseTo(e.resAverage, 1);
    for (const [values, p, field] of [
      [e.fr, 0.5, 'firstResponseP50'],
      [e.fr, 0.9, 'firstResponseP90'],
      [e.res, 0.5, 'resolutionP50'],
    ] as const) {
      if (!values.length) continue;
      const [lower, upper] = bucketBounds(bucketOf(exactPercentile(values, p)));
      expect(actual![field]).toBeGreaterThanOrEqual(lower - 0.01);
      expect(actual![field]).toBeLessThanOrEqual(upper + 0.01);
    }
  }

  it('equals a direct computation over the raw complaints for random filters and groupings', async () => {
    const tz = tenant.config.businessCalendar.timeZone;
    check((await metrics(period()))[0], rows);
    for (let trial = 0; trial < 6; trial++) {
      const fromAgo = 10 + Math.floor(rnd.next() * 60);
      const p = { from: localDay(new Date(Date.now() - fromAgo * DAY), tz), to: localDay(new Date(Date.now() - Math.floor(rnd.next() * 10) * DAY), tz) };
      const parent = rnd.pick(['product_quality', 'service', 'billing', 'functional_defect']);
      const channels = [rnd.pick(CHANNELS), rnd.pick(CHANNELS)];
      const inPeriod = rows.filter((r) => localDay(r.createdAt, tz) >= p.from && localDay(r.createdAt, tz) <= p.to);
      const codes = categorySubtreeCodes(tenant.config.categories, parent);
      const subset = inPeriod.filter((r) => codes.includes(r.category) && channels.includes(r.channel));
      const groupBy = rnd.pick(['SEVERITY', 'TEAM', 'CHANNEL', 'CATEGORY']);
      const groups = await metrics({ ...p, categoryCode: parent, channels }, groupBy);
      const keyOf = (r: Row) => ({ SEVERITY: r.severity, TEAM: r.team, CHANNEL: r.channel, CATEGORY: r.category })[groupBy]!;
      for (const key of new Set(subset.map(keyOf)))
        check(
          groups.find((g) => g.key === key),
          subset.filter((r) => keyOf(r) === key),
        );
      expect(groups.reduce((n, g) => n + g.volume, 0)).toBe(subset.length);
    }
    const agent = rows.find((r) => r.assignee)!.assignee!;
    check(
      (await metrics({ ...period(), assigneeId: agent }))[0],
      rows.filter((r) => r.assignee === agent),
    );
  });

  it('follows changes to complaints and their timelines incrementally', async () => {
    const em = orm.em.fork();
    const target = rows.filter((r) => !r.closedAt).slice(0, 5);
    for (const r of target) {
      r.closedAt = new Date(r.createdAt.getTime() + 2 * DAY);
      r.status = 'CLOSED';
      r.satisfaction = 5;
      r.reopened = true;
      await em.execute(`update complaints set status = 'CLOSED', closed_at = ?, satisfaction = 5 where id = ?`, [r.closedAt, r.id]);
      await em.execute(`insert into complaint_events (id, tenant_id, complaint_id, kind, actor_type) values (?, ?, ?, 'complaint.reopened', 'system')`, [
        randomUUID(),
        tenant.id,
        r.id,
      ]);
    }
    check((await metrics(period()))[0], rows);

    const submitted = await gql(api.url, SUBMIT, { input: complaintInput({ categoryCode: 'overcharge' }), key: newKey() }, tenant.tokens['clerk@t.test']);
    expect(submitted.errors).toBeUndefined();
    const [all] = await metrics(period());
    expect(all.volume).toBe(rows.length + 1);
  });

  it('refuses agent figures crossed with category, and requires analytics.read', async () => {
    const res = await gql(api.url, METRICS, { f: { ...period(), categoryCode: 'billing' }, g: 'AGENT' }, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const denied = await gql(api.url, METRICS, { f: period(), g: 'NONE' }, tenant.tokens['clerk@t.test']);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

async function insertRow(em: ReturnType<Orm['em']['fork']>, tenantId: string, i: number, r: Row): Promise<void> {
  await em.execute(
    `insert into complaints (id, tenant_id, number, channel, category_code, severity, stage, status, customer_id, subject, description, team_code,
                             assignee_id, round, satisfaction, config_version, first_response_due_at, first_responded_at, resolution_due_at, closed_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'handling', ?, ?, ?, 'seeded', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
    [
      r.id,
      tenantId,
      `AN-${i}`,
      r.channel,
      r.category,
      r.severity,
      r.status,
      r.customer,
      `Issue ${i % 7}`,
      r.team,
      r.assignee,
      r.round,
      r.satisfaction,
      r.responseDue,
      r.respondedAt,
      r.resolutionDue,
      r.closedAt,
      r.createdAt,
      r.createdAt,
    ],
  );
  let t = r.createdAt.getTime();
  for (const s of r.stages) {
    t += 60_000;
    await em.execute(
      `insert into complaint_events (id, tenant_id, complaint_id, kind, actor_type, to_value, data, created_at) values (?, ?, ?, 'stage.entered', 'system', ?, ?::jsonb, ?)`,
      [randomUUID(), tenantId, r.id, s.stage, JSON.stringify({ dueAt: new Date(t + DAY).toISOString(), round: 1 }), new Date(t)],
    );
    if (s.breached) {
      t += 60_000;
      await em.execute(
        `insert into complaint_events (id, tenant_id, complaint_id, kind, actor_type, data, created_at) values (?, ?, ?, 'sla.breached', 'system', ?::jsonb, ?)`,
        [randomUUID(), tenantId, r.id, JSON.stringify({ stage: s.stage, round: 1 }), new Date(t)],
      );
    }
  }
  if (r.reopened) {
    await em.execute(`insert into complaint_events (id, tenant_id, complaint_id, kind, actor_type) values (?, ?, ?, 'complaint.reopened', 'system')`, [
      randomUUID(),
      tenantId,
      r.id,
    ]);
  }
}
