import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import type { ActorType } from '@complaints/tenant-config';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';
import { ActorTypeEnum } from './complaint.enums';

/** One line of a complaint's append-only timeline. */
@Entity({ tableName: 'complaint_events' })
@Unique({ properties: ['tenantId', 'dedupeKey'] })
@ObjectType('ComplaintEvent')
export class ComplaintEvent extends TenantScoped {
  /** Monotonic across the database: the cursor for timeline paging and live-update resume. */
  @Property({ type: 'bigint', autoincrement: true, persist: false })
  @Field(() => String)
  seq!: string;

  @Property({ type: 'uuid' })
  complaintId!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  kind!: string;

  @Property({ type: 'text' })
  @Field(() => ActorTypeEnum)
  actorType!: ActorType;

  @Property({ type: 'text', nullable: true })
  actorId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  actorName?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  fromValue?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  toValue?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => GraphQLJSONObject, { nullable: true })
  data?: Record<string, unknown> | null;

  /** Set by retried writers (workflow activities) so a retry never appends a second event. */
  @Property({ type: 'text', nullable: true })
  dedupeKey?: string | null;

  /** Whether the complainant may see this event in the portal. */
  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  customerVisible: Opt<boolean> = false;
}
