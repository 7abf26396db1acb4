import { randomUUID } from 'node:crypto';
import type { Orm } from '../../api/src/app/orm';
import { adminOrm, complaintInput, createTestTenant, errorCode, gql, newKey, startTestApi, SUBMIT, type TestApi, type TestTenant } from '../support/harness';

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

async function countRows(table: string): Promise<number> {
  const [row] = await orm.em.getConnection().execute<{ n: number }[]>(`select count(*)::int as n from ${table} where tenant_id = ?`, [tenant.id]);
  return row.n;
}

describe('intake', () => {
  it('numbers a complaint CP-YYYYMMDD-NNNNNN, starts it at intake and writes created and routed events', async () => {
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ categoryCode: tenant.config.categories[0].children![0].code }), key: newKey() }, clerk);
    const c = res.data!.submitComplaint.complaint;
    expect(res.data!.submitComplaint.created).toBe(true);
    expect(c.number).toMatch(/^CP-\d{8}-\d{6}$/);
    expect(c).toMatchObject({ stage: 'intake', status: 'OPEN' });
    const detail = await gql(
      api.url,
      'query($id:ID!){ complaint(id:$id){ events { kind actorType } customer { name } stageDueAt firstResponseDueAt } }',
      { id: c.id },
      clerk,
    );
    expect(detail.data!.complaint.events.map((e: { kind: string }) => e.kind)).toEqual(['complaint.created', 'complaint.routed']);
    expect(detail.data!.complaint.customer.name).toBe('Ada');
    expect(new Date(detail.data!.complaint.stageDueAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('returns the same complaint for the same idempotency key, also under 10 concurrent retries', async () => {
    const key = newKey();
    const input = complaintInput();
    const results = await Promise.all(Array.from({ length: 10 }, () => gql(api.url, SUBMIT, { input, key }, clerk)));
    const ids = new Set(results.map((r) => r.data?.submitComplaint.complaint.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.data?.submitComplaint.created)).toHaveLength(1);
  });

  it('answers CONFLICT when an idempotency key is reused for different content', async () => {
    const key = newKey();
    await gql(api.url, SUBMIT, { input: complaintInput(), key }, clerk);
    const again = await gql(api.url, SUBMIT, { input: complaintInput({ subject: 'Something else' }), key }, clerk);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('gives 25 concurrent submissions 25 distinct numbers', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, clerk)));
    const numbers = results.map((r) => r.data!.submitComplaint.complaint.number);
    expect(new Set(numbers).size).toBe(25);
  });

  it('reports every bad field with its path and writes nothing', async () => {
    const before = [await countRows('complaints'), await countRows('complaint_events'), await countRows('customers')];
    const res = await gql(
      api.url,
      SUBMIT,
      {
        input: {
          channel: 'carrier-pigeon',
          subject: ' ',
          description: 'x',
          severity: 'apocalyptic',
          categoryCode: 'nope',
          amountClaimed: '-5',
          customer: { name: 'Bo', email: 'not-an-email' },
        },
        key: newKey(),
      },
      clerk,
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const paths = res.errors![0].extensions!.errors!.map((e) => e.path).sort();
    expect(paths).toEqual(['input.amountClaimed', 'input.categoryCode', 'input.channel', 'input.customer.email', 'input.severity', 'input.subject']);
    expect([await countRows('complaints'), await countRows('complaint_events'), await countRows('customers')]).toEqual(before);
  });

  it('accepts an anonymous complaint with a contact and refuses one without', async () => {
    const ok = await gql(api.url, SUBMIT, { input: complaintInput({ customer: null, contact: { phone: '+86 138 0000 0000' } }), key: newKey() }, clerk);
    expect(ok.data!.submitComplaint.created).toBe(true);
    const bad = await gql(api.url, SUBMIT, { input: complaintInput({ customer: null }), key: newKey() }, clerk);
    expect(bad.errors![0].extensions!.errors![0].path).toBe('input.contact');
  });

  it('updates the customer named by external id, keeping a tier the submission leaves out, and routes by the stored tier', async () => {
    const externalId = `c-${randomUUID().slice(0, 8)}`;
    const first = await gql(api.url, SUBMIT, { input: complaintInput({ customer: { name: 'Ada', externalId, tier: 'vip' } }), key: newKey() }, clerk);
    const second = await gql(
      api.url,
      SUBMIT,
      { input: complaintInput({ customer: { name: ' Ada Lovelace ', email: 'ADA@Example.com', externalId } }), key: newKey() },
      clerk,
    );
    const priorities = await orm.em
      .getConnection()
      .execute<{ priority: number; customer_id: string }[]>('select priority, customer_id from complaints where id in (?, ?) order by created_at', [
        first.data!.submitComplaint.complaint.id,
        second.data!.submitComplaint.complaint.id,
      ]);
    expect(priorities[0].customer_id).toBe(priorities[1].customer_id);
    // A VIP adds 5 to the severity's base priority (a multiple of 10), also when the tier comes from the stored customer.
    expect(priorities.map((p) => p.priority % 10)).toEqual([5, 5]);
    const customers = await orm.em
      .getConnection()
      .execute('select name, email, tier from customers where tenant_id = ? and external_id = ?', [tenant.id, externalId]);
    expect(customers).toEqual([{ name: 'Ada Lovelace', email: 'ada@example.com', tier: 'vip' }]);
  });

  it('files concurrent first complaints of one new customer against a single customer row', async () => {
    const customer = { name: 'Bea', externalId: `c-${randomUUID().slice(0, 8)}` };
    const results = await Promise.all(Array.from({ length: 6 }, () => gql(api.url, SUBMIT, { input: complaintInput({ customer }), key: newKey() }, clerk)));
    expect(results.map((r) => r.data?.submitComplaint.created)).toEqual(Array(6).fill(true));
    const [row] = await orm.em.getConnection().execute<{ customers: number; complaints: number }[]>(
      `select count(distinct c.id)::int as customers, count(p.id)::int as complaints
         from customers c join complaints p on p.customer_id = c.id where c.tenant_id = ? and c.external_id = ?`,
      [tenant.id, customer.externalId],
    );
    expect(row).toEqual({ customers: 1, complaints: 6 });
  });

  it('still returns the complaint for a retried key after the configuration retired what it used', async () => {
    const category = tenant.config.categories.at(-1)!;
    const input = complaintInput({ categoryCode: category.code });
    const key = newKey();
    const first = await gql(api.url, SUBMIT, { input, key }, clerk);
    const retired = { ...tenant.config, categories: tenant.config.categories.map((c) => (c.code === category.code ? { ...c, retired: true } : c)) };
    const saved = await gql(
      api.url,
      'mutation($c: JSONObject!){ updateTenantConfig(config:$c, note:"Retire a category"){ version } }',
      { c: retired },
      tenant.tokens['admin@t.test'],
    );
    expect(saved.errors).toBeUndefined();

    const again = await gql(api.url, SUBMIT, { input, key }, clerk);
    expect(again.data!.submitComplaint).toMatchObject({ created: false, complaint: { id: first.data!.submitComplaint.complaint.id } });
    expect(errorCode(await gql(api.url, SUBMIT, { input, key: newKey() }, clerk))).toBe('BAD_USER_INPUT');
  });
});

describe('reading and working complaints', () => {
  it('finds a complaint by number and answers NOT_FOUND for a malformed or unknown id', async () => {
    const created = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, clerk);
    const { id, number } = created.data!.submitComplaint.complaint;
    const byNumber = await gql(api.url, 'query($n:String!){ complaintByNumber(number:$n){ id } }', { n: number.toLowerCase() }, clerk);
    expect(byNumber.data!.complaintByNumber.id).toBe(id);
    expect(errorCode(await gql(api.url, 'query($id:ID!){ complaint(id:$id){ id } }', { id: 'not-a-uuid' }, clerk))).toBe('NOT_FOUND');
    expect(errorCode(await gql(api.url, 'query($id:ID!){ complaint(id:$id){ id } }', { id: '00000000-0000-4000-8000-000000000000' }, clerk))).toBe('NOT_FOUND');
  });

  it('adds an internal note and a customer message, each on the timeline', async () => {
    const handler = tenant.tokens['handler@t.test'];
    const created = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, clerk);
    const id = created.data!.submitComplaint.complaint.id;
    await gql(api.url, 'mutation($id:ID!){ addInternalNote(complaintId:$id, body:"Called the warehouse"){ id } }', { id }, handler);
    await gql(api.url, 'mutation($id:ID!){ sendCustomerMessage(complaintId:$id, body:"We are on it"){ visibility } }', { id }, handler);
    const detail = await gql(
      api.url,
      'query($id:ID!){ complaint(id:$id){ firstRespondedAt comments { visibility body } events { kind customerVisible } lastEvent { kind } } }',
      { id },
      handler,
    );
    const c = detail.data!.complaint;
    expect(c.comments).toEqual([
      { visibility: 'INTERNAL', body: 'Called the warehouse' },
      { visibility: 'CUSTOMER', body: 'We are on it' },
    ]);
    expect(c.events.map((e: { kind: string }) => e.kind)).toEqual(['complaint.created', 'complaint.routed', 'note.internal', 'message.customer']);
    expect(c.lastEvent.kind).toBe('message.customer');
    // No lifecycle worker runs here, so only a second writer could set it: the API leaves it to the workflow
    // (lifecycle-one-writer.test.ts shows the workflow projecting it from this message).
    expect(c.firstRespondedAt).toBeNull();
  });

  it('refuses an empty note as BAD_USER_INPUT', async () => {
    const created = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, clerk);
    const res = await gql(
      api.url,
      'mutation($id:ID!){ addInternalNote(complaintId:$id, body:"   "){ id } }',
      { id: created.data!.submitComplaint.complaint.id },
      tenant.tokens['handler@t.test'],
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('stores an attachment within the limits, serves it back, and refuses a wrong type or an oversize file', async () => {
    const handler = tenant.tokens['handler@t.test'];
    const created = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, clerk);
    const id = created.data!.submitComplaint.complaint.id;
    const ADD =
      'mutation($id:ID!,$n:String!,$t:String!,$c:String!){ addAttachment(complaintId:$id, fileName:$n, contentType:$t, contentBase64:$c){ id sizeBytes fileName } }';
    const content = Buffer.from('receipt #42').toString('base64');
    const added = await gql(api.url, ADD, { id, n: 'receipt.txt', t: 'text/plain', c: content }, handler);
    expect(added.data!.addAttachment).toMatchObject({ sizeBytes: 11, fileName: 'receipt.txt' });
    const back = await gql(
      api.url,
      'query($a:ID!,$id:ID!){ attachmentContent(id:$a) complaint(id:$id){ attachments { fileName } events { kind } } }',
      { a: added.data!.addAttachment.id, id },
      handler,
    );
    expect(Buffer.from(back.data!.attachmentContent, 'base64').toString()).toBe('receipt #42');
    expect(back.data!.complaint.attachments).toEqual([{ fileName: 'receipt.txt' }]);
    expect(back.data!.complaint.events.map((e: { kind: string }) => e.kind)).toContain('attachment.added');

    const exe = await gql(api.url, ADD, { id, n: 'virus.exe', t: 'application/x-msdownload', c: content }, handler);
    expect(exe.errors![0].extensions!.errors!.map((e) => e.path)).toEqual(['contentType']);
    const big = await gql(api.url, ADD, { id, n: 'big.txt', t: 'text/plain', c: Buffer.alloc(600 * 1024, 1).toString('base64') }, handler);
    expect(big.errors![0].extensions!.errors!.map((e) => e.path)).toEqual(['contentBase64']);
  });

  describe('evidence filed with the complaint (upload, then name the uploads in submitComplaint)', () => {
    const UPLOAD =
      'mutation($n:String!,$c:String!){ uploadAttachment(fileName:$n, contentType:"text/plain", contentBase64:$c){ id fileName sizeBytes expiresAt } }';
    const upload = async (auth: string, name = 'receipt.txt') => {
      const res = await gql(api.url, UPLOAD, { n: name, c: Buffer.from(`bytes of ${name}`).toString('base64') }, auth);
      expect(res.errors).toBeUndefined();
      return res.data!.uploadAttachment.id as string;
    };
    const complaintsUnder = async (key: string) => {
      const [row] = await orm.em
        .getConnection()
        .execute<{ n: number }[]>('select count(*)::int as n from complaints where tenant_id = ? and idempotency_key = ?', [tenant.id, key]);
      return row.n;
    };

    it('files every upload as an attachment with its timeline event, and serves the bytes', async () => {
      const ids = [await upload(clerk, 'receipt.txt'), await upload(clerk, 'photo-notes.txt')];
      const res = await gql(api.url, SUBMIT, { input: complaintInput({ attachmentIds: ids }), key: newKey() }, clerk);
      expect(res.errors).toBeUndefined();
      const detail = await gql(
        api.url,
        'query($id:ID!){ complaint(id:$id){ attachments { id fileName sizeBytes } events { kind note } } }',
        { id: res.data!.submitComplaint.complaint.id },
        clerk,
      );
      const { attachments, events } = detail.data!.complaint;
      expect(attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual(['photo-notes.txt', 'receipt.txt']);
      expect(
        events
          .filter((e: { kind: string }) => e.kind === 'attachment.added')
          .map((e: { note: string }) => e.note)
          .sort(),
      ).toEqual(['photo-notes.txt', 'receipt.txt']);
      const receipt = attachments.find((a: { fileName: string }) => a.fileName === 'receipt.txt');
      const bytes = await gql(api.url, 'query($a:ID!){ attachmentContent(id:$a) }', { a: receipt.id }, clerk);
      expect(Buffer.from(bytes.data!.attachmentContent, 'base64').toString()).toBe('bytes of receipt.txt');
    });

    it('writes nothing when one upload is unknown or used already, and the good upload stays claimable', async () => {
      const good = await upload(clerk);
      const used = await upload(clerk);
      expect((await gql(api.url, SUBMIT, { input: complaintInput({ attachmentIds: [used] }), key: newKey() }, clerk)).errors).toBeUndefined();

      const before = await countRows('attachments');
      for (const second of [randomUUID(), used]) {
        const key = newKey();
        const res = await gql(api.url, SUBMIT, { input: complaintInput({ attachmentIds: [good, second] }), key }, clerk);
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
        expect(res.errors![0].extensions!.errors!.map((e) => e.path)).toEqual(['input.attachmentIds.1']);
        expect(await complaintsUnder(key)).toBe(0);
      }
      expect(await countRows('attachments')).toBe(before);
      expect((await gql(api.url, SUBMIT, { input: complaintInput({ attachmentIds: [good] }), key: newKey() }, clerk)).errors).toBeUndefined();
    });

    it('refuses an expired upload, a repeated id, more than ten, and a file over the limits, by field', async () => {
      const expired = await upload(clerk);
      await orm.em.getConnection().execute("update attachment_uploads set created_at = now() - interval '25 hours' where id = ?", [expired]);
      const late = await gql(api.url, SUBMIT, { input: complaintInput({ attachmentIds: [expired] }), key: newKey() }, clerk);
      expect(late.errors![0].extensions!.errors!.map((e) => e.path)).toEqual(['input.attachmentIds.0']);

      const twice = await gql(api.url, SUBMIT, { input: complaintInput({ attachmentIds: [expired, expired] }), key: newKey() }, clerk);
      expect(twice.errors![0].extensions!.errors!.map((e) => e.path)).toEqual(['input.attachmentIds.1']);
      const many = Array.from({ length: 11 }, () => randomUUID());
      const tooMany = await gql(api.url, SUBMIT, { input: complaintInput({ attachmentIds: many }), key: newKey() }, clerk);
      expect(tooMany.errors![0].extensions!.errors!.map((e) => e.path)).toEqual(['input.attachmentIds']);

      const big = await gql(api.url, UPLOAD, { n: 'big.txt', c: Buffer.alloc(600 * 1024, 1).toString('base64') }, clerk);
      expect(big.errors![0].extensions!.errors!.map((e) => e.path)).toEqual(['contentBase64']);
      const exe = await gql(
        api.url,
        'mutation{ uploadAttachment(fileName:"tool.exe", contentType:"application/x-msdownload", contentBase64:"aGVsbG8="){ id } }',
        {},
        clerk,
      );
      expect(exe.errors![0].extensions!.errors!.map((e) => e.path)).toEqual(['contentType']);
    });

    it('an API-key frontend with complaint.create files evidence too; a reader without it may not upload', async () => {
      const key = await gql(
        api.url,
        'mutation{ createApiKey(input:{name:"Web shop evidence", scopes:["complaint.create"]}){ secret } }',
        {},
        tenant.tokens['admin@t.test'],
      );
      const auth = `ApiKey ${key.data!.createApiKey.secret}`;
      const id = await upload(auth, 'order-screenshot.txt');
      const res = await gql(api.url, SUBMIT, { input: complaintInput({ channel: 'api', attachmentIds: [id] }), key: newKey() }, auth);
      expect(res.errors).toBeUndefined();
      const [{ n }] = await orm.em
        .getConnection()
        .execute<{ n: number }[]>('select count(*)::int as n from attachments where complaint_id = ?', [res.data!.submitComplaint.complaint.id]);
      expect(n).toBe(1);
      expect(errorCode(await gql(api.url, UPLOAD, { n: 'x.txt', c: 'aGVsbG8=' }, tenant.tokens['analyst@t.test']))).toBe('FORBIDDEN');
    });
  });

  it('an intake clerk and an API-key frontend with complaint.create attach evidence; a reader without either permission is FORBIDDEN', async () => {
    const ADD = 'mutation($id:ID!,$c:String!){ addAttachment(complaintId:$id, fileName:"photo.txt", contentType:"text/plain", contentBase64:$c){ fileName } }';
    const created = await gql(api.url, SUBMIT, { input: complaintInput(), key: newKey() }, clerk);
    const id = created.data!.submitComplaint.complaint.id;
    const c = Buffer.from('dented lid').toString('base64');
    const byClerk = await gql(api.url, ADD, { id, c }, clerk);
    expect(byClerk.errors).toBeUndefined();

    const key = await gql(
      api.url,
      'mutation{ createApiKey(input:{name:"Web shop", scopes:["complaint.create"]}){ secret } }',
      {},
      tenant.tokens['admin@t.test'],
    );
    const byKey = await gql(api.url, ADD, { id, c }, `ApiKey ${key.data!.createApiKey.secret}`);
    expect(byKey.errors).toBeUndefined();

    expect(errorCode(await gql(api.url, ADD, { id, c }, tenant.tokens['analyst@t.test']))).toBe('FORBIDDEN');
    const [{ n }] = await orm.em.getConnection().execute<{ n: number }[]>('select count(*)::int as n from attachments where complaint_id = ?', [id]);
    expect(n).toBe(2);
  });
});
