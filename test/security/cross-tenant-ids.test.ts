import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isInputObjectType, isObjectType, isScalarType, isEnumType, type GraphQLField, type GraphQLInputType } from 'graphql';
import type { Orm } from '../../api/src/app/orm';
import {
  adminOrm,
  complaintInput,
  createTestTenant,
  gql,
  newKey,
  startTestApi,
  SUBMIT,
  type GqlResponse,
  type TestApi,
  type TestTenant,
} from '../support/harness';
import { wsOnce } from './ws-once';

/** Object kinds an id can name; `{kind}` in a call below is replaced by tenant B's object of that kind. */
type Kind = 'complaint' | 'user' | 'article' | 'apiKey' | 'attachment' | 'upload' | 'exportJob' | 'webhook' | 'delivery' | 'customer' | 'tenant';

const PERIOD = 'from: "2026-01-01", to: "2027-12-31"';
/**
 * How to call each operation that takes an id (directly or inside an input), with every required
 * argument. An operation missing here fails the coverage test, so a new one cannot go unprobed.
 */
const CALLS: Record<string, string> = {
  attachmentContent: 'id: "{attachment}"',
  auditLog: 'filter: { actorId: "{user}", targetId: "{apiKey}" }',
  auditLogCsv: 'filter: { actorId: "{user}", targetId: "{apiKey}" }',
  operatorAuditLog: 'tenantId: "{tenant}", filter: { actorId: "{user}" }',
  operatorTenant: 'id: "{tenant}"',
  changeTenantPlan: 'id: "{tenant}", planCode: "starter"',
  resumeTenant: 'id: "{tenant}"',
  suspendTenant: 'id: "{tenant}", reason: "probe"',
  complaint: 'id: "{complaint}"',
  complaintBacklog: `filter: { assigneeId: "{user}", ${PERIOD} }`,
  followUpSurvey: `filter: { assigneeId: "{user}", ${PERIOD} }`,
  complaintLifecycle: 'id: "{complaint}"',
  complaintMetrics: `filter: { assigneeId: "{user}", ${PERIOD} }`,
  complaintMetricsSeries: `filter: { assigneeId: "{user}", ${PERIOD} }, granularity: DAY`,
  complaintNotifications: 'complaintId: "{complaint}"',
  complaints: 'first: 5, filter: { assigneeId: "{user}", customerId: "{customer}" }',
  exportJob: 'id: "{exportJob}"',
  knowledgeArticle: 'id: "{article}"',
  knowledgeArticleVersions: 'id: "{article}"',
  recurringIssues: `filter: { assigneeId: "{user}", ${PERIOD} }`,
  webhookDeliveries: 'subscriptionId: "{webhook}"',
  acknowledgeComplaint: 'id: "{complaint}"',
  addAttachment: 'complaintId: "{complaint}", contentBase64: "aGVsbG8=", contentType: "text/plain", fileName: "probe.txt"',
  addInternalNote: 'complaintId: "{complaint}", body: "probe"',
  submitComplaint: 'input: { channel: "phone", subject: "probe", description: "probe", attachmentIds: ["{upload}"] }, idempotencyKey: "probe-{upload}"',
  portalSubmitComplaint:
    'portalKey: "{ownPortalKey}", input: { subject: "probe", description: "probe", contact: { email: "p@example.com" }, attachmentIds: ["{upload}"] }, idempotencyKey: "probe-{upload}"',
  approveSolution: 'id: "{complaint}"',
  archiveComplaint: 'id: "{complaint}"',
  deleteWebhookSubscription: 'id: "{webhook}"',
  mergeComplaints: 'duplicateId: "{complaint}", keepId: "{complaint}"',
  proposeSolution: 'id: "{complaint}", input: { text: "probe", compensationType: none, compensationAmount: "0" }',
  rateArticle: 'id: "{article}", helpful: true',
  reassignComplaint: 'id: "{complaint}", assigneeId: "{user}"',
  recordArticleView: 'id: "{article}", visitorKey: "probe-visitor"',
  recordCustomerResponse: 'id: "{complaint}", input: { accepted: true, rating: 5 }',
  recordFindings: 'id: "{complaint}", findings: "probe"',
  recordFollowUp: 'id: "{complaint}", note: "probe"',
  recordVisitorSubmission: 'complaintId: "{complaint}", visitorKey: "probe-visitor"',
  rejectSolution: 'id: "{complaint}", reason: "probe"',
  reopenComplaint: 'id: "{complaint}", reason: "probe"',
  replayWebhookDelivery: 'id: "{delivery}"',
  requestComplaintExport: 'format: CSV, filter: { assigneeId: "{user}", customerId: "{customer}" }',
  revokeApiKey: 'id: "{apiKey}"',
  rotateWebhookSecret: 'id: "{webhook}"',
  sendCustomerMessage: 'complaintId: "{complaint}", body: "probe"',
  sendFeedback: 'id: "{complaint}", message: "probe"',
  setKnowledgeArticleStatus: 'id: "{article}", status: ARCHIVED',
  startInvestigation: 'id: "{complaint}"',
  updateKnowledgeArticle: 'id: "{article}", input: { title: "probe", body: "probe" }',
  updateUser: 'id: "{user}", input: { displayName: "probe" }',
  updateWebhookSubscription: 'id: "{webhook}", input: { description: "probe" }',
  complaintEvents: 'filter: { assigneeId: "{user}" }',
  complaintUpdated: 'id: "{complaint}"',
};
/** Tenant A's own portal key: public intake into A, naming B's ids. */
let ownPortalKey = '';
/** A foreign id may be refused in these ways; any other answer must equal the answer for an id nobody has. */
const REFUSALS = ['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'];

const schema = buildSchema(readFileSync(join(__dirname, '../../api/schema.graphql'), 'utf8'));
const roots = [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!];

function takesAnId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => takesAnId(field.type, seen));
}

const ID_OPERATIONS = roots.flatMap((root) =>
  Object.values(root.getFields())
    .filter((field) => field.args.some((arg) => takesAnId(arg.type)))
    .map((field) => ({ root: root.name, field })),
);

/** Every scalar the answer carries, one level down: enough to see someone else's data if it came back. */
function selection(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return '';
  const leaves = Object.values(type.getFields()).filter(
    (f) => (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))) && !f.args.some((a) => a.type.toString().endsWith('!')),
  );
  const nested = Object.values(type.getFields()).filter((f) => isObjectType(getNamedType(f.type)) && !f.args.length);
  const inner = (f: GraphQLField<unknown, unknown>) => {
    const t = getNamedType(f.type);
    return isObjectType(t)
      ? Object.values(t.getFields())
          .filter((g) => isScalarType(getNamedType(g.type)) && !g.args.length)
          .map((g) => g.name)
          .join(' ')
      : '';
  };
  return `{ __typename ${leaves.map((f) => f.name).join(' ')} ${nested.map((f) => (inner(f) ? `${f.name} { ${inner(f)} }` : '')).join(' ')} }`;
}

let api: TestApi;
let orm: Orm;
let tenantA: TestTenant;
let tenantB: TestTenant;
const MARKER = `tenant-b-${randomUUID()}`;
const idsOfB = {} as Record<Kind, string>;

beforeAll(async () => {
  api = await startTestApi();
  orm = await adminOrm();
  tenantA = await createTestTenant(orm, api);
  tenantB = await createTestTenant(orm, api);
  const admin = tenantB.tokens['admin@t.test'];
  const must = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await gql(api.url, query, variables, admin);
    if (!res.data) throw new Error(`arranging tenant B failed: ${JSON.stringify(res.errors)}`);
    return res.data;
  };
  const submitted = await must(SUBMIT, {
    input: complaintInput({ subject: `Subject ${MARKER}`, customer: { name: `Name ${MARKER}`, email: 'b@example.com', externalId: MARKER } }),
    key: newKey(),
  });
  idsOfB.complaint = submitted.submitComplaint.complaint.id;
  idsOfB.user = tenantB.userIds['handler@t.test']!;
  idsOfB.article = (
    await must(`mutation { createKnowledgeArticle(input: { title: "Article ${MARKER}", body: "Body ${MARKER}" }) { id } }`)
  ).createKnowledgeArticle.id;
  idsOfB.apiKey = (
    await must(`mutation { createApiKey(input: { name: "Key ${MARKER}", scopes: ["complaint.read"] }) { apiKey { id } } }`)
  ).createApiKey.apiKey.id;
  idsOfB.attachment = (
    await must(
      `mutation($c: ID!) { addAttachment(complaintId: $c, contentBase64: "${Buffer.from(MARKER).toString('base64')}", contentType: "text/plain", fileName: "${MARKER}.txt") { id } }`,
      { c: idsOfB.complaint },
    )
  ).addAttachment.id;
  ownPortalKey = (await gql(api.url, '{ tenant { publishableKey } }', {}, tenantA.tokens['admin@t.test'])).data!.tenant.publishableKey;
  idsOfB.upload = (
    await must(
      `mutation { uploadAttachment(contentBase64: "${Buffer.from(MARKER).toString('base64')}", contentType: "text/plain", fileName: "${MARKER}.txt") { id } }`,
    )
  ).uploadAttachment.id;
  idsOfB.exportJob = (await must('mutation { requestComplaintExport(format: CSV) { id } }')).requestComplaintExport.id ?? randomUUID();
  idsOfB.tenant = tenantB.id;
  idsOfB.customer = (await must('query($id: ID!) { complaint(id: $id) { customer { id } } }', { id: idsOfB.complaint })).complaint.customer.id;
  // Kinds made elsewhere (webhook subscriptions need an outbound URL the test network cannot reach; deliveries need a worker): an id nobody has.
  idsOfB.webhook = randomUUID();
  idsOfB.delivery = randomUUID();
});
afterAll(async () => {
  await api?.close();
  await orm?.close();
});

const fill = (call: string, ids: Record<Kind, string>) => call.replace('{ownPortalKey}', ownPortalKey).replace(/\{(\w+)\}/g, (_, kind: Kind) => ids[kind]);

async function run(root: string, field: GraphQLField<unknown, unknown>, ids: Record<Kind, string>): Promise<GqlResponse> {
  const operation = `${root === 'Query' ? 'query' : root === 'Mutation' ? 'mutation' : 'subscription'} { ${field.name}(${fill(CALLS[field.name], ids)}) ${selection(field)} }`;
  if (root !== 'Subscription') return gql(api.url, operation, {}, tenantA.tokens['admin@t.test']);
  const outcome = await wsOnce(api.url, { authorization: tenantA.tokens['admin@t.test'] }, operation, {}, 1500);
  return { status: 0, data: outcome.data ?? undefined, errors: outcome.errors };
}

const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

/** The answer with ids written as their kind (and timestamps blanked), so the answers for B's ids and for unknown ids compare. */
const normalized = (res: GqlResponse, ids: Record<Kind, string>) => {
  let text = JSON.stringify({ data: res.data, codes: res.errors?.map((e) => e.extensions?.code) }).replace(TIMESTAMP, '<time>');
  for (const [kind, id] of Object.entries(ids)) text = text.split(id).join(`<${kind}>`);
  return JSON.parse(text);
};

describe('cross-tenant ids on every operation that takes one (generated from api/schema.graphql)', () => {
  it('knows how to call every id-taking operation, naming every id argument', () => {
    expect(ID_OPERATIONS.length).toBeGreaterThan(30);
    const unknown = ID_OPERATIONS.filter(({ field }) => !CALLS[field.name]).map(({ root, field }) => `${root}.${field.name}`);
    expect(unknown).toEqual([]);
    const unnamed = ID_OPERATIONS.filter(({ field }) => field.args.some((arg) => takesAnId(arg.type) && !CALLS[field.name].includes(`${arg.name}:`)));
    expect(unnamed.map(({ field }) => field.name)).toEqual([]);
  });

  it.each(ID_OPERATIONS.map(({ root, field }) => [`${root}.${field.name}`, root, field] as const))(
    '%s as tenant A with tenant B ids: refused or as for an unknown id, never B data',
    async (_name, root, field) => {
      const foreign = await run(root, field, idsOfB);
      expect(JSON.stringify(foreign)).not.toContain(MARKER);
      for (const error of foreign.errors ?? []) expect(REFUSALS).toContain(error.extensions?.code);
      const unknownIds = Object.fromEntries(Object.keys(idsOfB).map((kind) => [kind, randomUUID()])) as Record<Kind, string>;
      const unknown = await run(root, field, unknownIds);
      expect(normalized(foreign, idsOfB)).toEqual(normalized(unknown, unknownIds));
    },
  );
});
