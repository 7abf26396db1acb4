import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../app/context';
import { csvRecord } from '../export/csv';
import { enterTenant, type TenantScope } from '../platform/db/tenant-scope';
import { badInput, notFound } from '../platform/errors';
import { boundedFirst } from '../platform/graphql/pagination';
import { isUuid } from '../platform/ids';
import { Tenant, type TenantConfigVersion } from '../tenant/tenant.entity';
import { TenantConfigVersionType } from '../tenant/tenant.types';
import type { AuditEntry } from './audit-entry.entity';
import { encodeAuditCursor, type AuditFilter } from './audit-log.service';
import { AuditActorView, AuditEntryConnection, AuditEntryType, AuditFilterInput } from './audit.types';

/** At most this many entries go into one CSV answer; narrow the filter for more. */
const CSV_MAX_ROWS = 10_000;

const entryView = (e: AuditEntry): AuditEntryType => ({
  id: e.id,
  at: e.createdAt,
  actor: { type: e.actorType, id: e.actorId ?? null, name: e.actorName ?? null },
  action: e.action,
  targetType: e.targetType,
  targetId: e.targetId ?? null,
  before: e.before ?? null,
  after: e.after ?? null,
});

function checkedFilter(filter: AuditFilterInput | undefined): AuditFilter {
  if (filter?.actorId && !isUuid(filter.actorId)) throw badInput([{ path: 'filter.actorId', message: 'actorId is not an id' }]);
  if (filter?.from && filter.to && filter.from >= filter.to) throw badInput([{ path: 'filter.to', message: 'to must be after from' }]);
  return filter ?? {};
}

async function connection(
  ctx: RequestContext,
  scope: TenantScope,
  filter: AuditFilterInput | undefined,
  first?: number,
  after?: string,
): Promise<AuditEntryConnection> {
  const page = await ctx.services.audit.list(scope, checkedFilter(filter), boundedFirst(first), after);
  const edges = page.entries.map((e) => ({ cursor: encodeAuditCursor(e), node: entryView(e) }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** The audit log: the tenant admin reads their own tenant's, the operator any one tenant's. */
@Resolver()
export class AuditResolver {
  @Authorized('tenant.configure')
  @Query(() => AuditEntryConnection, { description: "Administrative actions in the caller's tenant, newest first" })
  auditLog(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AuditEntryConnection> {
    return connection(ctx, ctx.tenant(), filter, first, after);
  }

  @Authorized('tenant.configure')
  @Query(() => String, { description: `The filtered audit log as CSV (UTF-8, header row, newest first, at most ${CSV_MAX_ROWS} rows)` })
  async auditLogCsv(@Ctx() ctx: RequestContext, @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput): Promise<string> {
    const rows: string[] = [csvRecord(['at', 'actor_type', 'actor_id', 'actor_name', 'action', 'target_type', 'target_id', 'before', 'after'])];
    let after: string | undefined;
    for (let read = 0; read < CSV_MAX_ROWS;) {
      const page = await ctx.services.audit.list(ctx.tenant(), checkedFilter(filter), 100, after);
      for (const e of page.entries) {
        rows.push(
          csvRecord([
            e.createdAt.toISOString(),
            e.actorType,
            e.actorId ?? '',
            e.actorName ?? '',
            e.action,
            e.targetType,
            e.targetId ?? '',
            e.before ? JSON.stringify(e.before) : '',
            e.after ? JSON.stringify(e.after) : '',
          ]),
        );
      }
      read += page.entries.length;
      if (!page.hasNextPage || !page.entries.length) break;
      after = encodeAuditCursor(page.entries.at(-1)!);
    }
    return rows.join('');
  }

  @Authorized('platform.operate')
  @Query(() => AuditEntryConnection, { description: "One tenant's audit log, for the platform operator" })
  async operatorAuditLog(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter?: AuditFilterInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AuditEntryConnection> {
    if (!isUuid(tenantId)) throw notFound('Tenant');
    const scope = await enterTenant(ctx.em, tenantId);
    if (!(await ctx.em.count(Tenant, { id: tenantId }))) throw notFound('Tenant');
    return connection(ctx, scope, filter, first, after);
  }
}

/** Who saved a configuration version, from the audit log (versions saved before the log existed have none). */
@Resolver(() => TenantConfigVersionType)
export class ConfigVersionAuthorResolver {
  @FieldResolver(() => AuditActorView, { nullable: true })
  savedBy(@Root() version: TenantConfigVersion, @Ctx() ctx: RequestContext): Promise<AuditActorView | null> {
    return ctx.loaders.configAuthor.load(version.version);
  }
}
