import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../complaint/complaint.types';
import { closedSetEnum } from '../platform/graphql/closed-set-enum';
import { TENANT_STATUSES } from '../tenant/tenant.entity';
import { TENANT_TEMPLATES, type TenantTemplate } from './tenant-provisioning.service';

export const TenantStatusEnum = closedSetEnum(TENANT_STATUSES, 'TenantStatus');

const TEMPLATE_NAMES = Object.keys(TENANT_TEMPLATES) as TenantTemplate[];
export const TenantTemplateEnum = Object.fromEntries(TEMPLATE_NAMES.map((t) => [t, t])) as { [K in TenantTemplate]: K };
registerEnumType(TenantTemplateEnum, { name: 'TenantTemplate', description: 'The industry template a new tenant starts from' });

@ObjectType()
export class PlatformOperatorType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;
}

@ObjectType()
export class OperatorAuthPayload {
  @Field(() => String, { description: 'Goes in `Authorization: Bearer <accessToken>`; reaches operator operations only' })
  accessToken!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => PlatformOperatorType)
  operator!: PlatformOperatorType;
}

@ObjectType('Plan')
export class PlanType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  staffSeats!: number;

  @Field(() => Int)
  complaintsPerMonth!: number;

  @Field(() => Int)
  apiRequestsPerMinute!: number;

  @Field(() => Int)
  attachmentStorageMb!: number;

  @Field(() => Int)
  webhookSubscriptions!: number;
}

@ObjectType()
export class TenantUsage {
  @Field(() => Int, { description: 'Active staff users' })
  staffCount!: number;

  @Field(() => Int)
  complaintCount!: number;

  @Field(() => Int)
  openComplaintCount!: number;
}

@ObjectType()
export class OperatorTenant {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  displayNameZh!: string | null;

  @Field(() => String, { nullable: true })
  displayNameEn!: string | null;

  @Field(() => TenantStatusEnum)
  status!: string;

  @Field(() => String)
  planCode!: string;

  @Field(() => String, { nullable: true })
  industryTemplate!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  statusChangedAt!: Date | null;

  @Field(() => TenantUsage)
  usage!: TenantUsage;

  @Field(() => Date, { nullable: true, description: 'The latest complaint change or audited action' })
  lastActivityAt!: Date | null;
}

@ObjectType()
export class OperatorTenantEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => OperatorTenant)
  node!: OperatorTenant;
}

@ObjectType()
export class OperatorTenantConnection {
  @Field(() => [OperatorTenantEdge])
  edges!: OperatorTenantEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class OperatorTenantFilter {
  @Field(() => String, { nullable: true, description: 'Part of the slug or a display name' })
  search?: string | null;

  @Field(() => TenantStatusEnum, { nullable: true })
  status?: (typeof TENANT_STATUSES)[number] | null;
}

@InputType()
export class CreateTenantInput {
  @Field(() => String)
  slug!: string;

  @Field(() => String)
  displayNameZh!: string;

  @Field(() => String)
  displayNameEn!: string;

  @Field(() => String, { description: 'IANA time zone, e.g. Asia/Shanghai' })
  timeZone!: string;

  @Field(() => String, { description: 'zh-CN or en' })
  locale!: string;

  @Field(() => TenantTemplateEnum)
  template!: TenantTemplate;

  @Field(() => String, { nullable: true, description: 'Default: standard' })
  planCode?: string | null;

  @Field(() => String)
  adminEmail!: string;

  @Field(() => String)
  adminName!: string;
}

@ObjectType()
export class AcceptedInvitationType {
  @Field(() => String, { description: 'Sign in with this slug, the email and the new password' })
  tenantSlug!: string;

  @Field(() => String)
  email!: string;
}
