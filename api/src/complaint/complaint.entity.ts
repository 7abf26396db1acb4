import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import type { Channel, StageCode } from '@complaints/tenant-config';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';
import { ChannelEnum, ComplaintStageEnum, ComplaintStatus } from './complaint.enums';

export { ComplaintStatus };

/** How to reach a complainant who is anonymous or not (yet) a known customer. */
@ObjectType('ComplainantContact')
export class ComplainantContactType {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@Entity({ tableName: 'complaints' })
@Unique({ properties: ['tenantId', 'number'] })
@Unique({ properties: ['tenantId', 'idempotencyKey'] })
@ObjectType('Complaint')
export class Complaint extends TenantScoped {
  /** Human-readable and unique per tenant, e.g. CP-20261122-000042. */
  @Property({ type: 'text' })
  @Field(() => String)
  number!: string;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  /** Hash of the submitted input: a reused idempotency key with different input is a conflict. */
  @Property({ type: 'text', nullable: true, hidden: true })
  requestHash?: string | null;

  @Property({ type: 'text' })
  @Field(() => ChannelEnum)
  channel!: Channel;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  categoryCode?: string | null;

  @Property({ type: 'text' })
  @Field(() => String)
  severity!: string;

  /** Higher is more urgent; raised on escalation. */
  @Property({ type: 'int' })
  @Field(() => Int)
  priority: Opt<number> = 0;

  @Property({ type: 'text' })
  @Field(() => ComplaintStageEnum)
  stage!: StageCode;

  @Property({ type: 'text' })
  @Field(() => ComplaintStatus)
  status: Opt<ComplaintStatus> = ComplaintStatus.OPEN;

  @Property({ type: 'uuid', nullable: true })
  customerId?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => ComplainantContactType, { nullable: true })
  contact?: ComplainantContactType | null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  anonymous: Opt<boolean> = false;

  @Property({ type: 'text' })
  @Field(() => String)
  locale: Opt<string> = 'zh-CN';

  @Property({ type: 'text' })
  @Field(() => String)
  subject!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  description!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  productRef?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  orderRef?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  expectedResolution?: string | null;

  /** Money as a decimal string, never a float. */
  @Property({ type: 'decimal', precision: 14, scale: 2, nullable: true })
  @Field(() => String, { nullable: true })
  amountClaimed?: string | null;

  @Property({ type: 'uuid', nullable: true })
  assigneeId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  teamCode?: string | null;

  @Property({ type: 'int' })
  @Field(() => Int)
  round: Opt<number> = 1;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true })
  satisfaction?: number | null;

  /** The tenant configuration version in force at intake. */
  @Property({ type: 'int' })
  @Field(() => Int)
  configVersion!: number;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  stageStartedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  stageDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  firstResponseDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  firstRespondedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  resolutionDueAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Opt<Date> = new Date();
}
