import { randomUUID } from 'node:crypto';
import { CHANNELS } from '@complaints/tenant-config';
import { graphql } from './http-client';
import { measureLatency, measureThroughput, type LatencySummary, type ThroughputResult } from './latency';

const NODE_FIELDS = 'id number subject status severity stage channel categoryCode teamCode createdAt';

const LIST = `query List($filter: ComplaintFilter, $orderBy: ComplaintOrder, $first: Int, $after: String) {
  complaints(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    edges { node { ${NODE_FIELDS} } }
    pageInfo { endCursor hasNextPage }
  }
}`;

const BY_NUMBER = `query ByNumber($number: String!) { complaintByNumber(number: $number) { ${NODE_FIELDS} } }`;

const SUBMIT = `mutation Submit($input: SubmitComplaintInput!, $key: String!) {
  submitComplaint(input: $input, idempotencyKey: $key) { created complaint { id number stage status severity teamCode } }
}`;

interface ListPage {
  complaints: { edges: { node: { id: string; number: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

export const PAGE_SIZE = 50;
/** Two filters and a sort: the handler's "my urgent open work, newest first" view. */
export const LIST_FILTER = { statuses: ['OPEN', 'WAITING_ON_CUSTOMER'], severities: ['urgent', 'major'] };
export const NEWEST_FIRST = { field: 'CREATED_AT', direction: 'DESC' };

const SAMPLING = { iterations: 400, budgetMs: 20_000, warmup: 20 };

export interface Endpoint {
  url: string;
  token: string;
}

const listPage = (api: Endpoint, variables: Record<string, unknown>) =>
  graphql<ListPage>(api.url, LIST, { first: PAGE_SIZE, orderBy: NEWEST_FIRST, ...variables }, api.token);

export async function firstPageLatency(api: Endpoint): Promise<LatencySummary> {
  const page = await listPage(api, { filter: LIST_FILTER });
  if (page.complaints.edges.length !== PAGE_SIZE) throw new Error(`the filtered first page has ${page.complaints.edges.length} rows, expected ${PAGE_SIZE}`);
  return measureLatency(() => listPage(api, { filter: LIST_FILTER }), SAMPLING);
}

export interface DeepPage {
  latency: LatencySummary;
  walkSeconds: number;
  /** Id of the first complaint on the page, to check against SQL OFFSET. */
  firstId: string;
}

/** Walks pages 1..999 once by endCursor, then times repeated fetches of page `page` with its cursor. */
export async function deepPageLatency(api: Endpoint, page: number): Promise<DeepPage> {
  const started = Date.now();
  let after: string | null = null;
  for (let n = 1; n < page; n++) {
    const { complaints }: ListPage = await listPage(api, { after });
    if (!complaints.pageInfo.hasNextPage || !complaints.pageInfo.endCursor) throw new Error(`ran out of pages at page ${n}`);
    after = complaints.pageInfo.endCursor;
  }
  const walkSeconds = (Date.now() - started) / 1000;
  const target = await listPage(api, { after });
  if (target.complaints.edges.length !== PAGE_SIZE) throw new Error(`page ${page} has ${target.complaints.edges.length} rows`);
  const latency = await measureLatency(() => listPage(api, { after }), SAMPLING);
  return { latency, walkSeconds, firstId: target.complaints.edges[0].node.id };
}

export function byNumberLatency(api: Endpoint, numbers: string[]): Promise<LatencySummary> {
  return measureLatency((i) => graphql(api.url, BY_NUMBER, { number: numbers[i % numbers.length] }, api.token), SAMPLING);
}

/**
 * 32 clients submitting back to back: a mix of known customers (upsert by external id), new
 * customers and anonymous complainants; every request has its own idempotency key.
 */
export function submitThroughput(
  api: Endpoint,
  opts: { clients: number; durationMs: number; knownCustomers: number; categories: string[] },
): Promise<ThroughputResult> {
  const run = randomUUID().slice(0, 8);
  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
  return measureThroughput((client, n) => {
    const kind = Math.random();
    const customer =
      kind < 0.5
        ? { externalId: `bench-${Math.floor(Math.random() * opts.knownCustomers)}`, name: 'Returning customer' }
        : kind < 0.8
          ? { externalId: `bench-${run}-${client}-${n}`, name: 'New customer', email: `new.${run}.${client}.${n}@example.com` }
          : undefined;
    const input = {
      channel: pick(CHANNELS),
      categoryCode: pick(opts.categories),
      subject: 'Kettle stopped heating',
      description: 'The kettle stopped heating after two days of normal use.',
      orderRef: `SO-${run}-${n}`,
      ...(customer ? { customer } : { contact: { name: 'Anonymous', phone: '13800001234' } }),
    };
    return graphql(api.url, SUBMIT, { input, key: `bench-${run}-${client}-${n}` }, api.token);
  }, opts);
}
