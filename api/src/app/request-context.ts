import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from './context';
import { OPERATOR_OUTSIDE_TENANTS, tenantIdOf } from './context';
import { forbidden, unauthenticated } from '../platform/errors';
import { createLoaders } from './loaders';
import { wroteTimeline } from '../complaint/timeline';
import { wakeTimelineTails } from '../live/timeline-tail';
import type { Services } from './services';
import type { VersionedConfig } from '../tenant/tenant-config.service';

export interface OpenContext {
  ctx: RequestContext;
  /** Commits when the operation succeeded, rolls back otherwise: no half-written complaint. */
  finish(succeeded: boolean): Promise<void>;
}

/**
 * Every GraphQL operation runs in its own transaction on its own EntityManager fork, so the
 * tenant setting for row-level security is transaction-local and dies with the operation.
 */
export async function openRequestContext(root: EntityManager, services: Services, authorization: string | undefined, clientIp: string): Promise<OpenContext> {
  const em = root.fork({ clear: true, useContext: false });
  await em.begin();
  try {
    const { principal, configVersion, scope } = await services.auth.session(em, authorization);
    const tenant = () => {
      if (!scope) throw principal.kind === 'operator' ? forbidden(OPERATOR_OUTSIDE_TENANTS) : unauthenticated();
      return scope;
    };
    let config: Promise<VersionedConfig> | undefined;
    const readConfig = async (): Promise<VersionedConfig> =>
      configVersion === undefined
        ? services.tenantConfig.current(tenant())
        : { version: configVersion, config: await services.tenantConfig.atVersion(tenant(), configVersion) };
    const ctx: RequestContext = {
      em,
      principal,
      services,
      loaders: createLoaders(em, () => tenantIdOf(ctx)),
      clientIp,
      outcome: { failed: false },
      tenant,
      tenantConfig: () => (config ??= readConfig()),
    };
    return {
      ctx,
      finish: async (succeeded) => {
        // A transaction released around a wait on another service may have failed to reopen.
        if (!succeeded) return em.isInTransaction() ? em.rollback() : undefined;
        // A query changed nothing through the ORM: skip the change-set computation over every loaded entity.
        if (ctx.outcome.kind === 'query') em.clear();
        await em.commit();
        if (wroteTimeline(em)) await wakeTimelineTails(root);
      },
    };
  } catch (error) {
    await em.rollback();
    throw error;
  }
}
