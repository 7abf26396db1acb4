import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { ComplaintType } from './complaint.types';

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

  @Field(() => ComplaintType)
  other!: ComplaintType;

  @Field(() => Float, { nullable: true })
  similarity!: number | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('MergeResult')
export class MergeResultType {
  @Field(() => ComplaintType)
  kept!: ComplaintType;

  @Field(() => ComplaintType)
  merged!: ComplaintType;

  @Field(() => Boolean, {
    description:
      'Whether the merged complaint’s lifecycle workflow was told to archive it and end (it does so right after); false when the lifecycle service could not be reached',
  })
  lifecycleArchived!: boolean;
}
