import { randomUUID } from 'node:crypto';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

let api: TestApi;
let orm: Orm;
let tenant: TestTenant;
let token: string;
const created: { id: string; severity: string; channel: string; categoryCode: string | null; subject: string }[] = [];

const LIST = `query($f: ComplaintFilter, $o: ComplaintOrder, $first: Int, $after: String) {
  complaints(filter: $f, orderBy: $o, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id subject severity channel categoryCode } }
  }
}`;

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  token = tenant.tokens['admin@t.test']!;
  const [parent] = tenant.config.categories;
  const leaves = parent.children!.map((c) => c.code);
  const channels = ['web', 'phone', 'app'];
  const severities = tenant.config.severities.map((s) => s.code);
  for (let i = 0; i < 12; i++) {
    const input = complaintInput({
      subject: i === 7 ? 'Rusty hinge on the door' : `Complaint ${i}`,
      channel: channels[i % 3],
      severity: severities[i % severities.length],
      categoryCode: i % 2 ? leaves[i % leaves.length] : null,
    });
    const res = await gql(api.url, SUBMIT, { input, key: newKey() }, token);
    const c = res.data!.submitComplaint.complaint;
    created.push({ id: c.id, severity: c.severity, channel: c.channel, categoryCode: c.categoryCode, subject: input.subject as string });
  }
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

describe('complaints connection', () => {
  it('pages newest first with keyset cursors, visiting every complaint exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof gql>> = await gql(api.url, LIST, { first: 5, after }, token);
      const conn = page.data!.complaints;
      expect(conn.totalCount).toBe(12);
      seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual([...created].reverse().map((c) => c.id));
  });

  it('sorts ascending when asked', async () => {
    const res = await gql(api.url, LIST, { first: 3, o: { field: 'CREATED_AT', direction: 'ASC' } }, token);
    expect(res.data!.complaints.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(created.slice(0, 3).map((c) => c.id));
  });

  it('filters by two fields at once', async () => {
    const res = await gql(api.url, LIST, { first: 50, f: { channels: ['web'], severities: [created[0].severity] } }, token);
    const expected = created
      .filter((c) => c.channel === 'web' && c.severity === created[0].severity)
      .map((c) => c.id)
      .sort();
    expect(res.data!.complaints.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('matches a category with its whole subtree', async () => {
    const parent = tenant.config.categories[0].code;
    const res = await gql(api.url, LIST, { first: 50, f: { categoryCode: parent } }, token);
    expect(res.data!.complaints.totalCount).toBe(created.filter((c) => c.categoryCode).length);
  });

  it('finds text in the subject or description, case-insensitively', async () => {
    const res = await gql(api.url, LIST, { first: 50, f: { text: 'rusty HINGE' } }, token);
    expect(res.data!.complaints.edges.map((e: { node: { subject: string } }) => e.node.subject)).toEqual(['Rusty hinge on the door']);
    const none = await gql(api.url, LIST, { first: 50, f: { text: '100%_' } }, token);
    expect(none.data!.complaints.totalCount).toBe(0);
  });

  it("finds a complaint by its full number, in any case, or by the number's tail", async () => {
    const target = created[5].id;
    const [{ number }] = await orm.em.getConnection().execute<{ number: string }[]>('select number from complaints where id = ?', [target]);
    const ids = async (text: string) =>
      (await gql(api.url, LIST, { first: 50, f: { text } }, token)).data!.complaints.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids(number)).toEqual([target]);
    expect(await ids(number.toLowerCase())).toEqual([target]);
    expect(await ids(number.slice(-6))).toEqual([target]);
    expect(await ids(number.slice(3))).toEqual([target]);
  });

  it('lists overdue complaints once their stage deadline has passed', async () => {
    const target = created[3].id;
    await orm.em.getConnection().execute(`update complaints set stage_due_at = now() - interval '1 minute' where id = ?`, [target]);
    const res = await gql(api.url, LIST, { first: 50, f: { overdue: true } }, token);
    expect(res.data!.complaints.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([target]);
  });

  it.each([0, 101, -1])('refuses first=%i with BAD_USER_INPUT', async (first) => {
    expect(errorCode(await gql(api.url, LIST, { first }, token))).toBe('BAD_USER_INPUT');
  });

  it('refuses a forged cursor with BAD_USER_INPUT, also one that decodes to a date or id that is none', async () => {
    expect(errorCode(await gql(api.url, LIST, { first: 5, after: 'garbage' }, token))).toBe('BAD_USER_INPUT');
    for (const forged of [
      ['not a date', randomUUID()],
      [new Date().toISOString(), 'not-an-id'],
    ]) {
      const after = Buffer.from(JSON.stringify(forged)).toString('base64url');
      const res = await gql(api.url, LIST, { first: 5, after }, token);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'after' }] });
    }
  });

  it('refuses an assignee or customer filter that is not an id, by field', async () => {
    for (const filter of [{ assigneeId: 'nobody' }, { customerId: "x' or '1'='1" }]) {
      const res = await gql(api.url, LIST, { first: 5, f: filter }, token);
      expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: `filter.${Object.keys(filter)[0]}` }] });
    }
  });

  it('pages past rows stamped within the same millisecond by SQL, skipping none', async () => {
    const other = await createTestTenant(orm, api);
    const conn = orm.em.getConnection();
    for (const [n, micros] of [
      [1, '000100'],
      [2, '000400'],
      [3, '000900'],
    ] as const) {
      await conn.execute(
        `insert into complaints (id, tenant_id, number, channel, severity, stage, status, subject, description, config_version, anonymous, created_at)
         values (gen_random_uuid(), ?, ?, 'web', 'general', 'intake', 'OPEN', 's', 'd', 1, true, ?::timestamptz)`,
        [other.id, `CP-20260101-00000${n}`, `2026-01-01T00:00:00.${micros}Z`],
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: Awaited<ReturnType<typeof gql>> = await gql(api.url, LIST, { first: 1, after }, other.tokens['admin@t.test']);
      seen.push(...res.data!.complaints.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!res.data!.complaints.pageInfo.hasNextPage) break;
      after = res.data!.complaints.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
  });
});
