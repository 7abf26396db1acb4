import { ComplaintIntakeService } from '../../api/src/complaint/complaint-intake.service';
import { SubmitComplaintInput } from '../../api/src/complaint/complaint.inputs';
import type { ComplaintNumbers } from '../../api/src/complaint/complaint-number';
import type { Orm } from '../../api/src/app/orm';
import { withTenant } from '../../api/src/platform/db/tenant-scope';
import { TenantConfigService } from '../../api/src/tenant/tenant-config.service';
import {
  adminOrm,
  complaintInput,
  complaintNumbers,
  createTestTenant,
  gql,
  newKey,
  startTestApi,
  SUBMIT,
  type TestApi,
  type TestTenant,
} from '../support/harness';

const LINKS = `query($id: ID!) { complaint(id: $id) { number links { kind outgoing similarity other { id } } events { kind note } } }`;
const MERGE = `mutation($d: ID!, $k: ID!) { mergeComplaints(duplicateId: $d, keepId: $k, note: "Same double charge") { kept { id } merged { id } lifecycleArchived } }`;

describe('repeat and duplicate complaints', () => {
  let api: TestApi;
  let orm: Orm;
  let tenant: TestTenant;
  const customer = { name: 'Lin', email: 'lin@example.com', externalId: 'crm-lin-1' };

  beforeAll(async () => {
    api = await startTestApi();
    orm = await adminOrm();
    tenant = await createTestTenant(orm, api);
  });

  afterAll(async () => {
    await orm?.close();
    await api?.close();
  });

  async function submit(overrides: Record<string, unknown>): Promise<string> {
    const res = await gql(api.url, SUBMIT, { input: complaintInput({ customer, ...overrides }), key: newKey() }, tenant.tokens['clerk@t.test']);
    expect(res.errors).toBeUndefined();
    return res.data!.submitComplaint.complaint.id;
  }
  const links = async (id: string) => (await gql(api.url, LINKS, { id }, tenant.tokens['handler@t.test'])).data!.complaint;

  it('flags a similar complaint from the same customer and category as a likely duplicate, and a different text as a repeat', async () => {
    const first = await submit({
      categoryCode: 'overcharge',
      subject: '重复扣费 charged twice',
      description: '同一个订单被扣了两次钱 order SO123 charged twice',
    });
    const again = await submit({
      categoryCode: 'overcharge',
      subject: '重复扣费 charged twice',
      description: '同一个订单被扣了两次钱，订单 SO123 charged twice',
    });
    const otherCategory = await submit({ categoryCode: 'staff_attitude', subject: 'Rude courier', description: 'The courier shouted at me.' });
    const repeat = await submit({ categoryCode: 'overcharge', subject: 'Wrong price', description: 'The shelf price was lower than the till price.' });

    const dup = await links(again);
    expect(dup.links.filter((l: any) => l.outgoing)).toEqual([expect.objectContaining({ kind: 'DUPLICATE', other: { id: first } })]);
    expect(dup.events.map((e: any) => e.kind)).toContain('complaint.repeat_flagged');
    expect((await links(otherCategory)).links).toEqual([]);
    const rep = await links(repeat);
    expect(rep.links).toHaveLength(2);
    expect(rep.links.every((l: any) => l.kind === 'REPEAT')).toBe(true);
    expect((await links(first)).links.map((l: any) => [l.kind, l.outgoing])).toEqual(
      expect.arrayContaining([
        ['DUPLICATE', false],
        ['REPEAT', false],
      ]),
    );
  });

  it('finds the repeats of a known customer whose submission also names a tier', async () => {
    const vip = { ...customer, externalId: 'crm-lin-vip', tier: 'vip' };
    const first = await submit({
      customer: vip,
      categoryCode: 'slow_response',
      subject: 'Hotline silent',
      description: 'Nobody called back about order SO77.',
    });
    const again = await submit({ customer: vip, categoryCode: 'slow_response', subject: 'Still no answer', description: 'A week without a reply.' });
    expect((await links(again)).links).toEqual([expect.objectContaining({ kind: 'REPEAT', outgoing: true, other: { id: first } })]);
  });

  it('finds the repeats of a customer that a concurrent intake created between numbering and writing', async () => {
    const racer = { ...customer, externalId: 'crm-lin-race' };
    const first = await submit({ customer: racer, categoryCode: 'slow_response', subject: 'No callback', description: 'Nobody called back.' });
    // This intake's number allocation ran before the first intake created the customer: it saw none.
    const numbers = { next: async (...args: Parameters<ComplaintNumbers['next']>) => ({ ...(await complaintNumbers().next(...args)), customer: null }) };
    const input = Object.assign(
      new SubmitComplaintInput(),
      complaintInput({ customer: racer, categoryCode: 'slow_response', subject: 'Still no callback', description: 'Two days later.' }),
    );
    const { complaint } = await withTenant(api.orm.em, tenant.id, async (scope) =>
      new ComplaintIntakeService(numbers as ComplaintNumbers).submit(
        scope,
        { type: 'system', id: null, name: null },
        await new TenantConfigService().current(scope),
        input,
        newKey(),
      ),
    );
    expect((await links(complaint.id)).links).toEqual([expect.objectContaining({ kind: 'REPEAT', outgoing: true, other: { id: first } })]);
  });

  it('matches an anonymous complainant by contact e-mail or phone', async () => {
    const anonymous = (contact: Record<string, string>, subject: string) =>
      submit({
        customer: undefined,
        contact: { name: 'Anon', ...contact },
        categoryCode: 'product_quality',
        subject,
        description: `${subject}, bought last week.`,
      });
    const byEmail = await anonymous({ email: 'anon@example.com' }, 'Kettle leaks');
    const sameEmail = await anonymous({ email: 'anon@example.com' }, 'Toaster burns bread');
    const byPhone = await anonymous({ phone: '13800138000' }, 'Fan rattles');
    const samePhone = await anonymous({ phone: '13800138000' }, 'Lamp flickers');
    const stranger = await anonymous({ email: 'someone-else@example.com' }, 'Kettle leaks');

    expect((await links(sameEmail)).links).toEqual([expect.objectContaining({ kind: 'REPEAT', outgoing: true, other: { id: byEmail } })]);
    expect((await links(samePhone)).links).toEqual([expect.objectContaining({ kind: 'REPEAT', outgoing: true, other: { id: byPhone } })]);
    expect((await links(stranger)).links).toEqual([]);
  });

  it('merges a duplicate into the kept complaint, noting it on both timelines, once', async () => {
    const kept = await submit({
      categoryCode: 'refund_delay',
      subject: 'Refund missing',
      description: 'My refund for order SO9 has not arrived after ten days.',
    });
    const duplicate = await submit({
      categoryCode: 'refund_delay',
      subject: 'Refund missing',
      description: 'My refund for order SO9 has not arrived after ten days!',
    });
    const res = await gql(api.url, MERGE, { d: duplicate, k: kept }, tenant.tokens['handler@t.test']);
    expect(res.errors).toBeUndefined();
    expect(res.data!.mergeComplaints).toEqual({ kept: { id: kept }, merged: { id: duplicate }, lifecycleArchived: true });

    const keptView = await links(kept);
    expect(keptView.events.map((e: any) => e.kind)).toContain('complaint.merge_received');
    expect(keptView.links).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'MERGED_INTO', outgoing: false, other: { id: duplicate } })]));
    const mergedView = await links(duplicate);
    expect(mergedView.events.find((e: any) => e.kind === 'complaint.merged')?.note).toBe('Same double charge');

    const again = await gql(api.url, MERGE, { d: duplicate, k: kept }, tenant.tokens['handler@t.test']);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const other = await createTestTenant(orm, api);
    const foreign = await gql(api.url, MERGE, { d: kept, k: duplicate }, other.tokens['handler@t.test']);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
