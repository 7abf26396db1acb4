import type { Orm } from '../../api/src/app/orm';
import { STAFF_SESSION_TRUST_MS } from '../../api/src/identity/recent-staff-sessions';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

// The read path remembers a checked staff session for a few seconds (RecentStaffSessions). These pin what it
// must not change: the tenant each request sees, and how fast a credential changed elsewhere stops working.
let api: TestApi;
let orm: Orm;
let alpha: TestTenant;
let beta: TestTenant;

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  [alpha, beta] = [await createTestTenant(orm, api), await createTestTenant(orm, api)];
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

const ME = '{ me { user { email } tenant { slug } } }';
const BY_NUMBER = 'query($n:String!){ complaintByNumber(number:$n){ id } }';
const LIST = '{ complaints(first: 50) { edges { node { id } } } }';

async function submit(tenant: TestTenant): Promise<{ id: string; number: string }> {
  const res = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, tenant.tokens['clerk@t.test']);
  return res.data!.submitComplaint.complaint;
}

describe('the read path with remembered staff sessions', () => {
  it('answers each request in its own tenant, however the requests of two tenants interleave', async () => {
    const [a, b] = [await submit(alpha), await submit(beta)];
    const handlerOf = (t: TestTenant) => t.tokens['handler@t.test'];
    for (let round = 0; round < 3; round++) {
      for (const [tenant, own, other] of [
        [alpha, a, b],
        [beta, b, a],
      ] as const) {
        expect((await gql(api.url, ME, {}, handlerOf(tenant))).data?.me.tenant.slug).toBe(tenant.slug);
        expect((await gql(api.url, BY_NUMBER, { n: own.number }, handlerOf(tenant))).data?.complaintByNumber?.id).toBe(own.id);
        // Numbers count per tenant, so the other tenant's number may name this tenant's own complaint.
        const found = (await gql(api.url, BY_NUMBER, { n: other.number }, handlerOf(tenant))).data?.complaintByNumber?.id;
        expect(found).toBe(other.number === own.number ? own.id : undefined);
        const ids = (await gql(api.url, LIST, {}, handlerOf(tenant))).data?.complaints.edges.map((e: { node: { id: string } }) => e.node.id);
        expect(ids).toEqual([own.id]);
      }
    }
  });

  it('stops a user deactivated behind this process within 5 s', async () => {
    const token = alpha.tokens['analyst@t.test'];
    expect((await gql(api.url, ME, {}, token)).data?.me.user.email).toBe('analyst@t.test');
    // Straight in the database, as another API process would: nothing here hears of it.
    await orm.em.getConnection().execute('update users set active = false where id = ?', [alpha.userIds['analyst@t.test']]);
    const changed = Date.now();
    while (errorCode(await gql(api.url, ME, {}, token)) !== 'UNAUTHENTICATED') {
      expect(Date.now() - changed).toBeLessThan(5_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(Date.now() - changed).toBeLessThanOrEqual(STAFF_SESSION_TRUST_MS + 500);
  });

  it('applies a role change made through this process on the very next request', async () => {
    const token = alpha.tokens['handler@t.test'];
    expect(errorCode(await gql(api.url, '{ users { email } }', {}, token))).toBe('FORBIDDEN');
    await gql(
      api.url,
      'mutation($id:ID!){ updateUser(id:$id, input:{roles:["tenant_admin"]}){ id } }',
      { id: alpha.userIds['handler@t.test'] },
      alpha.tokens['admin@t.test'],
    );
    expect((await gql(api.url, '{ users { email } }', {}, token)).data?.users.length).toBeGreaterThan(0);
  });
});
