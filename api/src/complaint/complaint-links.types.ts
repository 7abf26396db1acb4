import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Complaint } from './complaint.entity';

export enum ComplaintLinkKind {
  REPEAT = 'REPEAT',
  DUPLICATE = 'DUPLICATE',
  MERGED_INTO = 'MERGED_INTO',
}
registerEnumType(ComplaintLinkKind, { name: 'ComplaintLinkKind' });

@ObjectType('ComplaintLink', { description: 'A repeat/duplicate flagged at intake, or a merge; `outgoing` when this complaint is the later/merged one' })
export class ComplaintLinkType {
  @Field(() => ComplaintLinkKind)
  kind!: ComplaintLinkKind;

  @Field(() => Boolean)
  outgoing!: boolean;

  @Field(() => Complaint)
  other!: Complaint;

  @Field(() => Float, { nullable: true })
  similarity!: number | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('MergeResult')
export class MergeResultType {
  @Field(() => Complaint)
  kept!: Complaint;

  @Field(() => Complaint)
  merged!: Complaint;

  @Field(() => Boolean, { description: 'Whether the merged complaint’s lifecycle was archived (only possible from follow-up today)' })
  lifecycleArchived!: boolean;
}
