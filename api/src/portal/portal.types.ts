import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { StageCode } from '@complaints/tenant-config';
import { ComplaintStageEnum } from '../complaint/complaint.enums';
import type { ComplaintStatus } from '../complaint/complaint-status';
import { ComplaintStatusEnum } from '../complaint/complaint.enums';
import { ContactInput } from '../complaint/complaint.inputs';

@InputType({ description: 'What a complainant fills in on the public portal' })
export class PortalComplaintInput {
  @Field(() => String) subject!: string;
  @Field(() => String) description!: string;
  @Field(() => ContactInput, { description: 'An email or phone is required: it is how the complaint is tracked' }) contact!: ContactInput;
  @Field(() => String, { nullable: true }) categoryCode?: string | null;
  @Field(() => String, { nullable: true }) productRef?: string | null;
  @Field(() => String, { nullable: true }) orderRef?: string | null;
  @Field(() => String, { nullable: true }) expectedResolution?: string | null;
  @Field(() => String, { nullable: true }) amountClaimed?: string | null;
  @Field(() => String, { nullable: true }) locale?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Evidence from portalUploadAttachment (at most 10), filed with the complaint' })
  attachmentIds?: string[] | null;
}

@ObjectType({ description: 'A short-lived credential for one complaint: send it as `Authorization: Bearer <token>`' })
export class PortalSession {
  @Field(() => String) token!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => String) number!: string;
  @Field(() => ID, { description: 'For complaintUpdated(id)' }) complaintId!: string;
}

@ObjectType({ description: 'What a portal page shows before anyone signs in' })
export class PortalInfo {
  @Field(() => String) tenantName!: string;
  @Field(() => String) defaultLocale!: string;
}

@ObjectType()
export class PortalTimelineEntry {
  @Field(() => String) kind!: string;
  @Field(() => String, { nullable: true }) toValue!: string | null;
  @Field(() => String, { nullable: true, description: 'Text written for the complainant, e.g. the proposed solution' }) note!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class PortalMessage {
  @Field(() => String, { description: 'customer or staff' }) from!: string;
  @Field(() => String) body!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: 'The solution put to the complainant, as the feedback stage sent it' })
export class PortalSolution {
  @Field(() => String) text!: string;
  @Field(() => String, { description: 'none, refund, voucher, replacement, repair or other' }) compensationType!: string;
  @Field(() => Number, { description: 'In `currency`; 0 when there is no compensation' }) compensationAmount!: number;
  @Field(() => String) currency!: string;
  @Field(() => String, { nullable: true, description: 'The message sent with the solution' }) message!: string | null;
  @Field(() => Date) sentAt!: Date;
}

@ObjectType({ description: 'The complainant’s view: no internal notes, staff names or routing' })
export class PortalComplaintView {
  @Field(() => ID) id!: string;
  @Field(() => String) number!: string;
  @Field(() => String) subject!: string;
  @Field(() => ComplaintStageEnum) stage!: StageCode;
  @Field(() => ComplaintStatusEnum) status!: ComplaintStatus;
  @Field(() => Number) round!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) stageDueAt!: Date | null;
  @Field(() => [PortalTimelineEntry]) timeline!: PortalTimelineEntry[];
  @Field(() => [PortalMessage]) messages!: PortalMessage[];
  @Field(() => PortalSolution, { nullable: true, description: 'The latest solution sent to the complainant (the one to accept or reject)' })
  solution!: PortalSolution | null;
}
