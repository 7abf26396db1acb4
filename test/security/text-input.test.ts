import type { Orm } from '../../api/src/app/orm';
import {
  adminOrm,
  complaintInput,
  createTestTenant,
  errorCode,
  gql,
  newKey,
  startTestApi,
  SUBMIT,
  type GqlResponse,
  type TestApi,
  type TestTenant,
} from '../support/harness';
import { wsOnce } from './ws-once';

let api: TestApi;
let orm: Orm;
let tenant: TestTenant;
let clerk: string;

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  clerk = tenant.tokens['clerk@t.test']!;
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

const paths = (res: GqlResponse) => res.errors?.[0]?.extensions?.errors?.map((e) => e.path);

describe('text no column can hold is refused before it reaches SQL', () => {
  it('a NUL byte in the description is BAD_USER_INPUT naming input.description, not an internal error', async () => {
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ description: 'a \u0000 b' }), key: newKey() }, clerk);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(paths(res)).toEqual(['input.description']);
  });

  it('a lone surrogate anywhere in a nested input is refused with its path', async () => {
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ customer: { name: 'Ada \uD83D', email: 'ada@example.com' } }), key: newKey() }, clerk);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(paths(res)).toEqual(['input.customer.name']);
  });

  it('an emoji (a paired surrogate) is ordinary text', async () => {
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ subject: 'Kettle 🔥 broke' }), key: newKey() }, clerk);
    expect(res.errors).toBeUndefined();
  });

  it('a missing required field reports its path', async () => {
    const { subject: _missing, ...input } = complaintInput();
    const res = await gql(api.url, SUBMIT, { input, key: newKey() }, clerk);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(paths(res)).toEqual(['input.subject']);
  });

  it('the complaints filter and complaintByNumber with a NUL byte answer BAD_USER_INPUT', async () => {
    const list = await gql(
      api.url,
      'query($filter: ComplaintFilter) { complaints(first: 5, filter: $filter) { edges { node { id } } } }',
      { filter: { text: 'x\u0000', channels: ['web', 'a\u0000'] } },
      clerk,
    );
    expect(errorCode(list)).toBe('BAD_USER_INPUT');
    expect(paths(list)?.sort()).toEqual(['filter.channels[1]', 'filter.text']);
    const inline = await gql(api.url, '{ complaintByNumber(number: "CP-\\u0000") { id } }', {}, clerk);
    expect(errorCode(inline)).toBe('BAD_USER_INPUT');
    expect(paths(inline)).toEqual(['number']);
    const nested = await gql(api.url, '{ complaints(first: 5, filter: { categoryCode: "ok", text: "a\\u0000" }) { edges { node { id } } } }', {}, clerk);
    expect(paths(nested)).toEqual(['filter.text']);
  });

  it('over WebSocket too', async () => {
    const res = await wsOnce(api.url, { authorization: clerk }, 'query($number: String!) { complaintByNumber(number: $number) { id } }', {
      number: 'CP-\u0000',
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'number' }] });
  });
});
