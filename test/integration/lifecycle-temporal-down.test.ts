import { findFreePort } from '../../api/src/dev/embedded/process-control';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

/** An API whose Temporal address answers nothing: intake still works, lifecycle actions fail with a typed error. */
let api: TestApi;
let admin: Orm;
let tenant: TestTenant;

beforeAll(async () => {
  api = await startTestApi({ TEMPORAL_ADDRESS: `127.0.0.1:${await findFreePort()}` });
  admin = await adminOrm();
  tenant = await createTestTenant(admin, api);
});

afterAll(async () => {
  await api?.close();
  await admin?.close();
});

describe('complaint lifecycle while Temporal is down', () => {
  it('takes the complaint, leaves its start to the relay, and answers a staff action with SERVICE_UNAVAILABLE', async () => {
    const submitted = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, tenant.tokens['clerk@t.test']);
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data!.submitComplaint.complaint.id as string;
    const [pending] = await admin.em
      .getConnection()
      .execute<{ started_at: Date | null; attempts: number }[]>('select started_at, attempts from workflow_outbox where complaint_id = ?', [id]);
    expect(pending).toMatchObject({ started_at: null, attempts: 1 });

    const acted = await gql(api.url, 'mutation($id: ID!) { acknowledgeComplaint(id: $id) { complaint { id } } }', { id }, tenant.tokens['handler@t.test']);
    expect(errorCode(acted)).toBe('SERVICE_UNAVAILABLE');
    expect(acted.errors![0].message).toMatch(/did not answer/);
  }, 60_000);
});
