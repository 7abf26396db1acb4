import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { ActorType, StageCode } from '@complaints/tenant-config';
import { ActorTypeEnum, ComplaintStageEnum } from '../complaint/complaint.enums';
import type { ComplaintStatus } from '../complaint/complaint-status';
import { ComplaintStatusEnum } from '../complaint/complaint.enums';
import type { LifecycleView } from '@complaints/tenant-config/lifecycle-contract';
import { ComplaintLifecycleType } from '../lifecycle/lifecycle.types';

/** A complaint as a live subscriber sees it: loaded once per event, shared by every subscriber. */
@ObjectType()
export class LiveComplaint {
  @Field(() => ID) id!: string;
  @Field(() => String) number!: string;
  @Field(() => ComplaintStageEnum) stage!: StageCode;
  @Field(() => ComplaintStatusEnum) status!: ComplaintStatus;
  @Field(() => String) severity!: string;
  @Field(() => Int) priority!: number;
  @Field(() => Int) round!: number;
  @Field(() => String) subject!: string;
  @Field(() => String, { nullable: true, description: 'Hidden from portal subscribers' }) teamCode!: string | null;
  @Field(() => ID, { nullable: true, description: 'Hidden from portal subscribers' }) assigneeId!: string | null;
  @Field(() => String, { nullable: true, description: 'Hidden from portal subscribers' }) assigneeName!: string | null;
  @Field(() => Date, { nullable: true }) stageDueAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => ComplaintLifecycleType, {
    nullable: true,
    description: "The lifecycle as this event left it, with the actions this subscriber may take (the portal: the customer's own)",
  })
  lifecycle!: ComplaintLifecycleType | null;
  /** The view the workflow stored, before narrowing to a subscriber; not part of the schema. */
  storedView!: LifecycleView | null;
}

@ObjectType()
export class LiveTimelineEntry {
  @Field(() => ID) id!: string;
  @Field(() => String) kind!: string;
  @Field(() => ActorTypeEnum) actorType!: ActorType;
  @Field(() => String, { nullable: true, description: 'Staff names are hidden from portal subscribers' }) actorName!: string | null;
  @Field(() => String, { nullable: true }) fromValue!: string | null;
  @Field(() => String, { nullable: true }) toValue!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Boolean) customerVisible!: boolean;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: 'One timeline event and the state of its complaint; `cursor` resumes a subscription after it' })
export class ComplaintUpdate {
  @Field(() => String) cursor!: string;
  @Field(() => LiveTimelineEntry) event!: LiveTimelineEntry;
  @Field(() => LiveComplaint) complaint!: LiveComplaint;
}

@InputType()
export class QueueFeedFilter {
  @Field(() => [String], { nullable: true }) teamCodes?: string[] | null;
  @Field(() => ID, { nullable: true }) assigneeId?: string | null;
  @Field(() => [String], { nullable: true }) severities?: string[] | null;
  @Field(() => [ComplaintStageEnum], { nullable: true }) stages?: StageCode[] | null;
}
