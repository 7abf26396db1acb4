import type { Orm } from '../../api/src/app/orm';
import { adminOrm, createTestTenant, errorCode, gql, newKey, startTestApi, type TestApi, type TestTenant } from '../support/harness';
import { freshLoopbackAddress, gqlFrom } from '../support/from-address';
import { connectLive } from '../support/live-client';

let api: TestApi;
let orm: Orm;
let tenant: TestTenant;
let portalKey: string;

const SUBMIT =
  'mutation($k:String!,$i:PortalComplaintInput!,$key:String!){ portalSubmitComplaint(portalKey:$k, input:$i, idempotencyKey:$key){ token number expiresAt } }';
const TRACK = 'mutation($k:String!,$n:String!,$c:String!){ trackComplaint(portalKey:$k, number:$n, contact:$c){ token number } }';
const VIEW = '{ portalComplaint { number subject stage status timeline { kind } messages { from body } } }';

const portalInput = (email = 'mei@example.com') => ({ subject: '快递丢失', description: '包裹显示已签收但我没有收到。', contact: { name: '梅', email } });

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenant = await createTestTenant(orm, api);
  portalKey = (await gql(api.url, '{ tenant { publishableKey } }', {}, tenant.tokens['admin@t.test'])).data!.tenant.publishableKey;
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

async function portalSubmission(email?: string) {
  const res = await gql(api.url, SUBMIT, { k: portalKey, i: portalInput(email), key: newKey() });
  return res.data!.portalSubmitComplaint as { token: string; number: string };
}

describe('public intake', () => {
  it('files a complaint from the portal key alone and hands back a token for it', async () => {
    const session = await portalSubmission();
    expect(session.number).toMatch(/^CP-\d{8}-\d{6}$/);
    const view = await gql(api.url, VIEW, {}, `Bearer ${session.token}`);
    expect(view.data!.portalComplaint).toMatchObject({ number: session.number, subject: '快递丢失', stage: 'intake', status: 'OPEN' });
    const info = await gql(api.url, 'query($k:String!){ portalInfo(portalKey:$k){ tenantName defaultLocale } }', { k: portalKey });
    expect(info.data!.portalInfo).toEqual({ tenantName: `Tenant ${tenant.slug}`, defaultLocale: 'zh-CN' });
  });

  it("files the complainant's evidence with the complaint: uploads first, then named in the intake", async () => {
    const UPLOAD =
      'mutation($k:String!,$n:String!,$c:String!){ portalUploadAttachment(portalKey:$k, fileName:$n, contentType:"text/plain", contentBase64:$c){ id sizeBytes } }';
    const uploaded = await gql(api.url, UPLOAD, { k: portalKey, n: 'tracking.txt', c: Buffer.from('SF123').toString('base64') });
    expect(uploaded.data!.portalUploadAttachment.sizeBytes).toBe(5);
    const res = await gql(api.url, SUBMIT, { k: portalKey, i: { ...portalInput(), attachmentIds: [uploaded.data!.portalUploadAttachment.id] }, key: newKey() });
    const number = res.data!.portalSubmitComplaint.number;
    const staff = await gql(
      api.url,
      'query($n:String!){ complaintByNumber(number:$n){ attachments { fileName uploadedBy } } }',
      { n: number },
      tenant.tokens['admin@t.test'],
    );
    expect(staff.data!.complaintByNumber.attachments).toEqual([{ fileName: 'tracking.txt', uploadedBy: null }]);
    expect(errorCode(await gql(api.url, UPLOAD, { k: 'pk_nope', n: 'x.txt', c: 'aGVsbG8=' }))).toBe('NOT_FOUND');
  });

  it('refuses an unknown portal key with NOT_FOUND', async () => {
    const res = await gql(api.url, SUBMIT, { k: 'pk_nope', i: portalInput(), key: newKey() });
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it('rate-limits one address with RATE_LIMITED and a retry-after', async () => {
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await gql(api.url, SUBMIT, { k: portalKey, i: portalInput(), key: newKey() }));
    const limited = results.filter((r) => errorCode(r) === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].errors![0].extensions!.retryAfter).toBeGreaterThan(0);
  });
});

describe('tracking', () => {
  let session: { token: string; number: string };
  beforeAll(async () => {
    const res = await gqlFrom(freshLoopbackAddress(), api.url, SUBMIT, { k: portalKey, i: portalInput('track@example.com'), key: newKey() });
    session = res.data!.portalSubmitComplaint;
  });

  it('gives a token for the right number and contact, in any case', async () => {
    const res = await gql(api.url, TRACK, { k: portalKey, n: session.number.toLowerCase(), c: ' TRACK@example.com ' });
    expect(res.data!.trackComplaint.number).toBe(session.number);
  });

  it('answers a wrong contact and a wrong number with the very same error', async () => {
    const wrongContact = await gql(api.url, TRACK, { k: portalKey, n: session.number, c: 'eve@example.com' });
    const wrongNumber = await gql(api.url, TRACK, { k: portalKey, n: 'CP-20000101-999999', c: 'track@example.com' });
    expect(wrongContact.errors![0]).toEqual(wrongNumber.errors![0]);
    expect(errorCode(wrongContact)).toBe('NOT_FOUND');
  });
});

describe('with a portal token', () => {
  it('sees customer messages but never internal notes, and its own messages reach staff', async () => {
    const session = await portalSubmissionFromFreshAddress();
    const staff = tenant.tokens['admin@t.test'];
    const id = (await gql(api.url, 'query($n:String!){ complaintByNumber(number:$n){ id } }', { n: session.number }, staff)).data!.complaintByNumber.id;
    await gql(api.url, 'mutation($id:ID!){ addInternalNote(complaintId:$id, body:"customer seems upset"){ id } }', { id }, staff);
    await gql(api.url, 'mutation($id:ID!){ sendCustomerMessage(complaintId:$id, body:"We are checking with the courier"){ id } }', { id }, staff);
    await gql(api.url, 'mutation{ portalSendMessage(body:"Thank you"){ id } }', {}, `Bearer ${session.token}`);
    const view = await gql(api.url, VIEW, {}, `Bearer ${session.token}`);
    expect(view.data!.portalComplaint.messages).toEqual([
      { from: 'staff', body: 'We are checking with the courier' },
      { from: 'customer', body: 'Thank you' },
    ]);
    expect(JSON.stringify(view.data)).not.toContain('upset');
    const staffView = await gql(api.url, 'query($id:ID!){ complaint(id:$id){ comments { visibility authorType body } } }', { id }, staff);
    expect(staffView.data!.complaint.comments).toContainEqual({ visibility: 'CUSTOMER', authorType: 'customer', body: 'Thank you' });
  });

  it('cannot use staff operations or another complaint', async () => {
    const mine = await portalSubmissionFromFreshAddress();
    const other = await portalSubmissionFromFreshAddress();
    const auth = `Bearer ${mine.token}`;
    expect(errorCode(await gql(api.url, '{ complaints { edges { cursor } } }', {}, auth))).toBe('FORBIDDEN');
    const otherId = (await gql(api.url, 'query($n:String!){ complaintByNumber(number:$n){ id } }', { n: other.number }, tenant.tokens['admin@t.test'])).data!
      .complaintByNumber.id;
    const conn = connectLive(api.url, auth);
    try {
      const sub = conn.subscribe('subscription($id:ID!){ complaintUpdated(id:$id){ cursor } }', { id: otherId });
      await expect(sub.next(3000)).rejects.toThrow(/not found/i);
    } finally {
      await conn.dispose();
    }
  });

  it('watches its complaint live and receives customer-visible events only', async () => {
    const session = await portalSubmissionFromFreshAddress();
    const staff = tenant.tokens['admin@t.test'];
    const id = (await gql(api.url, 'query($n:String!){ complaintByNumber(number:$n){ id } }', { n: session.number }, staff)).data!.complaintByNumber.id;
    const conn = connectLive(api.url, `Bearer ${session.token}`);
    try {
      const sub = conn.subscribe<any>('subscription($id:ID!){ complaintUpdated(id:$id){ event { kind actorName } complaint { assigneeName teamCode } } }', {
        id,
      });
      await new Promise((r) => setTimeout(r, 200));
      await gql(api.url, 'mutation($id:ID!){ addInternalNote(complaintId:$id, body:"secret"){ id } }', { id }, staff);
      await gql(api.url, 'mutation($id:ID!){ sendCustomerMessage(complaintId:$id, body:"hello"){ id } }', { id }, staff);
      const update = await sub.next();
      expect(update.complaintUpdated).toEqual({ event: { kind: 'message.customer', actorName: null }, complaint: { assigneeName: null, teamCode: null } });
      expect(await sub.nothingWithin(400)).toEqual([]);
    } finally {
      await conn.dispose();
    }
  });
});

/** Each submission from an address of its own keeps these tests clear of the per-address intake limit. */
async function portalSubmissionFromFreshAddress() {
  const res = await gqlFrom(freshLoopbackAddress(), api.url, SUBMIT, { k: portalKey, i: portalInput(), key: newKey() });
  return res.data!.portalSubmitComplaint as { token: string; number: string };
}
