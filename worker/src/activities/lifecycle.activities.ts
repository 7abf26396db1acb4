import type { EntityManager } from '@mikro-orm/postgresql';
import type { TenantConfig } from '@complaints/tenant-config';
import {
  columnNames,
  enterTenantStatement,
  runWithLogContext,
  slaBreaches,
  slaReminders,
  SqlText,
  TenantConfigService,
  timelineColumns,
  wakeTimelineTails,
  withTenant,
  type Logger,
} from '@complaints/api';
import type { ComplaintPatch, Projection } from '@complaints/tenant-config/lifecycle-contract';

interface LifecycleActivityDeps {
  /** The worker's root EntityManager (application role); every activity forks its own. */
  root: EntityManager;
  tenantConfig: TenantConfigService;
  /** Where each written transition is noted (debug level); silent when absent. */
  logger?: Logger;
}

/** Plain async functions over the api's domain, built from their dependencies so tests can pass their own. */
export function createActivities({ root, tenantConfig, logger }: LifecycleActivityDeps) {
  return {
    /** The tenant's configuration in force now; `config` is null when the workflow already holds that version. */
    async tenantConfigSince(tenantId: string, knownVersion: number): Promise<{ version: number; config: TenantConfig | null }> {
      return withTenant(root, tenantId, async (scope) => {
        const { version, config } = await tenantConfig.current(scope);
        return { version, config: version === knownVersion ? null : config };
      });
    },

    /**
     * Writes one transition (complaint row, timeline events, notifications) atomically in one round trip.
     * The first event's dedupe key marks the transition: a retry after a lost acknowledgement finds it and
     * writes nothing; two concurrent attempts collide on the unique key and the loser's retry finds it.
     */
    async projectTransition(projection: Projection): Promise<'written' | 'duplicate'> {
      if (!projection.events[0]?.dedupeKey) throw new Error('A projection needs at least one timeline event');
      const sql = projectionSql(projection, new Date());
      const [, [result]] = await root.fork().execute<{ duplicate: boolean }[][]>(sql.text(), sql.params);
      const outcome = result.duplicate ? 'duplicate' : 'written';
      const kinds = projection.events.map((e) => e.kind);
      if (outcome === 'written') {
        // Subscribers get the transition now rather than at the tails' next poll; not awaited, a lost wake-up costs only the poll.
        void wakeTimelineTails(root);
        slaReminders.inc(kinds.filter((k) => k === 'sla.reminder').length);
        slaBreaches.inc(kinds.filter((k) => k === 'sla.breached').length);
      }
      runWithLogContext({ tenantId: projection.tenantId, complaintId: projection.complaintId }, () =>
        logger?.debug({ kinds, outcome }, 'transition projected'),
      );
      return outcome;
    },
  };
}

export type LifecycleActivities = ReturnType<typeof createActivities>;

/** Each patchable complaint field's column and SQL type. */
const PATCH_COLUMNS: Record<keyof ComplaintPatch, readonly [column: string, type: string]> = {
  stage: ['stage', 'text'],
  status: ['status', 'text'],
  round: ['round', 'int'],
  priority: ['priority', 'int'],
  assigneeId: ['assignee_id', 'uuid'],
  teamCode: ['team_code', 'text'],
  stageStartedAt: ['stage_started_at', 'timestamptz'],
  stageDueAt: ['stage_due_at', 'timestamptz'],
  firstRespondedAt: ['first_responded_at', 'timestamptz'],
  closedAt: ['closed_at', 'timestamptz'],
  satisfaction: ['satisfaction', 'int'],
};

/**
 * Two statements in one query string, which PostgreSQL runs as one implicit transaction: the tenant setting
 * for row-level security, then every write of the transition, each skipped when its marker event exists.
 */
function projectionSql({ tenantId, complaintId, patch, events, notifications, view }: Projection, at: Date): SqlText {
  const enter = enterTenantStatement(tenantId);
  const sql = new SqlText().add(`${enter.text};`, ...enter.params);
  sql.add('with marker as (select from complaint_events where tenant_id = ?::uuid and dedupe_key = ?)', tenantId, events[0].dedupeKey);
  const changes = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof ComplaintPatch, unknown][];
  // A transition that changes no column (a reminder) still stores its view, without moving updated_at.
  const assignments = changes.map(([field]) => `${PATCH_COLUMNS[field][0]} = ?::${PATCH_COLUMNS[field][1]}`);
  const values: unknown[] = changes.map(([, value]) => value);
  if (changes.length) {
    assignments.push('updated_at = ?::timestamptz');
    values.push(at.toISOString());
  }
  if (view) {
    assignments.push('lifecycle_view = ?::jsonb');
    values.push(JSON.stringify(view));
  }
  if (assignments.length) {
    sql.add(
      `, patched as (update complaints set ${assignments.join(', ')} where tenant_id = ?::uuid and id = ?::uuid and not exists (select from marker))`,
      ...values,
      tenantId,
      complaintId,
    );
  }
  const rows = events.map((event) => timelineColumns(tenantId, at, event));
  sql.add(`, events as (insert into complaint_events (${columnNames(rows[0])}, complaint_id)`);
  rows.forEach((row, i) =>
    sql
      .add(i === 0 ? 'select' : 'union all select')
      .addValues(row)
      .add(', ?::uuid where not exists (select from marker)', complaintId),
  );
  sql.add(')');
  if (notifications.length) {
    sql.add(', notified as (insert into notification_outbox (id, tenant_id, complaint_id, kind, recipient_kind, recipient, data, dedupe_key)');
    notifications.forEach((n, i) =>
      sql.add(
        `${i === 0 ? 'select' : 'union all select'} gen_random_uuid(), ?::uuid, ?::uuid, ?::text, ?::text, ?::text, ?::jsonb, ?::text where not exists (select from marker)`,
        tenantId,
        complaintId,
        n.kind,
        n.recipientKind,
        n.recipient,
        JSON.stringify(n.data),
        n.dedupeKey,
      ),
    );
    sql.add('on conflict (tenant_id, dedupe_key) do nothing)');
  }
  return sql.add('select exists (select from marker) as duplicate');
}
