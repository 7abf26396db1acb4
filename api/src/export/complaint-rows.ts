import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantConfig } from '@complaints/tenant-config';
import { withTenant } from '../platform/db/tenant-scope';
import { listComplaints } from '../complaint/complaint-list.query';
import { ComplaintOrder, type ComplaintFilter } from '../complaint/complaint.inputs';
import type { Complaint } from '../complaint/complaint.entity';
import { badInput } from '../platform/errors';
import { isUuid } from '../platform/ids';
import type { CsvValue } from './csv';

const BATCH = 1000;

/** The exported columns, in order: header and value of each. */
export const COMPLAINT_COLUMNS: [header: string, value: (c: Complaint) => CsvValue][] = [
  ['number', (c) => c.number],
  ['created_at', (c) => c.createdAt],
  ['channel', (c) => c.channel],
  ['category', (c) => c.categoryCode],
  ['severity', (c) => c.severity],
  ['priority', (c) => c.priority],
  ['stage', (c) => c.stage],
  ['status', (c) => c.status],
  ['team', (c) => c.teamCode],
  ['assignee_id', (c) => c.assigneeId],
  ['customer_id', (c) => c.customerId],
  ['subject', (c) => c.subject],
  ['description', (c) => c.description],
  ['round', (c) => c.round],
  ['satisfaction', (c) => c.satisfaction],
  ['first_response_due_at', (c) => c.firstResponseDueAt],
  ['first_responded_at', (c) => c.firstRespondedAt],
  ['resolution_due_at', (c) => c.resolutionDueAt],
  ['closed_at', (c) => c.closedAt],
];

/**
 * The filtered list in keyset batches, each read in its own short transaction on a fresh fork: memory
 * stays at one batch whatever the export size, and no transaction stays open while a slow client reads.
 */
export async function* complaintBatches(root: EntityManager, tenantId: string, config: TenantConfig, filter: ComplaintFilter): AsyncGenerator<CsvValue[][]> {
  let after: string | null = null;
  for (;;) {
    const page: { rows: CsvValue[][]; next: string | null } = await withTenant(root, tenantId, async (scope) => {
      const result = await listComplaints(scope, config, filter, new ComplaintOrder(), BATCH, after);
      const last = result.nodes.at(-1);
      return { rows: result.nodes.map((c) => COMPLAINT_COLUMNS.map(([, value]) => value(c))), next: result.hasNextPage && last ? result.cursorOf(last) : null };
    });
    if (page.rows.length) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}

export async function countComplaints(root: EntityManager, tenantId: string, config: TenantConfig, filter: ComplaintFilter): Promise<number> {
  return withTenant(root, tenantId, async (scope) => (await listComplaints(scope, config, filter, new ComplaintOrder(), 1, null)).totalCount());
}

const STRING_LISTS = ['stages', 'statuses', 'severities', 'channels'] as const;
const STRINGS = ['categoryCode', 'assigneeId', 'teamCode', 'customerId', 'text'] as const;
const DATES = ['createdFrom', 'createdTo'] as const;

/** The complaint filter from a query-string JSON value, keeping only the known fields with their types. */
export function parseComplaintFilter(raw: string | null): ComplaintFilter {
  if (!raw) return {};
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw badInput([{ path: 'filter', message: 'filter must be a JSON object' }]);
  }
  const filter: Record<string, unknown> = {};
  for (const key of STRING_LISTS) if (Array.isArray(json[key])) filter[key] = (json[key] as unknown[]).map(String);
  for (const key of STRINGS) if (typeof json[key] === 'string') filter[key] = json[key];
  for (const key of ['assigneeId', 'customerId'] as const) {
    if (filter[key] !== undefined && !isUuid(filter[key] as string)) throw badInput([{ path: `filter.${key}`, message: `${key} is not an id` }]);
  }
  for (const key of DATES) {
    if (typeof json[key] === 'string') {
      const at = new Date(json[key]);
      if (Number.isNaN(at.getTime())) throw badInput([{ path: `filter.${key}`, message: `${key} is not a date` }]);
      filter[key] = at;
    }
  }
  if (json.overdue === true) filter.overdue = true;
  if (json.unassigned === true) filter.unassigned = true;
  return filter;
}
