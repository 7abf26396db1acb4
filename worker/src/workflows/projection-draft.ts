import type { Actor, ComplaintPatch, NotificationWrite, Projection, RecipientKind, TimelineEntry } from '@complaints/tenant-config/lifecycle-contract';

/** What a draft needs from the lifecycle: whose complaint it is and the next dedupe key. */
export interface DraftOwner {
  readonly tenantId: string;
  readonly complaintId: string;
  nextKey(): string;
}

/** Collects what one transition writes; every event and notification gets the next dedupe sequence. */
export class ProjectionDraft {
  readonly patch: ComplaintPatch = {};
  readonly events: Projection['events'] = [];
  readonly notifications: NotificationWrite[] = [];
  constructor(private readonly owner: DraftOwner) {}

  event(kind: string, actor: Actor, fields: Omit<TimelineEntry, 'kind' | 'actor' | 'dedupeKey'> = {}): this {
    this.events.push({ kind, actor, ...fields, dedupeKey: this.owner.nextKey() });
    return this;
  }

  notify(kind: string, recipientKind: RecipientKind, recipient: string | null, data: Record<string, unknown> = {}): this {
    this.notifications.push({ kind, recipientKind, recipient, data, dedupeKey: this.owner.nextKey() });
    return this;
  }

  build(): Projection {
    return { tenantId: this.owner.tenantId, complaintId: this.owner.complaintId, patch: this.patch, events: this.events, notifications: this.notifications };
  }
}
