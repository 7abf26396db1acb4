import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ComplaintType } from '../complaint/complaint.types';
import type { ComplaintStatus } from '../complaint/complaint-status';
import { ComplaintStageEnum, ComplaintStatusEnum } from '../complaint/complaint.enums';
import { CompensationTypeEnum, LifecycleActionEnum } from './lifecycle.enums';
import type { CompensationType, LifecycleAction, LifecycleView, StageCode } from '@complaints/tenant-config/lifecycle-contract';

@ObjectType('ComplaintLifecycle', { description: "The live state of a complaint's workflow" })
export class ComplaintLifecycleType implements Omit<
  LifecycleView,
  'stageStartedAt' | 'stageDueAt' | 'nextReminderAt' | 'waitingOnCustomerSince' | 'autoCloseAt' | 'followUpAt' | 'reopenUntil'
> {
  @Field(() => ComplaintStageEnum)
  stage!: StageCode;

  @Field(() => ComplaintStatusEnum)
  status!: ComplaintStatus;

  @Field(() => Int)
  round!: number;

  @Field(() => Boolean)
  acknowledged!: boolean;

  @Field(() => Date, { nullable: true })
  stageStartedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  stageDueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  nextReminderAt!: Date | null;

  @Field(() => Boolean)
  breached!: boolean;

  @Field(() => Boolean, { description: 'True while the complaint waits on the customer: no SLA runs' })
  clockPaused!: boolean;

  @Field(() => Date, { nullable: true })
  waitingOnCustomerSince!: Date | null;

  @Field(() => Date, { nullable: true })
  autoCloseAt!: Date | null;

  @Field(() => Date, { nullable: true })
  followUpAt!: Date | null;

  @Field(() => Date, { nullable: true })
  reopenUntil!: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the current solution needed approval; null before one is proposed' })
  approvalRequired!: boolean | null;

  @Field(() => Boolean)
  managementReview!: boolean;

  @Field(() => Int)
  configVersion!: number;

  @Field(() => [LifecycleActionEnum], { description: 'What the caller may do now' })
  allowedActions!: LifecycleAction[];

  static from(view: LifecycleView): ComplaintLifecycleType {
    const date = (v: string | null) => (v === null ? null : new Date(v));
    return Object.assign(new ComplaintLifecycleType(), {
      ...view,
      stageStartedAt: date(view.stageStartedAt),
      stageDueAt: date(view.stageDueAt),
      nextReminderAt: date(view.nextReminderAt),
      waitingOnCustomerSince: date(view.waitingOnCustomerSince),
      autoCloseAt: date(view.autoCloseAt),
      followUpAt: date(view.followUpAt),
      reopenUntil: date(view.reopenUntil),
    });
  }
}

@ObjectType('LifecycleActionPayload')
export class LifecycleActionPayload {
  @Field(() => ComplaintType)
  complaint!: ComplaintType;

  @Field(() => ComplaintLifecycleType)
  lifecycle!: ComplaintLifecycleType;
}

@InputType('ProposeSolutionInput')
export class ProposeSolutionInput {
  @Field(() => String)
  text!: string;

  @Field(() => CompensationTypeEnum)
  compensationType!: CompensationType;

  @Field(() => String, { description: 'Decimal amount in the approval currency, e.g. "150.00"; "0" when none' })
  compensationAmount!: string;
}

@InputType('CustomerResponseInput')
export class CustomerResponseInput {
  @Field(() => Boolean)
  accepted!: boolean;

  @Field(() => Int, { nullable: true, description: '1 (very unhappy) to 5 (very happy); required when accepted' })
  rating?: number | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;

  @Field(() => String, { nullable: true, description: 'Required when not accepted' })
  reason?: string | null;
}
