import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every series the API and the worker export, in one registry per process. Labels are closed sets
 * (operation names are capped, see boundedLabel): no tenant id or complaint number, which would make
 * one series per tenant or complaint.
 */
export const metricsRegistry = new Registry();
export const METRIC_PREFIX = 'complaints_';

collectDefaultMetrics({ register: metricsRegistry, prefix: METRIC_PREFIX });

const registers = [metricsRegistry];

export const graphqlRequests = new Counter({
  name: `${METRIC_PREFIX}graphql_requests_total`,
  help: 'GraphQL operations over HTTP, by operation name and outcome (ok, error)',
  labelNames: ['operation', 'outcome'] as const,
  registers,
});

export const graphqlDuration = new Histogram({
  name: `${METRIC_PREFIX}graphql_request_duration_seconds`,
  help: 'GraphQL operation latency over HTTP, transaction included',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const intakes = new Counter({
  name: `${METRIC_PREFIX}intakes_total`,
  help: 'Complaints taken in (idempotent replays not counted), by channel',
  labelNames: ['channel'] as const,
  registers,
});

export const lifecycleActions = new Counter({
  name: `${METRIC_PREFIX}lifecycle_actions_total`,
  help: 'Staff lifecycle actions (Workflow Updates), by action and outcome (ok or the error code)',
  labelNames: ['action', 'outcome'] as const,
  registers,
});

export const slaReminders = new Counter({
  name: `${METRIC_PREFIX}sla_reminders_total`,
  help: 'SLA reminders recorded on complaints',
  registers,
});

export const slaBreaches = new Counter({
  name: `${METRIC_PREFIX}sla_breaches_total`,
  help: 'SLA breaches recorded on complaints',
  registers,
});

export const liveConnections = new Gauge({
  name: `${METRIC_PREFIX}live_connections`,
  help: 'Open graphql-ws connections',
  registers,
});

export const liveSlowConsumersDropped = new Counter({
  name: `${METRIC_PREFIX}live_slow_consumers_dropped_total`,
  help: 'Live subscriptions closed because their backlog passed the bound',
  registers,
});

export const workflowStarts = new Counter({
  name: `${METRIC_PREFIX}workflow_starts_total`,
  help: 'Complaint workflow starts from the outbox, by path (after_commit, relay) and outcome (started, already-started, deferred)',
  labelNames: ['path', 'outcome'] as const,
  registers,
});

/** A label fed by callers (operation names): the first `limit` distinct values, then `other`. */
export function boundedLabel(limit: number): (value: string | undefined) => string {
  const seen = new Set<string>();
  return (value) => {
    if (!value || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(value)) return value ? 'other' : 'anonymous';
    if (seen.has(value)) return value;
    if (seen.size >= limit) return 'other';
    seen.add(value);
    return value;
  };
}
