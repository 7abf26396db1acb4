import { Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../app/context';
import { Cost, SERVICE_CALL_COST } from '../platform/graphql/query-cost';
import { listTriageModels, rollbackTriageModel } from './triage-model.store';
import { TriageModelType, TriageTrainingRunType } from './triage.types';

/** The tenant admin's side of triage: the model versions and their figures, training on demand, rollback. */
@Resolver()
export class TriageResolver {
  @Authorized('tenant.configure')
  @Query(() => [TriageModelType], { description: 'Every trained version of the category model, newest first' })
  triageModels(@Ctx() ctx: RequestContext): Promise<TriageModelType[]> {
    return listTriageModels(ctx.tenant(), 'category');
  }

  @Authorized('tenant.configure')
  @Cost(SERVICE_CALL_COST)
  @Query(() => Date, { nullable: true, description: 'When the nightly training runs next; null before the first training' })
  triageNextTraining(@Ctx() ctx: RequestContext): Promise<Date | null> {
    return ctx.services.triageTraining.nextScheduledRun(ctx.tenant());
  }

  @Authorized('tenant.configure')
  @Cost(SERVICE_CALL_COST)
  @Mutation(() => TriageTrainingRunType, {
    description: 'Trains the category model now on the staff-labelled complaints (and sets up the nightly training); waits up to 30 s for the outcome',
  })
  async trainTriageModel(@Ctx() ctx: RequestContext): Promise<TriageTrainingRunType> {
    const { config } = await ctx.tenantConfig();
    const run = await ctx.services.triageTraining.trainNow(ctx.tenant(), config.businessCalendar.timeZone);
    const o = run.outcome;
    return {
      workflowId: run.workflowId,
      running: run.running,
      version: o?.version ?? null,
      labelledComplaints: o?.labelled ?? null,
      macroF1: o?.macroF1 ?? null,
      stayOnSuggestions: o?.stayOnSuggestions ?? null,
    };
  }

  @Authorized('tenant.configure')
  @Mutation(() => Int, { nullable: true, description: 'Puts the previous model version back; the version now active, null when none is' })
  rollbackTriageModel(@Ctx() ctx: RequestContext): Promise<number | null> {
    return rollbackTriageModel(ctx.tenant(), 'category');
  }
}
