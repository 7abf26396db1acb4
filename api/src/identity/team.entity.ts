import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Entity, Property, Unique } from '@mikro-orm/core';
import type { LocalizedText } from '@complaints/tenant-config';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/**
 * Teams are defined in the tenant configuration (so routing rules can be validated against them);
 * this table mirrors them for joins and membership queries, and is rewritten on every config version.
 */
@Entity({ tableName: 'teams' })
@Unique({ properties: ['tenantId', 'code'] })
@ObjectType('Team')
export class Team extends TenantScoped {
  @Field(() => String)
  @Property({ type: 'text' })
  code!: string;

  @Field(() => GraphQLJSONObject)
  @Property({ type: 'jsonb' })
  name!: LocalizedText;
}
