import type { Complaint } from './complaint.entity';
import { appendEvent } from './timeline';
import type { TenantScope } from '../platform/db/tenant-scope';

/** Text at least this similar (pg_trgm, subject + description) to a still-open complaint makes a likely duplicate. */
const DUPLICATE_SIMILARITY = 0.45;
/** Used until the tenant has analytics settings of its own. */
const DEFAULT_REPEAT_WINDOW_DAYS = 30;
const MAX_LINKS = 5;

export interface RepeatCandidate {
  id: string;
  number: string;
  open: boolean;
  similarity: number;
}

/** The complaint fields repeat detection reads. */
type RepeatSubject = Pick<Complaint, 'id' | 'customerId' | 'contact' | 'categoryCode' | 'subject' | 'description' | 'createdAt'>;

/**
 * The query for a new complaint's likely repeats: the same complainant's earlier complaints in the same
 * category within the tenant's repeat window, most alike first. The complainant is the customer record, or
 * for anonymous intake the same contact e-mail or phone; null when there is no complainant to match.
 */
export function repeatCandidatesQuery(tenantId: string, complaint: RepeatSubject): { sql: string; params: unknown[] } | null {
  const email = complaint.contact?.email ?? null;
  const phone = complaint.contact?.phone ?? null;
  if (!complaint.customerId && !email && !phone) return null;
  const who = complaint.customerId
    ? { sql: 'p.customer_id = ?', params: [complaint.customerId] }
    : {
        sql: `(p.customer_id is null and ((?::text is not null and p.contact->>'email' = ?) or (?::text is not null and p.contact->>'phone' = ?)))`,
        params: [email, email, phone, phone],
      };
  return {
    sql: `select p.id, p.number, p.status in ('OPEN', 'WAITING_ON_CUSTOMER') as open,
            similarity(p.subject || ' ' || p.description, ?)::float8 as similarity
       from complaints p
      where p.tenant_id = ? and ${who.sql} and p.id <> ?
        and p.category_code is not distinct from ?
        and p.created_at < ? and p.created_at >= ?::timestamptz - make_interval(days => coalesce((select repeat_window_days from analytics_settings where tenant_id = ?), ${DEFAULT_REPEAT_WINDOW_DAYS}))
      order by similarity desc, p.created_at desc
      limit ${MAX_LINKS}`,
    params: [
      `${complaint.subject} ${complaint.description}`,
      tenantId,
      ...who.params,
      complaint.id,
      complaint.categoryCode ?? null,
      complaint.createdAt,
      complaint.createdAt,
      tenantId,
    ],
  };
}

/**
 * Links the candidates found by {@link repeatCandidatesQuery} as REPEAT, or as DUPLICATE when one is still
 * open and reads alike, with one timeline event saying so. Returns the links made.
 */
export async function recordRepeatLinks(
  scope: TenantScope,
  complaint: RepeatSubject,
  candidates: RepeatCandidate[],
): Promise<{ relatedId: string; kind: 'REPEAT' | 'DUPLICATE' }[]> {
  const { em, tenantId } = scope;
  const links = candidates.map((c) => ({
    relatedId: c.id,
    number: c.number,
    similarity: Number(c.similarity),
    kind: c.open && Number(c.similarity) >= DUPLICATE_SIMILARITY ? ('DUPLICATE' as const) : ('REPEAT' as const),
  }));
  if (!links.length) return [];
  for (const link of links) {
    await em.execute(
      `insert into complaint_links (tenant_id, complaint_id, related_id, kind, similarity, created_by) values (?, ?, ?, ?, ?, 'intake')
       on conflict (tenant_id, complaint_id, related_id, kind) do nothing`,
      [tenantId, complaint.id, link.relatedId, link.kind, link.similarity],
    );
  }
  const duplicates = links.filter((l) => l.kind === 'DUPLICATE');
  appendEvent(em, {
    complaintId: complaint.id,
    kind: 'complaint.repeat_flagged',
    actor: { type: 'system', id: null, name: null },
    note: duplicates.length
      ? `Likely a duplicate of ${duplicates.map((l) => l.number).join(', ')}`
      : `Repeat of ${links.map((l) => l.number).join(', ')} (same complainant and category)`,
    data: { links: links.map(({ relatedId, kind, similarity }) => ({ relatedId, kind, similarity: Math.round(similarity * 100) / 100 })) },
  });
  await em.flush();
  return links;
}
