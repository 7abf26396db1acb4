import { categorySubtreeCodes, type TenantConfig } from '@complaints/tenant-config';
import { badInput } from '../platform/errors';
import { isUuid } from '../platform/ids';
import { SqlText } from '../platform/db/sql-rows';
import type { Complaint } from './complaint.entity';
import { complaintColumns, toComplaint } from './complaint-rows';
import { ComplaintStatus } from './complaint-status';
import { ComplaintSortField, SortDirection, type ComplaintFilter, type ComplaintOrder } from './complaint.inputs';
import type { TenantScope } from '../platform/db/tenant-scope';

export interface ComplaintPage {
  /** Read-only: plain objects holding a complaint's properties, not entities the ORM tracks. */
  nodes: Complaint[];
  hasNextPage: boolean;
  cursorOf(node: Complaint): string;
  totalCount(): Promise<number>;
}

type Cursor = [sortValue: string | number, id: string];

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') return parsed as Cursor;
  } catch {
    // fall through to the typed error
  }
  throw badCursor();
}

const badCursor = () => badInput([{ path: 'after', message: 'The cursor is not one this API handed out' }]);

/** A complaint number (CP-20261202-000071) or its tail (000071, 20261202-000071): searched in numbers as well as text. */
const NUMBER_LIKE = /^(cp-)?[\d-]{3,}$/i;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Keyset pagination over (sort field, id): page 1,000 costs what page 1 costs, unlike OFFSET.
 * The tenant id is a required argument, so no caller can forget the scope.
 */
export async function listComplaints(
  scope: TenantScope,
  config: TenantConfig,
  filter: ComplaintFilter | null | undefined,
  order: ComplaintOrder,
  first: number,
  after: string | null | undefined,
): Promise<ComplaintPage> {
  const { em, tenantId } = scope;
  const where = filterSql(tenantId, config, filter ?? {});
  const column = order.field;
  const dir = order.direction === SortDirection.ASC ? 'asc' : 'desc';
  const page = new SqlText().add(`select ${complaintColumns(em)} from complaints c where ${where.text()}`, ...where.params);
  if (after) {
    const [value, id] = decodeCursor(after);
    const sortValue = column === ComplaintSortField.PRIORITY ? Number(value) : new Date(value);
    if (Number.isNaN(sortValue.valueOf()) || !isUuid(id)) throw badCursor();
    page.add(`and (c.${column}, c.id) ${dir === 'asc' ? '>' : '<'} (?, ?::uuid)`, sortValue, id);
  }
  page.add(`order by c.${column} ${dir}, c.id ${dir} limit ?`, first + 1);
  // Pages are only displayed: plain rows skip the identity map and change tracking, whose per-entity
  // bookkeeping costs more CPU than the query itself at 50 rows a page.
  const rows = await em.execute<Record<string, unknown>[]>(page.text(), page.params);
  const nodes = rows.slice(0, first).map((row) => toComplaint(em, row));
  return {
    nodes,
    hasNextPage: rows.length > first,
    cursorOf: (node) => encodeCursor([sortValueOf(node, column), node.id]),
    // Counted only when asked for: most pages never show the total.
    totalCount: async () => {
      const [{ n }] = await em.execute<{ n: number }[]>(`select count(*)::int as n from complaints c where ${where.text()}`, where.params);
      return n;
    },
  };
}

function sortValueOf(node: Complaint, column: ComplaintSortField): string | number {
  switch (column) {
    case ComplaintSortField.PRIORITY:
      return node.priority;
    case ComplaintSortField.UPDATED_AT:
      return node.updatedAt.toISOString();
    case ComplaintSortField.CREATED_AT:
      return node.createdAt.toISOString();
  }
}

/** `?, ?, ?` for a list of values. */
const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** The filter as a where clause over `complaints c`, always scoped to the tenant. */
function filterSql(tenantId: string, config: TenantConfig, f: ComplaintFilter): SqlText {
  const sql = new SqlText().add('c.tenant_id = ?::uuid', tenantId);
  const oneOf = (column: string, values: readonly unknown[] | null | undefined) => {
    // An empty list filters nothing, as it always has.
    if (values?.length) sql.add(`and c.${column} in (${placeholders(values)})`, ...values);
  };
  oneOf('stage', f.stages);
  oneOf('status', f.statuses);
  oneOf('severity', f.severities);
  oneOf('channel', f.channels);
  if (f.categoryCode) {
    const codes = categorySubtreeCodes(config.categories, f.categoryCode);
    sql.add(codes.length ? `and c.category_code in (${placeholders(codes)})` : 'and false', ...codes);
  }
  const id = (path: string, value: string) => {
    if (!isUuid(value)) throw badInput([{ path: `filter.${path}`, message: 'Not an id' }]);
    return value;
  };
  if (f.assigneeId) sql.add('and c.assignee_id = ?::uuid', id('assigneeId', f.assigneeId));
  if (f.unassigned) sql.add('and c.assignee_id is null');
  if (f.teamCode) sql.add('and c.team_code = ?', f.teamCode);
  if (f.customerId) sql.add('and c.customer_id = ?::uuid', id('customerId', f.customerId));
  if (f.createdFrom) sql.add('and c.created_at >= ?', f.createdFrom);
  if (f.createdTo) sql.add('and c.created_at < ?', f.createdTo);
  if (f.overdue) sql.add('and c.stage_due_at < ? and c.status <> ?', new Date(), ComplaintStatus.CLOSED);
  const text = f.text?.trim();
  if (text && NUMBER_LIKE.test(text)) {
    sql.add(`and ((c.subject || ' ' || c.description) ilike ? or c.number ilike ?)`, `%${escapeLike(text)}%`, `%${escapeLike(text)}`);
  } else if (text) {
    sql.add(`and (c.subject || ' ' || c.description) ilike ?`, `%${escapeLike(text)}%`);
  }
  return sql;
}
