import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import type { Channel, StageCode } from '@complaints/tenant-config';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';
import { ComplaintStatus } from './complaint-status';

/** How to reach a complainant who is anonymous or not (yet) a known customer. */
interface ComplainantContact {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

@Entity({ tableName: 'complaints' })
@Unique({ properties: ['tenantId', 'number'] })
@Unique({ properties: ['tenantId', 'idempotencyKey'] })
export class Complaint extends TenantScoped {
  /** Human-readable and unique per tenant, e.g. CP-20261122-000042. */
  @Property({ type: 'text' })
  number!: string;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  /** Hash of the submitted input: a reused idempotency key with different input is a conflict. */
  @Property({ type: 'text', nullable: true, hidden: true })
  requestHash?: string | null;

  @Property({ type: 'text' })
  channel!: Channel;

  @Property({ type: 'text', nullable: true })
  categoryCode?: string | null;

  @Property({ type: 'text' })
  severity!: string;

  /** Higher is more urgent; raised on escalation. */
  @Property({ type: 'int' })
  priority: Opt<number> = 0;

  @Property({ type: 'text' })
  stage!: StageCode;

  @Property({ type: 'text' })
  status: Opt<ComplaintStatus> = ComplaintStatus.OPEN;

  @Property({ type: 'uuid', nullable: true })
  customerId?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  contact?: ComplainantContact | null;

  @Property({ type: 'boolean' })
  anonymous: Opt<boolean> = false;

  @Property({ type: 'text' })
  locale: Opt<string> = 'zh-CN';

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'text', nullable: true })
  productRef?: string | null;

  @Property({ type: 'text', nullable: true })
  orderRef?: string | null;

  @Property({ type: 'text', nullable: true })
  expectedResolution?: string | null;

  /** Money as a decimal string, never a float. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  amountClaimed?: string | null;

  @Property({ type: 'uuid', nullable: true })
  assigneeId?: string | null;

  @Property({ type: 'text', nullable: true })
  teamCode?: string | null;

  @Property({ type: 'int' })
  round: Opt<number> = 1;

  @Property({ type: 'int', nullable: true })
  satisfaction?: number | null;

  /** The tenant configuration version in force at intake. */
  @Property({ type: 'int' })
  configVersion!: number;

  @Property({ type: 'timestamptz', nullable: true })
  stageStartedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  stageDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  firstResponseDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  firstRespondedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  resolutionDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
