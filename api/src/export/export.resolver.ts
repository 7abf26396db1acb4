import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ComplaintFilter } from '../complaint/complaint.inputs';
import { tenantPrincipal, type RequestContext } from '../app/context';
import { actorOf } from '../platform/auth/principal';
import { isUuid } from '../platform/ids';
import { notFound } from '../platform/errors';
import { ExportFormat, ExportJobType } from './export.types';

@Resolver()
export class ExportResolver {
  @Authorized('complaint.read')
  @Mutation(() => ExportJobType, { description: 'Exports the filtered complaint list; beyond the tenant’s threshold it runs in the background' })
  async requestComplaintExport(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ComplaintFilter, { nullable: true }) filter?: ComplaintFilter,
  ): Promise<ExportJobType> {
    const principal = tenantPrincipal(ctx);
    const { config } = await ctx.tenantConfig();
    return ctx.services.exports.request(principal.tenantId, config, actorOf(principal).id, filter ?? {}, format);
  }

  @Authorized('complaint.read')
  @Query(() => ExportJobType)
  exportJob(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ExportJobType> {
    if (!isUuid(id)) throw notFound('Export');
    return ctx.services.exports.job(ctx.tenant(), id);
  }
}
