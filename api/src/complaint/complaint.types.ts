import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Complaint } from './complaint.entity';
import type { ComplaintPage } from './complaint-list.query';

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

  @Field(() => Complaint)
  node!: Complaint;
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
  @Field(() => Complaint)
  complaint!: Complaint;

  @Field(() => Boolean, { description: 'False when the idempotency key returned an earlier submission' })
  created!: boolean;
}
