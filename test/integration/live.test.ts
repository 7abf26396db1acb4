import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, gql, newKey, startTestApi, SUBMIT, testConfig, type TestApi, type TestTenant } from '../support/harness';
import { connectLive, type LiveConnection } from '../support/live-client';
import { TAIL_APPLICATION_NAME } from '../../api/src/live/timeline-tail';

let api: TestApi;
let orm: Orm;
let tenant: TestTenant;
let admin: string;
const connections: LiveConnection[] = [];

const UPDATED = `subscription($id: ID!, $after: String) { complaintUpdated(id: $id, after: $after) { cursor event { kind actorName customerVisible } complaint { id number stage assigneeName } } }`;
const QUEUE = `subscription($f: QueueFeedFilter) { complaintEvents(filter: $f) { cursor event { kind } complaint { id teamCode } } }`;
const NOTE = 'mutation($id:ID!,$b:String!){ addInternalNote(complaintId:$id, body:$b){ id } }';
const MESSAGE = 'mutation($id:ID!,$b:String!){ sendCustomerMessage(complaintId:$id, body:$b){ id } }';

function live(url: string, authorization?: string): LiveConnection {
  const c = connectLive(url, authorization);
  connections.push(c);
  return c;
}

async function submit(overrides: Record<string, unknown> = {}): Promise<{ id: string; number: string; teamCode: string | null }> {
  const res = await gql(api.url, SUBMIT, { input: complaintInput(overrides), key: newKey() }, admin);
  return res.data!.submitComplaint.complaint;
}

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  admin = tenant.tokens['admin@t.test']!;
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((c) => c.dispose()));
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

describe('complaintUpdated', () => {
  it('delivers a complaint’s events to a staff subscriber as they are committed', async () => {
    const c = await submit();
    const sub = live(api.url, admin).subscribe(UPDATED, { id: c.id });
    await new Promise((r) => setTimeout(r, 200));
    await orm.em.getConnection().execute('update complaints set assignee_id = ? where id = ?', [tenant.userIds['handler@t.test'], c.id]);
    await gql(api.url, NOTE, { id: c.id, b: 'internal' }, admin);
    const update = await sub.next();
    expect(update.complaintUpdated.event.kind).toBe('note.internal');
    expect(update.complaintUpdated.complaint).toMatchObject({ id: c.id, number: c.number, assigneeName: 'handler' });
    await gql(api.url, MESSAGE, { id: c.id, b: 'to the customer' }, admin);
    expect((await sub.next()).complaintUpdated.event.kind).toBe('message.customer');
  });

  it('keeps delivering after the database drops the tail’s connection: the tail reconnects where it stopped', async () => {
    const c = await submit();
    const sub = live(api.url, admin).subscribe(UPDATED, { id: c.id });
    await new Promise((r) => setTimeout(r, 200));
    const terminated = await orm.em
      .getConnection()
      .execute<{ terminated: boolean }[]>('select pg_terminate_backend(pid) as terminated from pg_stat_activity where application_name = ?', [
        TAIL_APPLICATION_NAME,
      ]);
    expect(terminated).toEqual(expect.arrayContaining([{ terminated: true }]));
    await gql(api.url, NOTE, { id: c.id, b: 'after the drop' }, admin);
    expect((await sub.next()).complaintUpdated.event.kind).toBe('note.internal');
  });

  it('resumes from a cursor: replays exactly the missed events, then continues live', async () => {
    const c = await submit();
    const first = live(api.url, admin);
    const sub = first.subscribe(UPDATED, { id: c.id });
    await new Promise((r) => setTimeout(r, 200));
    await gql(api.url, NOTE, { id: c.id, b: 'one' }, admin);
    const cursor = (await sub.next()).complaintUpdated.cursor;
    await first.dispose();

    for (const b of ['two', 'three', 'four']) await gql(api.url, MESSAGE, { id: c.id, b }, admin);
    const resumed = live(api.url, admin).subscribe(UPDATED, { id: c.id, after: cursor });
    const replayed = [await resumed.next(), await resumed.next(), await resumed.next()].map((u) => u.complaintUpdated.event.kind);
    expect(replayed).toEqual(['message.customer', 'message.customer', 'message.customer']);
    await gql(api.url, NOTE, { id: c.id, b: 'five' }, admin);
    expect((await resumed.next()).complaintUpdated.event.kind).toBe('note.internal');
    expect(await resumed.nothingWithin(500)).toEqual([]);
  });

  it('answers NOT_FOUND for another tenant’s complaint', async () => {
    const other = await createTestTenant(orm, api);
    const theirs = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, other.tokens['admin@t.test']);
    const sub = live(api.url, admin).subscribe(UPDATED, { id: theirs.data!.submitComplaint.complaint.id });
    await expect(sub.next(3000)).rejects.toThrow(/NOT_FOUND|not found/);
  });
});

describe('queue feed', () => {
  it('streams only the events of complaints in the filtered team', async () => {
    const sub = live(api.url, admin).subscribe(QUEUE, { f: { teamCodes: ['quality'] } });
    await new Promise((r) => setTimeout(r, 200));
    // The default routing sends product-quality complaints to the quality team, the rest to frontline.
    const mine = await submit({ categoryCode: 'product_quality' });
    const other = await submit();
    await gql(api.url, NOTE, { id: other.id, b: 'not for the quality queue' }, admin);
    await gql(api.url, NOTE, { id: mine.id, b: 'for the quality queue' }, admin);
    const kinds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const update = await sub.next();
      expect(update.complaintEvents.complaint).toMatchObject({ id: mine.id, teamCode: 'quality' });
      kinds.push(update.complaintEvents.event.kind);
    }
    expect(kinds).toEqual(['complaint.created', 'complaint.routed', 'note.internal']);
    expect((await sub.nothingWithin(600)).map((u: any) => u.complaintEvents.complaint.id)).not.toContain(other.id);
  });
});

describe('connection rules', () => {
  it('closes a socket with a bad credential with 4401', async () => {
    const c = live(api.url, 'Bearer not-a-token');
    expect(await c.closed).toBe(4401);
  });

  it('closes a subscriber whose API key is revoked when the next event comes', async () => {
    const key = await gql(api.url, 'mutation{ createApiKey(input:{name:"feed", scopes:["complaint.read"]}){ secret apiKey { id } } }', {}, admin);
    const { secret, apiKey } = key.data!.createApiKey;
    const c = await submit();
    const conn = live(api.url, `ApiKey ${secret}`);
    const sub = conn.subscribe(UPDATED, { id: c.id });
    await new Promise((r) => setTimeout(r, 200));
    await gql(api.url, NOTE, { id: c.id, b: 'before revocation' }, admin);
    expect((await sub.next()).complaintUpdated.event.kind).toBe('note.internal');
    await gql(api.url, 'mutation($id:ID!){ revokeApiKey(id:$id){ id } }', { id: apiKey.id }, admin);
    await new Promise((r) => setTimeout(r, 5_200)); // past the guard's re-check window
    await gql(api.url, NOTE, { id: c.id, b: 'after revocation' }, admin);
    expect(await conn.closed).toBe(4401);
  });

  it('caps connections per credential with 4429', async () => {
    const capped = await startTestApi({ LIVE_MAX_CONNECTIONS_PER_CREDENTIAL: '2' });
    try {
      const open = [live(capped.url, admin), live(capped.url, admin)];
      await Promise.all(open.map((c) => c.subscribe('{ __typename }').next()));
      const third = live(capped.url, admin);
      expect(await third.closed).toBe(4429);
    } finally {
      await capped.close();
    }
  });
});

describe('fan-out across API processes', () => {
  let child: ChildProcess;
  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });

  it('a mutation on one API process reaches a subscriber on another through PostgreSQL', async () => {
    const port = 40_000 + Math.floor(Math.random() * 10_000);
    // The startup line it waits for is at info; processes under NODE_ENV=test log from warn up.
    const env = { ...process.env, ...testEnv(), PORT: String(port), LOG_LEVEL: 'info' };
    child = spawn(process.execPath, [join(__dirname, '..', '..', 'api', 'dist', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('GraphQL on') && resolve());
      child.once('exit', (code) => reject(new Error(`second API exited with ${code}`)));
    });
    const c = await submit();
    const sub = live(`http://localhost:${port}/graphql`, admin).subscribe(UPDATED, { id: c.id });
    await new Promise((r) => setTimeout(r, 300));
    await gql(api.url, NOTE, { id: c.id, b: 'from process one' }, admin);
    expect((await sub.next()).complaintUpdated.event.kind).toBe('note.internal');
  });
});

function testEnv(): Record<string, string> {
  const config = testConfig();
  return { DATABASE_URL: config.adminDatabaseUrl, JWT_SECRET: config.jwtSecret, NODE_ENV: 'test', ATTACHMENTS_DIR: config.attachmentsDir };
}
