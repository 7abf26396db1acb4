import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import type { Channel, StageCode } from '@complaints/tenant-config';
import type { ComplaintStatus } from './complaint-status';
import { ComplaintStatusEnum } from './complaint.enums';
import { ChannelEnum, ComplaintStageEnum } from './complaint.enums';

@InputType()
export class CustomerInput {
  @Field(() => String, { nullable: true, description: "The tenant's own customer id; the same id updates the same customer" })
  externalId?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'A customer tier code from the tenant configuration' })
  tier?: string | null;
}

@InputType()
export class ContactInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType()
export class SubmitComplaintInput {
  @Field(() => String, { description: 'phone, chat, email, social, store, app, web or api' })
  channel!: string;

  @Field(() => String, { nullable: true })
  categoryCode?: string | null;

  @Field(() => String, { nullable: true, description: "Defaults to the category's default severity; the tenant's risk rules may raise it" })
  severity?: string | null;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  description!: string;

  @Field(() => CustomerInput, { nullable: true, description: 'A known customer; omit for an anonymous complaint' })
  customer?: CustomerInput | null;

  @Field(() => ContactInput, { nullable: true, description: 'How to reach an anonymous complainant' })
  contact?: ContactInput | null;

  @Field(() => String, { nullable: true })
  productRef?: string | null;

  @Field(() => String, { nullable: true })
  orderRef?: string | null;

  @Field(() => String, { nullable: true })
  expectedResolution?: string | null;

  @Field(() => String, { nullable: true, description: 'A decimal amount such as "199.00"' })
  amountClaimed?: string | null;

  @Field(() => String, { nullable: true, description: 'zh-CN or en; the language of messages to the complainant, detected from the text when omitted' })
  locale?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Evidence from uploadAttachment (at most 10): the complaint is filed with all of it or not at all',
  })
  attachmentIds?: string[] | null;
}

@InputType()
export class ComplaintFilter {
  @Field(() => [ComplaintStageEnum], { nullable: true })
  stages?: StageCode[] | null;

  @Field(() => [ComplaintStatusEnum], { nullable: true })
  statuses?: ComplaintStatus[] | null;

  @Field(() => [String], { nullable: true })
  severities?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Matches the category and its whole subtree' })
  categoryCode?: string | null;

  @Field(() => [ChannelEnum], { nullable: true })
  channels?: Channel[] | null;

  @Field(() => ID, { nullable: true })
  assigneeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only unassigned complaints' })
  unassigned?: boolean | null;

  @Field(() => String, { nullable: true })
  teamCode?: string | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => Date, { nullable: true })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  createdTo?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Open complaints whose stage deadline has passed' })
  overdue?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Text in the subject or description' })
  text?: string | null;
}

export enum ComplaintSortField {
  CREATED_AT = 'created_at',
  UPDATED_AT = 'updated_at',
  PRIORITY = 'priority',
}
registerEnumType(ComplaintSortField, { name: 'ComplaintSortField' });

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType()
export class ComplaintOrder {
  @Field(() => ComplaintSortField)
  field: ComplaintSortField = ComplaintSortField.CREATED_AT;

  @Field(() => SortDirection)
  direction: SortDirection = SortDirection.DESC;
}
