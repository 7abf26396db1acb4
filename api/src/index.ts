/**
 * What the worker and the cross-package tests use: domain services, no GraphQL (a worker test checks that this
 * entry loads neither Apollo nor type-graphql). The HTTP/GraphQL server is `@complaints/api/server`.
 */
export { loadConfig, type AppConfig } from './platform/config';
export { createOrm } from './app/orm';
export { withTenant, enterTenantStatement } from './platform/db/tenant-scope';
export { timelineColumns } from './complaint/timeline';
export { columnNames, SqlText } from './platform/db/sql-rows';
export { TenantConfigService } from './tenant/tenant-config.service';
export { User } from './identity/user.entity';
export { hashPassword } from './identity/password';
export { WorkflowStarter, runOutboxRelay } from './lifecycle/workflow-start.outbox';
export { LifecycleSignalOutbox } from './lifecycle/lifecycle-signal.outbox';
export { composeNotification, type OutboxNotification } from './notifications/notification-content';
export { PermanentDeliveryError, type ChannelAdapters } from './notifications/notification-channel';
export { wakeTimelineTails } from './live/timeline-tail';
export { createChannelAdapters } from './notifications/channel-adapters';
export { nextAttemptDelay } from './notifications/retry-schedule';
export { sendWebhook } from './webhooks/webhook-sender';
export { OutboundGuard } from './platform/net/outbound-guard';
export { SecretBox } from './platform/secrets/secret-box';
export { openWebhookSecret } from './webhooks/webhook-secret';
export type { RetryPolicy } from './platform/config';
export { createLogger, logFunction, type Logger } from './platform/observability/logger';
export { runWithLogContext } from './platform/observability/log-context';
export { startTracing, type Tracing } from './platform/observability/tracing';
export { slaReminders, slaBreaches } from './platform/observability/metrics';
export { observePool, observeOutboxBacklog } from './platform/observability/db-metrics';
export { opsEndpoints } from './platform/observability/ops-endpoints';
export { databaseChecks } from './platform/observability/readiness';
export { MIGRATION_NAMES } from './migrations';
