import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TimelineEntry } from '@complaints/tenant-config/lifecycle-contract';
import type { Row } from '../platform/db/sql-rows';
import { ComplaintEvent } from './complaint-event.entity';

const writers = new WeakSet<EntityManager>();

/** Whether this unit of work appended to a timeline, so live subscribers should be woken after commit. */
export const wroteTimeline = (em: EntityManager): boolean => writers.has(em);

/** For writers that insert timeline rows in SQL of their own: live subscribers are still woken after commit. */
export const noteTimelineWritten = (em: EntityManager): void => void writers.add(em);

/** Appends one event to a complaint's timeline (persisted with the caller's flush). */
export function appendEvent(em: EntityManager, entry: TimelineEntry & { complaintId: string }): ComplaintEvent {
  noteTimelineWritten(em);
  return em.create(ComplaintEvent, {
    complaintId: entry.complaintId,
    kind: entry.kind,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    fromValue: entry.from ?? null,
    toValue: entry.to ?? null,
    note: entry.note ?? null,
    data: entry.data ?? null,
    customerVisible: entry.customerVisible ?? false,
    dedupeKey: entry.dedupeKey ?? null,
  } as ComplaintEvent);
}

/** The `complaint_events` columns of an entry (complaint_id aside), for writers that batch their own SQL. */
export function timelineColumns(tenantId: string, at: Date, e: TimelineEntry): Row {
  return {
    id: [randomUUID(), 'uuid'],
    tenant_id: [tenantId, 'uuid'],
    kind: [e.kind, 'text'],
    actor_type: [e.actor.type, 'text'],
    actor_id: [e.actor.id, 'text'],
    actor_name: [e.actor.name, 'text'],
    from_value: [e.from ?? null, 'text'],
    to_value: [e.to ?? null, 'text'],
    note: [e.note ?? null, 'text'],
    data: [e.data ? JSON.stringify(e.data) : null, 'jsonb'],
    customer_visible: [e.customerVisible ?? false, 'boolean'],
    dedupe_key: [e.dedupeKey ?? null, 'text'],
    created_at: [at.toISOString(), 'timestamptz'],
  };
}
