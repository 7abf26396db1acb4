import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActorType, StageCode } from '@complaints/tenant-config';
import { withTenant } from '../platform/db/tenant-scope';
import type { ComplaintStatus } from '../complaint/complaint-status';
import { encodeCursor, type TimelineCursor } from './timeline-cursor';
import type { LiveEvent } from './timeline-tail';
import { TenantBatch } from './tenant-batch';
import type { ComplaintUpdate } from './live.types';
import { customerView, narrowView, type LifecycleView } from '@complaints/tenant-config/lifecycle-contract';
import { ComplaintLifecycleType } from '../lifecycle/lifecycle.types';

const CACHE_LIMIT = 2000;

interface SnapshotRow {
  id: string;
  kind: string;
  actor_type: ActorType;
  actor_name: string | null;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
  customer_visible: boolean;
  created_at: Date;
  complaint_id: string;
  number: string;
  stage: StageCode;
  status: ComplaintStatus;
  severity: string;
  priority: number;
  round: number;
  subject: string;
  team_code: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  stage_due_at: Date | null;
  updated_at: Date;
  lifecycle_view: LifecycleView | null;
}

/**
 * Loads the staff view of events once per process, however many subscribers receive them (one queue
 * event fanned out to 10,000 sockets costs one query), batching the events of one tick into one query
 * per tenant, so a busy timeline costs a transaction per batch rather than per event.
 */
export class LiveSnapshots {
  private readonly cache = new Map<string, Promise<ComplaintUpdate | null>>();
  private readonly batch: TenantBatch<ComplaintUpdate>;

  constructor(root: EntityManager) {
    this.batch = new TenantBatch((tenantId, seqs) => fetchUpdates(root, tenantId, seqs));
  }

  load(event: LiveEvent): Promise<ComplaintUpdate | null> {
    const key = event.cursor.seq.toString();
    let update = this.cache.get(key);
    if (!update) {
      update = this.batch.load(event.tenantId, key).then((u) => u ?? null);
      this.cache.set(key, update);
      if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    }
    return update;
  }
}

/** `seq` is unique across the timeline, so it alone identifies an event. */
function fetchUpdates(root: EntityManager, tenantId: string, seqs: string[]): Promise<Map<string, ComplaintUpdate>> {
  return withTenant(root, tenantId, async ({ em }) => {
    const rows = await em.execute<(SnapshotRow & { tx: string; seq: string })[]>(
      `select e.tx_id::text as tx, e.seq::text as seq, e.id, e.kind, e.actor_type, e.actor_name, e.from_value, e.to_value, e.note,
              e.customer_visible, e.created_at,
              c.id as complaint_id, c.number, c.stage, c.status, c.severity, c.priority, c.round, c.subject,
              c.team_code, c.assignee_id, u.display_name as assignee_name, c.stage_due_at, c.updated_at, c.lifecycle_view
       from complaint_events e
       join complaints c on c.id = e.complaint_id
       left join users u on u.id = c.assignee_id
       where e.seq in (${seqs.map(() => '?').join(', ')})`,
      seqs,
    );
    return new Map(rows.map((row) => [row.seq, toUpdate(row, { tx: BigInt(row.tx), seq: BigInt(row.seq) })]));
  });
}

/** Which of these complaint ids exist in the tenant (row-level security keeps other tenants' out). */
export function complaintExistence(root: EntityManager): TenantBatch<true> {
  return new TenantBatch((tenantId, ids) =>
    withTenant(root, tenantId, async ({ em }) => {
      const rows = await em.execute<{ id: string }[]>(`select id from complaints where id in (${ids.map(() => '?').join(', ')})`, ids);
      return new Map(rows.map((r) => [r.id, true as const]));
    }),
  );
}

function toUpdate(row: SnapshotRow, cursor: TimelineCursor): ComplaintUpdate {
  return {
    cursor: encodeCursor(cursor),
    event: {
      id: row.id,
      kind: row.kind,
      actorType: row.actor_type,
      actorName: row.actor_name,
      fromValue: row.from_value,
      toValue: row.to_value,
      note: row.note,
      customerVisible: row.customer_visible,
      createdAt: new Date(row.created_at),
    },
    complaint: {
      id: row.complaint_id,
      number: row.number,
      stage: row.stage,
      status: row.status,
      severity: row.severity,
      priority: row.priority,
      round: row.round,
      subject: row.subject,
      teamCode: row.team_code,
      assigneeId: row.assignee_id,
      assigneeName: row.assignee_name,
      stageDueAt: row.stage_due_at ? new Date(row.stage_due_at) : null,
      updatedAt: new Date(row.updated_at),
      lifecycle: null,
      storedView: row.lifecycle_view,
    },
  };
}

const portalViews = new WeakMap<ComplaintUpdate, ComplaintUpdate>();

/**
 * The portal sees only customer-visible events, and no staff names or internal routing. One view per
 * update, shared by every portal subscriber (so their results can be shared too).
 */
export function forPortal(update: ComplaintUpdate): ComplaintUpdate | null {
  if (!update.event.customerVisible) return null;
  let view = portalViews.get(update);
  if (!view) portalViews.set(update, (view = portalView(update)));
  return view;
}

function portalView(update: ComplaintUpdate): ComplaintUpdate {
  return {
    cursor: update.cursor,
    event: { ...update.event, actorName: update.event.actorType === 'customer' ? update.event.actorName : null },
    complaint: {
      ...update.complaint,
      teamCode: null,
      assigneeId: null,
      assigneeName: null,
      lifecycle: update.complaint.storedView && ComplaintLifecycleType.from(customerView(update.complaint.storedView, Date.now())),
    },
  };
}

const staffViews = new WeakMap<ComplaintUpdate, Map<string, ComplaintUpdate>>();

/**
 * The update with its lifecycle narrowed to these permissions: one object per update and permission set,
 * so subscribers holding the same role still share one rendered result.
 */
export function forStaff(update: ComplaintUpdate, permissions: ReadonlySet<string>): ComplaintUpdate {
  const stored = update.complaint.storedView;
  if (!stored) return update;
  const key = [...permissions].sort().join(' ');
  let byPermissions = staffViews.get(update);
  if (!byPermissions) staffViews.set(update, (byPermissions = new Map<string, ComplaintUpdate>()));
  let view = byPermissions.get(key);
  if (!view) {
    view = { ...update, complaint: { ...update.complaint, lifecycle: ComplaintLifecycleType.from(narrowView(stored, Date.now(), [...permissions])) } };
    byPermissions.set(key, view);
  }
  return view;
}
