import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantConfig } from '@complaints/tenant-config';
import { Complaint, ComplaintEvent, TenantConfigService, appendEvent, withTenant } from '@complaints/api';
import type { ComplaintPatch, Projection } from '../workflows/projection';

export interface LifecycleActivityDeps {
  /** The worker's root EntityManager (application role); every activity forks its own. */
  root: EntityManager;
  tenantConfig: TenantConfigService;
}

/** Plain async functions over the api's domain, built from their dependencies so tests can pass their own. */
export function createActivities({ root, tenantConfig }: LifecycleActivityDeps) {
  return {
    /** The tenant's configuration in force now; `config` is null when the workflow already holds that version. */
    async tenantConfigSince(tenantId: string, knownVersion: number): Promise<{ version: number; config: TenantConfig | null }> {
      return withTenant(root, tenantId, async (em) => {
        const { version, config } = await tenantConfig.current(em, tenantId);
        return { version, config: version === knownVersion ? null : config };
      });
    },

    /**
     * Writes one transition (complaint row, timeline events, notifications) in one transaction. The first
     * event's dedupe key marks the transition: a retry after a lost acknowledgement finds it and writes
     * nothing; two concurrent attempts collide on the unique key and the loser's retry finds it.
     */
    async projectTransition(projection: Projection): Promise<'written' | 'duplicate'> {
      const { tenantId, complaintId, patch, events, notifications } = projection;
      return withTenant(root, tenantId, async (em) => {
        const marker = events[0]?.dedupeKey;
        if (!marker) throw new Error('A projection needs at least one timeline event');
        if (await em.count(ComplaintEvent, { tenantId, dedupeKey: marker })) return 'duplicate';
        if (Object.keys(patch).length) {
          await em.nativeUpdate(Complaint, { tenantId, id: complaintId }, { ...complaintFields(patch), updatedAt: new Date() });
        }
        for (const event of events) appendEvent(em, { complaintId, ...event });
        for (const n of notifications) {
          await em.execute(
            `insert into notification_outbox (id, tenant_id, complaint_id, kind, recipient_kind, recipient, data, dedupe_key)
             values (gen_random_uuid(), ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (tenant_id, dedupe_key) do nothing`,
            [tenantId, complaintId, n.kind, n.recipientKind, n.recipient, JSON.stringify(n.data), n.dedupeKey],
          );
        }
        await em.flush();
        return 'written';
      });
    },
  };
}

export type LifecycleActivities = ReturnType<typeof createActivities>;

const INSTANTS = ['stageStartedAt', 'stageDueAt', 'firstRespondedAt', 'closedAt'] as const;

/** The patch as entity values: ISO strings from the workflow become Dates. */
function complaintFields(patch: ComplaintPatch): Partial<Complaint> {
  const fields: Record<string, unknown> = { ...patch };
  for (const key of INSTANTS) {
    const value = patch[key];
    if (value !== undefined) fields[key] = value === null ? null : new Date(value);
  }
  return fields as Partial<Complaint>;
}
