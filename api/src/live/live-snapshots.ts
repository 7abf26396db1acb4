import type { EntityManager } from '@mikro-orm/postgresql';
import { withTenant } from '../platform/db/tenant-scope';
import type { ComplaintStatus } from '../complaint/complaint.entity';
import { encodeCursor, type TimelineCursor } from './timeline-cursor';
import type { LiveEvent } from './timeline-tail';
import type { ComplaintUpdate } from './live.types';

const CACHE_LIMIT = 2000;

interface SnapshotRow {
  id: string;
  kind: string;
  actor_type: string;
  actor_name: string | null;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
  customer_visible: boolean;
  created_at: Date;
  complaint_id: string;
  number: string;
  stage: string;
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
}

/**
 * Loads the staff view of an event once per process, however many subscribers receive it: one
 * queue event fanned out to 10,000 sockets costs one query, not 10,000.
 */
export class LiveSnapshots {
  private readonly cache = new Map<string, Promise<ComplaintUpdate | null>>();

  constructor(private readonly root: EntityManager) {}

  load(event: LiveEvent): Promise<ComplaintUpdate | null> {
    const key = `${event.cursor.tx}.${event.cursor.seq}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = this.fetch(event.tenantId, event.cursor);
      this.cache.set(key, pending);
      if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    }
    return pending;
  }

  private fetch(tenantId: string, cursor: TimelineCursor): Promise<ComplaintUpdate | null> {
    return withTenant(this.root, tenantId, async (em) => {
      const [row] = await em.execute<SnapshotRow[]>(
        `select e.id, e.kind, e.actor_type, e.actor_name, e.from_value, e.to_value, e.note, e.customer_visible, e.created_at,
                c.id as complaint_id, c.number, c.stage, c.status, c.severity, c.priority, c.round, c.subject,
                c.team_code, c.assignee_id, u.display_name as assignee_name, c.stage_due_at, c.updated_at
         from complaint_events e
         join complaints c on c.id = e.complaint_id
         left join users u on u.id = c.assignee_id
         where e.tx_id = ?::text::xid8 and e.seq = ?`,
        [cursor.tx.toString(), cursor.seq.toString()],
      );
      return row ? toUpdate(row, cursor) : null;
    });
  }
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
    },
  };
}

/** The portal sees only customer-visible events, and no staff names or internal routing. */
export function forPortal(update: ComplaintUpdate): ComplaintUpdate | null {
  if (!update.event.customerVisible) return null;
  return {
    cursor: update.cursor,
    event: { ...update.event, actorName: update.event.actorType === 'customer' ? update.event.actorName : null },
    complaint: { ...update.complaint, teamCode: null, assigneeId: null, assigneeName: null },
  };
}
