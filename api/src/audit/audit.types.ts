import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageInfo } from '../complaint/complaint.types';
import { closedSetEnum } from '../platform/graphql/closed-set-enum';
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES, type AuditAction, type AuditActorType } from './audit-actions';

export const AuditActionEnum = closedSetEnum(AUDIT_ACTIONS, 'AuditAction');
export const AuditActorTypeEnum = closedSetEnum(AUDIT_ACTOR_TYPES, 'AuditActorType');

@ObjectType('AuditActor')
export class AuditActorView {
  @Field(() => AuditActorTypeEnum)
  type!: AuditActorType;

  @Field(() => ID, { nullable: true })
  id!: string | null;

  @Field(() => String, { nullable: true, description: 'Display name, key name or operator email at the time' })
  name!: string | null;
}

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID)
  id!: string;

  @Field(() => Date, { description: 'When the action happened' })
  at!: Date;

  @Field(() => AuditActorView)
  actor!: AuditActorView;

  @Field(() => AuditActionEnum)
  action!: AuditAction;

  @Field(() => String)
  targetType!: string;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  after!: Record<string, unknown> | null;
}

@ObjectType()
export class AuditEntryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntryType)
  node!: AuditEntryType;
}

@ObjectType()
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class AuditFilterInput {
  @Field(() => [AuditActionEnum], { nullable: true })
  actions?: AuditAction[] | null;

  @Field(() => AuditActorTypeEnum, { nullable: true })
  actorType?: AuditActorType | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'tenant, tenant_config_version, user, api_key, webhook_subscription, knowledge_article' })
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Inclusive' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Exclusive' })
  to?: Date | null;
}
