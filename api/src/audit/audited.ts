import { UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { RequestContext } from '../app/context';
import type { AuditAction } from './audit-actions';
import { auditActorOf, type AuditRecord } from './audit-log.service';

type Summary = Record<string, unknown> | null;
type Described = Omit<AuditRecord, 'action' | 'before'>;

export interface AuditSpec<Args, Result> {
  /** The target's state before the mutation runs (read then, since the mutation may change the same entity). */
  before?: (ctx: RequestContext, args: Args) => Promise<Summary>;
  /** The target and its state after, from the mutation's answer. */
  describe: (result: Result, args: Args, ctx: RequestContext) => Described | Promise<Described>;
}

/**
 * Records a tenant mutation in the audit log, in the mutation's own transaction: a failed mutation rolls its
 * entry back with it, and a successful one cannot commit without it. Runs after `@Authorized`.
 */
export function Audited<Args = Record<string, unknown>, Result = unknown>(action: AuditAction, spec: AuditSpec<Args, Result>): MethodDecorator {
  const middleware: MiddlewareFn<RequestContext> = async ({ args, context }, next) => {
    const before = spec.before ? await spec.before(context, args as Args) : null;
    const result = (await next()) as Result;
    const described = await spec.describe(result, args as Args, context);
    await context.services.audit.record(context.tenant(), auditActorOf(context.principal), { action, before, ...described });
    return result;
  };
  return UseMiddleware(middleware);
}
