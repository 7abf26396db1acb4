import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

let api: TestApi;
let orm: Orm;
let tenant: TestTenant;

const PAGE = `query($first:Int!){ complaints(first:$first){ edges { node { id number assignee { email } category { code } customer { name } lastEvent { kind } } } } }`;

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  const admin = tenant.tokens['admin@t.test'];
  const category = tenant.config.categories[0].children![0].code;
  for (let i = 0; i < 50; i++) {
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ categoryCode: category }), key: newKey() }, admin);
    // Assignment goes through the lifecycle workflow; this test only needs assignees to load.
    if (i % 2) {
      await orm.em
        .getConnection()
        .execute('update complaints set assignee_id = ? where id = ?', [tenant.userIds['handler@t.test'], res.data!.submitComplaint.complaint.id]);
    }
  }
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

async function statementsFor(first: number): Promise<number> {
  let count = 0;
  const knex = api.orm.em.getConnection().getKnex();
  const onQuery = () => count++;
  knex.on('query', onQuery);
  try {
    const res = await gql(api.url, PAGE, { first }, tenant.tokens['admin@t.test']);
    expect(res.data!.complaints.edges).toHaveLength(first);
    expect(res.data!.complaints.edges.every((e: any) => e.node.lastEvent && e.node.customer && e.node.category)).toBe(true);
  } finally {
    knex.removeListener('query', onQuery);
  }
  return count;
}

it('a page of 50 complaints with assignee, category, customer and last event runs as many statements as a page of 5', async () => {
  const small = await statementsFor(5);
  const large = await statementsFor(50);
  expect(large).toBe(small);
  expect(small).toBeLessThanOrEqual(12);
});
