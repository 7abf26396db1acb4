import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audited';
import { articleChanged } from '../audit/audit-subjects';
import { actorOf } from '../platform/auth/principal';
import { tenantPrincipal, type RequestContext } from '../app/context';
import { badInput } from '../platform/errors';
import { boundedFirst } from '../platform/graphql/pagination';
import { ArticleHit, ArticleInput, ArticleStatus, ArticleType, ArticleVersionType, DeflectionType } from './knowledge.types';

const editorOf = (ctx: RequestContext) => actorOf(tenantPrincipal(ctx)).name;

@Resolver()
export class KnowledgeResolver {
  @Authorized('complaint.read')
  @Query(() => [ArticleType], { description: 'Newest first' })
  knowledgeArticles(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => ArticleStatus, { nullable: true }) status?: ArticleStatus,
    @Arg('first', () => Int, { nullable: true }) first?: number,
  ): Promise<ArticleType[]> {
    return ctx.services.knowledge.list(ctx.tenant(), status ?? null, boundedFirst(first));
  }

  @Authorized('complaint.read')
  @Query(() => ArticleType)
  knowledgeArticle(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ArticleType> {
    return ctx.services.knowledge.get(ctx.tenant(), id);
  }

  @Authorized('knowledge.manage')
  @Query(() => [ArticleVersionType], { description: 'Every version of an article, newest first' })
  knowledgeArticleVersions(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ArticleVersionType[]> {
    return ctx.services.knowledge.versions(ctx.tenant(), id);
  }

  @Authorized('complaint.read')
  @Query(() => [ArticleHit], { description: 'Staff search in Chinese or English over drafts and published articles' })
  searchKnowledge(
    @Arg('text', () => String) text: string,
    @Ctx() ctx: RequestContext,
    @Arg('locale', () => String, { nullable: true }) locale?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
  ): Promise<ArticleHit[]> {
    return ctx.services.knowledge.search(ctx.tenant(), text, locale ?? null, boundedFirst(first));
  }

  @Authorized()
  @Query(() => [ArticleHit], { description: 'Published articles that may answer a complaint, from its text (intake and the portal)' })
  async suggestArticles(
    @Arg('text', () => String) text: string,
    @Ctx() ctx: RequestContext,
    @Arg('categoryCode', () => String, { nullable: true }) categoryCode?: string,
    @Arg('limit', () => Int, { defaultValue: 5 }) limit?: number,
  ): Promise<ArticleHit[]> {
    if (limit! < 1 || limit! > 20) throw badInput([{ path: 'limit', message: 'limit must be 1 to 20' }]);
    const { config } = await ctx.tenantConfig();
    return ctx.services.knowledge.suggest(ctx.tenant(), config, text, categoryCode ?? null, limit!);
  }

  @Authorized('knowledge.manage')
  @Mutation(() => ArticleType, { description: 'A new draft (version 1)' })
  @Audited('knowledge_article_created', articleChanged)
  async createKnowledgeArticle(@Arg('input', () => ArticleInput) input: ArticleInput, @Ctx() ctx: RequestContext): Promise<ArticleType> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.knowledge.create(ctx.tenant(), editorOf(ctx), config, input);
  }

  @Authorized('knowledge.manage')
  @Mutation(() => ArticleType, { description: 'Saves a new version' })
  @Audited('knowledge_article_updated', articleChanged)
  async updateKnowledgeArticle(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ArticleInput) input: ArticleInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ArticleType> {
    const { config } = await ctx.tenantConfig();
    return ctx.services.knowledge.update(ctx.tenant(), editorOf(ctx), config, id, input);
  }

  @Authorized('knowledge.manage')
  @Mutation(() => ArticleType)
  @Audited('knowledge_article_status_changed', articleChanged)
  setKnowledgeArticleStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ArticleStatus) status: ArticleStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<ArticleType> {
    return ctx.services.knowledge.setStatus(ctx.tenant(), editorOf(ctx), id, status);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'A portal visitor (an opaque key the portal keeps per browser) opened an article' })
  recordArticleView(@Arg('id', () => ID) id: string, @Arg('visitorKey', () => String) visitorKey: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.knowledge.recordView(ctx.tenant(), id, visitorKey);
  }

  @Authorized()
  @Mutation(() => ArticleType, { description: '“Was this helpful?”' })
  rateArticle(
    @Arg('id', () => ID) id: string,
    @Arg('helpful', () => Boolean) helpful: boolean,
    @Ctx() ctx: RequestContext,
    @Arg('visitorKey', () => String, { nullable: true }) visitorKey?: string,
    @Arg('comment', () => String, { nullable: true }) comment?: string,
  ): Promise<ArticleType> {
    return ctx.services.knowledge.rate(ctx.tenant(), id, helpful, visitorKey ?? null, comment ?? null);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'A portal visitor went on to file a complaint' })
  recordVisitorSubmission(
    @Arg('visitorKey', () => String) visitorKey: string,
    @Ctx() ctx: RequestContext,
    @Arg('complaintId', () => ID, { nullable: true }) complaintId?: string,
  ): Promise<boolean> {
    return ctx.services.knowledge.recordSubmission(ctx.tenant(), visitorKey, complaintId ?? null);
  }

  @Authorized('analytics.read')
  @Query(() => DeflectionType)
  knowledgeDeflection(@Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: RequestContext): Promise<DeflectionType> {
    return ctx.services.knowledge.deflection(ctx.tenant(), from, to);
  }
}
