import type { EntityManager } from '@mikro-orm/postgresql';
import { withTenant } from '../platform/db/tenant-scope';
import { notFound, unauthenticated } from '../platform/errors';
import { isUuid } from '../platform/ids';
import type { Permission } from '@complaints/tenant-config';
import { hasPermission, requirePermission } from '../platform/auth/permissions';
import type { LiveContext } from './live-context';
import { LiveSubscriber, type Visible } from './live-subscriber';
import type { QueueFeedFilter } from './live.types';
import { forPortal, forStaff } from './live-snapshots';
import { decodeCursor, type TimelineCursor } from './timeline-cursor';
import type { LiveEvent } from './timeline-tail';

const REPLAY_LIMIT = 1000;
const SLA_ALERT_KINDS = ['sla.reminder', 'sla.breached', 'supervisor.paged'];

const staffView =
  (permission: Permission): Visible =>
  (principal, update) =>
    hasPermission(principal, permission) && principal.kind !== 'anonymous' ? forStaff(update, principal.permissions) : null;

function replayer(root: EntityManager, tenantId: string, after: string | null | undefined, complaintId?: string) {
  if (!after) return undefined;
  const cursor = decodeCursor(after);
  return () => replay(root, tenantId, cursor, complaintId);
}

/** Missed events from the timeline, in the tail's order and below its horizon (see TimelineTail). */
function replay(root: EntityManager, tenantId: string, after: TimelineCursor, complaintId?: string): Promise<LiveEvent[]> {
  return withTenant(root, tenantId, async ({ em }) => {
    const rows = await em.execute<Record<string, string | boolean | null>[]>(
      `select e.tx_id::text as tx, e.seq::text as seq, e.complaint_id, e.kind, e.customer_visible,
              c.team_code, c.assignee_id, c.severity, c.stage
       from complaint_events e join complaints c on c.id = e.complaint_id
       where e.tenant_id = ? ${complaintId ? 'and e.complaint_id = ?' : ''}
         and (e.tx_id, e.seq) > (?::text::xid8, ?)
         and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
       order by e.tx_id, e.seq limit ${REPLAY_LIMIT}`,
      [tenantId, ...(complaintId ? [complaintId] : []), after.tx.toString(), after.seq.toString()],
    );
    return rows.map((r) => ({
      cursor: { tx: BigInt(r.tx as string), seq: BigInt(r.seq as string) },
      tenantId,
      complaintId: r.complaint_id as string,
      kind: r.kind as string,
      customerVisible: r.customer_visible as boolean,
      teamCode: r.team_code as string | null,
      assigneeId: r.assignee_id as string | null,
      severity: r.severity as string,
      stage: r.stage as string,
    }));
  });
}

function tenantOf(ctx: LiveContext): string {
  if (!('tenantId' in ctx.principal)) throw unauthenticated();
  return ctx.principal.tenantId;
}

/** One complaint's events, for staff who may read complaints and for that complaint's portal token. */
export async function complaintUpdates(ctx: LiveContext, id: string, after?: string | null): Promise<LiveSubscriber> {
  const tenantId = tenantOf(ctx);
  const principal = ctx.principal;
  if (principal.kind === 'portal') {
    if (principal.complaintId !== id) throw notFound('Complaint');
  } else {
    requirePermission(principal, 'complaint.read');
    const exists = isUuid(id) && (await ctx.live.complaints.load(tenantId, id)) === true;
    if (!exists) throw notFound('Complaint');
  }
  const staff = staffView('complaint.read');
  const visible: Visible = (p, update) => (p.kind === 'portal' ? forPortal(update) : staff(p, update));
  return new LiveSubscriber(ctx, {
    tenantId,
    complaintId: id,
    accepts: (e) => e.complaintId === id,
    visible,
    replay: replayer(ctx.live.root, tenantId, after, id),
  });
}

/** A staff work queue: every event of complaints matching the filter. */
export function queueUpdates(ctx: LiveContext, filter: QueueFeedFilter | null | undefined, after?: string | null): LiveSubscriber {
  const tenantId = tenantOf(ctx);
  requirePermission(ctx.principal, 'complaint.read');
  const f = filter ?? {};
  const accepts = (e: LiveEvent) =>
    (!f.teamCodes?.length || (e.teamCode !== null && f.teamCodes.includes(e.teamCode))) &&
    (!f.assigneeId || e.assigneeId === f.assigneeId) &&
    (!f.severities?.length || f.severities.includes(e.severity)) &&
    (!f.stages?.length || (f.stages as readonly string[]).includes(e.stage));
  return new LiveSubscriber(ctx, { tenantId, accepts, visible: staffView('complaint.read'), replay: replayer(ctx.live.root, tenantId, after) });
}

/** SLA reminders, breaches and pages, for those who take escalations. */
export function slaAlerts(ctx: LiveContext, after?: string | null): LiveSubscriber {
  const tenantId = tenantOf(ctx);
  requirePermission(ctx.principal, 'complaint.approve');
  return new LiveSubscriber(ctx, {
    tenantId,
    accepts: (e) => SLA_ALERT_KINDS.includes(e.kind),
    visible: staffView('complaint.approve'),
    replay: replayer(ctx.live.root, tenantId, after),
  });
}
