import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import type { ActorType } from '@complaints/tenant-config';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/** One line of a complaint's append-only timeline. */
@Entity({ tableName: 'complaint_events' })
@Unique({ properties: ['tenantId', 'dedupeKey'] })
export class ComplaintEvent extends TenantScoped {
  /** Monotonic across the database: the cursor for timeline paging and live-update resume. */
  @Property({ type: 'bigint', autoincrement: true, persist: false })
  seq!: string;

  @Property({ type: 'uuid' })
  complaintId!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  actorType!: ActorType;

  @Property({ type: 'text', nullable: true })
  actorId?: string | null;

  @Property({ type: 'text', nullable: true })
  actorName?: string | null;

  @Property({ type: 'text', nullable: true })
  fromValue?: string | null;

  @Property({ type: 'text', nullable: true })
  toValue?: string | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  data?: Record<string, unknown> | null;

  /** Set by retried writers (workflow activities) so a retry never appends a second event. */
  @Property({ type: 'text', nullable: true })
  dedupeKey?: string | null;

  /** Whether the complainant may see this event in the portal. */
  @Property({ type: 'boolean' })
  customerVisible: Opt<boolean> = false;
}
