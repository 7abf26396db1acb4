import { graphql } from './http-client';
import { LIST_FILTER, NEWEST_FIRST, PAGE_SIZE } from './scenarios';

export interface Target {
  url: string;
  token: string;
}

/** One request shape, asked of either side; `n` picks the sample (the complaint number) where there is one. */
export interface PeerShape {
  name: string;
  call: (side: 'api' | 'postgraphile', n: number) => Promise<unknown>;
}

/** The columns bench:api reads; PostGraphile calls the uuid `rowId` (its `id` is the global node id). */
const COLUMNS = 'number subject status severity stage channel categoryCode teamCode createdAt';
const API_FIELDS = `id ${COLUMNS}`;
const PEER_FIELDS = `rowId ${COLUMNS}`;
/** Row 49,950 on, newest first: where the deep page of bench:api starts. */
const DEEP_OFFSET = 999 * PAGE_SIZE;

interface Node {
  id?: string;
  rowId?: string;
}
interface Connection {
  edges: { node: Node; cursor?: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

const API_LIST = `query List($filter: ComplaintFilter, $orderBy: ComplaintOrder, $first: Int, $after: String) {
  complaints(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { edges { node { ${API_FIELDS} } } pageInfo { endCursor hasNextPage } }
}`;
const API_BY_NUMBER = `query ByNumber($number: String!) { complaintByNumber(number: $number) { ${API_FIELDS} } }`;

/** PostGraphile's side of the same three shapes: its generated connection, the connection-filter plugin's `in`, its unique lookup. */
const PEER_LIST = `query List($first: Int!, $after: Cursor, $offset: Int, $filter: ComplaintFilter) {
  allComplaints(first: $first, after: $after, offset: $offset, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC], filter: $filter) {
    edges { cursor node { ${PEER_FIELDS} } } pageInfo { endCursor hasNextPage }
  }
}`;
const PEER_BY_NUMBER = `query ByNumber($tenantId: UUID!, $number: String!) { complaintByTenantIdAndNumber(tenantId: $tenantId, number: $number) { ${PEER_FIELDS} } }`;
const PEER_FILTER = { status: { in: LIST_FILTER.statuses }, severity: { in: LIST_FILTER.severities } };

type Ask = (query: string, variables: Record<string, unknown>) => Promise<unknown>;
const asker =
  (target: Target): Ask =>
  (query, variables) =>
    graphql(target.url, query, variables, target.token);

/**
 * The three shapes of issue 18, each checked first to answer the same rows on both sides (else the
 * comparison would be of different work). The API's deep cursor is reached by walking its pages, as
 * bench:api does; PostGraphile's by one OFFSET lookup of the row before (its cursors are its own).
 */
export async function preparePeerShapes(opts: {
  tenantId: string;
  numbers: string[];
  api: Target;
  peer: Target;
  log: (line: string) => void;
}): Promise<PeerShape[]> {
  const api = asker(opts.api);
  const peer = asker(opts.peer);
  const apiList = (variables: Record<string, unknown>) =>
    api(API_LIST, { first: PAGE_SIZE, orderBy: NEWEST_FIRST, ...variables }) as Promise<{ complaints: Connection }>;
  const peerList = (variables: Record<string, unknown>) => peer(PEER_LIST, { first: PAGE_SIZE, ...variables }) as Promise<{ allComplaints: Connection }>;

  const firstApi = await apiList({ filter: LIST_FILTER });
  const firstPeer = await peerList({ filter: PEER_FILTER });
  sameIds('first page', firstApi.complaints, firstPeer.allComplaints);

  opts.log(`walking ${DEEP_OFFSET / PAGE_SIZE} pages of the API by cursor to page ${DEEP_OFFSET / PAGE_SIZE + 1}`);
  let apiAfter: string | null = null;
  for (let page = 1; page <= DEEP_OFFSET / PAGE_SIZE; page++) {
    const { complaints }: { complaints: Connection } = await apiList({ after: apiAfter });
    apiAfter = complaints.pageInfo.endCursor;
  }
  const before = await peerList({ first: 1, offset: DEEP_OFFSET - 1 });
  const peerAfter = before.allComplaints.edges[0]?.cursor;
  sameIds('deep page', (await apiList({ after: apiAfter })).complaints, (await peerList({ after: peerAfter })).allComplaints);

  const number = (n: number) => opts.numbers[n % opts.numbers.length];
  const apiOne = (await api(API_BY_NUMBER, { number: number(0) })) as { complaintByNumber: Node };
  const peerOne = (await peer(PEER_BY_NUMBER, { tenantId: opts.tenantId, number: number(0) })) as { complaintByTenantIdAndNumber: Node };
  if (apiOne.complaintByNumber.id !== peerOne.complaintByTenantIdAndNumber.rowId) throw new Error('lookup by number: the two sides found different rows');

  return [
    {
      name: `first page of ${PAGE_SIZE}, two filters, newest first`,
      call: (side) => (side === 'api' ? apiList({ filter: LIST_FILTER }) : peerList({ filter: PEER_FILTER })),
    },
    {
      name: `keyset page ${DEEP_OFFSET / PAGE_SIZE + 1} (rows ${DEEP_OFFSET + 1}+)`,
      call: (side) => (side === 'api' ? apiList({ after: apiAfter }) : peerList({ after: peerAfter })),
    },
    {
      name: 'lookup by number',
      call: (side, n) => (side === 'api' ? api(API_BY_NUMBER, { number: number(n) }) : peer(PEER_BY_NUMBER, { tenantId: opts.tenantId, number: number(n) })),
    },
  ];
}

function sameIds(what: string, a: Connection, b: Connection): void {
  const ids = (c: Connection) => c.edges.map((e) => e.node.id ?? e.node.rowId).join(',');
  if (a.edges.length !== PAGE_SIZE || ids(a) !== ids(b)) throw new Error(`${what}: the API and PostGraphile answered different rows`);
}
