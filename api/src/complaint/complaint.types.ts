import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Channel, StageCode } from '@complaints/tenant-config';
import { TenantScopedType } from '../platform/graphql/tenant-scoped.types';
import type { ComplaintPage } from './complaint-list.query';
import type { ComplaintStatus } from './complaint-status';
import { ChannelEnum, ComplaintStageEnum, ComplaintStatusEnum } from './complaint.enums';

/** How to reach a complainant who is anonymous or not (yet) a known customer. */
@ObjectType('ComplainantContact')
export class ComplainantContactType {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

/**
 * A complaint over GraphQL. Resolvers return `Complaint` entities as it, uncopied (the list is a hot read
 * path); the compiler checks the entity has every field declared here.
 */
@ObjectType('Complaint')
export class ComplaintType extends TenantScopedType {
  @Field(() => String)
  number!: string;

  @Field(() => ChannelEnum)
  channel!: Channel;

  @Field(() => String, { nullable: true })
  categoryCode?: string | null;

  @Field(() => String)
  severity!: string;

  @Field(() => Int)
  priority!: number;

  @Field(() => ComplaintStageEnum)
  stage!: StageCode;

  @Field(() => ComplaintStatusEnum)
  status!: ComplaintStatus;

  @Field(() => ComplainantContactType, { nullable: true })
  contact?: ComplainantContactType | null;

  @Field(() => Boolean)
  anonymous!: boolean;

  @Field(() => String)
  locale!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { nullable: true })
  productRef?: string | null;

  @Field(() => String, { nullable: true })
  orderRef?: string | null;

  @Field(() => String, { nullable: true })
  expectedResolution?: string | null;

  @Field(() => String, { nullable: true })
  amountClaimed?: string | null;

  @Field(() => String, { nullable: true })
  teamCode?: string | null;

  @Field(() => Int)
  round!: number;

  @Field(() => Int, { nullable: true })
  satisfaction?: number | null;

  @Field(() => Int)
  configVersion!: number;

  @Field(() => Date, { nullable: true })
  stageStartedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  stageDueAt?: Date | null;

  @Field(() => Date, { nullable: true })
  firstResponseDueAt?: Date | null;

  @Field(() => Date, { nullable: true })
  firstRespondedAt?: Date | null;

  @Field(() => Date, { nullable: true })
  resolutionDueAt?: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt?: Date | null;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class ComplaintEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ComplaintType)
  node!: ComplaintType;
}

@ObjectType()
export class ComplaintConnection {
  @Field(() => [ComplaintEdge])
  edges: ComplaintEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  constructor(private readonly page: ComplaintPage) {
    this.edges = page.nodes.map((node) => ({ cursor: page.cursorOf(node), node }));
    this.pageInfo = { hasNextPage: page.hasNextPage, endCursor: this.edges.at(-1)?.cursor ?? null };
  }

  /** Counted only when asked for: a count over a large tenant costs more than the page itself. */
  @Field(() => Int)
  totalCount(): Promise<number> {
    return this.page.totalCount();
  }
}

@ObjectType('Category')
export class CategoryRef {
  @Field(() => String)
  code!: string;

  @Field(() => GraphQLJSONObject)
  name!: Record<string, string>;
}

@ObjectType()
export class SubmitComplaintPayload {
  @Field(() => ComplaintType)
  complaint!: ComplaintType;

  @Field(() => Boolean, { description: 'False when the idempotency key returned an earlier submission' })
  created!: boolean;
}
