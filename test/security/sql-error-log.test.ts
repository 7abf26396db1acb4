import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '../../api/src';
import { startApi } from '../../api/src/server';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, SUBMIT, testConfig, type TestApi, type TestTenant } from '../support/harness';

const MARKER = `secret-${randomUUID()}`;
const CONSTRAINT = `security_marker_${MARKER.slice(-12)}`;
const lines: string[] = [];
let api: TestApi;
let orm: Orm;
let tenant: TestTenant;

beforeAll(async () => {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const config = testConfig();
  const running = await startApi(config, 0, createLogger('api', { level: 'info', pretty: false }, destination));
  api = { url: running.url, orm: running.orm, close: running.close };
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  // Only rows carrying this run's marker fail it (NOT VALID: existing rows are not checked), so parallel suites are untouched.
  await orm.em.getConnection().execute(`alter table complaints add constraint ${CONSTRAINT} check (position('${MARKER}' in subject) = 0) not valid`);
});
afterAll(async () => {
  await orm?.em.getConnection().execute(`alter table complaints drop constraint if exists ${CONSTRAINT}`);
  await api?.close();
  await orm?.close();
});

describe('a failing statement is logged without the data bound into it', () => {
  it('the log names the SQLSTATE, table, constraint and statement fingerprint, and holds none of the complainant data', async () => {
    const input = complaintInput({
      subject: `Broken ${MARKER}`,
      description: `Details ${MARKER}`,
      customer: { name: `Ada ${MARKER}`, email: 'ada@example.com' },
    });
    const res = await gql(api.url, SUBMIT, { input, key: newKey() }, tenant.tokens['clerk@t.test']);
    expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
    expect(lines.filter((line) => line.includes(MARKER))).toEqual([]);
    const failure = lines.map((line) => JSON.parse(line)).find((line) => line.err?.constraint === CONSTRAINT);
    expect(failure?.err).toMatchObject({ code: '23514', table: 'complaints', statement: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });
});
