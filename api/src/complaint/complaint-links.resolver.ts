import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Complaint } from './complaint.entity';
import { ComplaintType } from './complaint.types';
import { tenantPrincipal, type RequestContext } from '../app/context';
import { Cost, SERVICE_CALL_COST } from '../platform/graphql/query-cost';
import { ComplaintLinkType, MergeResultType } from './complaint-links.types';
import { linksOf, mergeComplaints } from './complaint-merge';

@Resolver(() => ComplaintType)
export class ComplaintLinksResolver {
  @FieldResolver(() => [ComplaintLinkType], { description: 'Repeats and duplicates flagged at intake, and merges' })
  links(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<ComplaintLinkType[]> {
    return linksOf(ctx.tenant(), complaint.id);
  }

  @Authorized('complaint.handle')
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => MergeResultType, { description: 'Merges a duplicate into the complaint that is kept; both timelines note it' })
  mergeComplaints(
    @Arg('duplicateId', () => ID) duplicateId: string,
    @Arg('keepId', () => ID) keepId: string,
    @Ctx() ctx: RequestContext,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<MergeResultType> {
    return mergeComplaints(ctx.tenant(), tenantPrincipal(ctx), ctx.services, duplicateId, keepId, note ?? null);
  }
}
