import { mergedSignal } from '@complaints/tenant-config/lifecycle-contract';
import { Complaint } from './complaint.entity';
import { appendEvent } from './timeline';
import { actorOf } from '../platform/auth/principal';
import type { TenantPrincipal } from '../app/context';
import { badInput, conflict } from '../platform/errors';
import type { Services } from '../app/services';
import { ComplaintLinkKind, type ComplaintLinkType, type MergeResultType } from './complaint-links.types';
import type { TenantScope } from '../platform/db/tenant-scope';

/**
 * Merges a duplicate into the complaint that is kept: a MERGED_INTO link and a note on both timelines, so
 * the kept complaint's timeline tells the whole story and the merged one points at it. Once that has
 * committed, the duplicate's workflow is signalled: it archives the duplicate and ends, stopping its SLA clock.
 */
export async function mergeComplaints(
  scope: TenantScope,
  principal: TenantPrincipal,
  services: Services,
  duplicateId: string,
  keepId: string,
  note: string | null,
): Promise<MergeResultType> {
  const { em, tenantId } = scope;
  if (duplicateId === keepId) throw badInput([{ path: 'keepId', message: 'A complaint cannot be merged into itself' }]);
  const merged = await services.complaints.get(scope, duplicateId);
  const kept = await services.complaints.get(scope, keepId);
  const [already] = await em.execute<{ complaint_id: string }[]>(
    `select complaint_id from complaint_links where tenant_id = ? and kind = 'MERGED_INTO' and complaint_id in (?, ?) limit 1`,
    [tenantId, duplicateId, keepId],
  );
  if (already)
    throw conflict(already.complaint_id === duplicateId ? 'This complaint was already merged' : 'The complaint to keep was itself merged into another');

  await em.execute(`insert into complaint_links (tenant_id, complaint_id, related_id, kind, created_by) values (?, ?, ?, 'MERGED_INTO', ?)`, [
    tenantId,
    duplicateId,
    keepId,
    actorOf(principal).name,
  ]);
  const actor = actorOf(principal);
  appendEvent(em, { complaintId: duplicateId, kind: 'complaint.merged', actor, to: kept.number, note, data: { keptId: keepId }, customerVisible: true });
  appendEvent(em, { complaintId: keepId, kind: 'complaint.merge_received', actor, from: merged.number, note, data: { mergedId: duplicateId } });
  await em.flush();

  // After the merge commits, the duplicate's workflow archives it and ends (the workflow writes its lifecycle columns).
  const lifecycleArchived = await services.lifecycle.signalAfterCommit(scope, duplicateId, mergedSignal, { keptId: keepId, keptNumber: kept.number, actor });
  return { kept, merged, lifecycleArchived };
}

/** Links in both directions, each with the complaint at the other end. */
export async function linksOf(scope: TenantScope, complaintId: string): Promise<ComplaintLinkType[]> {
  const { em, tenantId } = scope;
  const rows = await em.execute<{ complaint_id: string; related_id: string; kind: ComplaintLinkKind; similarity: number | null; created_at: string }[]>(
    `select complaint_id, related_id, kind, similarity, created_at from complaint_links
      where tenant_id = ? and (complaint_id = ? or related_id = ?) order by created_at`,
    [tenantId, complaintId, complaintId],
  );
  if (!rows.length) return [];
  const otherIds = rows.map((r) => (r.complaint_id === complaintId ? r.related_id : r.complaint_id));
  const others = new Map((await em.find(Complaint, { tenantId, id: { $in: otherIds } })).map((c) => [c.id, c]));
  return rows.flatMap((r, i) => {
    const other = others.get(otherIds[i]);
    return other
      ? [
          {
            kind: r.kind,
            outgoing: r.complaint_id === complaintId,
            other,
            similarity: r.similarity === null ? null : Number(r.similarity),
            createdAt: new Date(r.created_at),
          },
        ]
      : [];
  });
}
