/** What the worker and the cross-package tests use: domain services, no GraphQL. */
export { loadConfig, type AppConfig } from './platform/config';
export { createOrm, type Orm } from './app/orm';
export { withTenant, enterTenantStatement, type TenantScope } from './platform/db/tenant-scope';
export { startApi } from './app/start-api';
export { Complaint, ComplaintStatus } from './complaint/complaint.entity';
export { ComplaintEvent } from './complaint/complaint-event.entity';
export { appendEvent } from './complaint/timeline';
export { TenantConfigService } from './tenant/tenant-config.service';
export { WorkflowStarter, StartWorkflowsAfterCommit, runWorkflowStartRelay, type PendingWorkflowStart } from './lifecycle/workflow-start.outbox';
export * from './lifecycle/lifecycle.messages';
export { composeNotification, type OutboxNotification, type NotificationContent } from './notifications/notification-content';
export { PermanentDeliveryError, type ChannelAdapters, type NotificationChannelAdapter, type OutgoingMessage, type ChannelReceipt } from './notifications/notification-channel';
export { createChannelAdapters } from './notifications/channel-adapters';
export { nextAttemptDelay } from './notifications/retry-schedule';
export { sendWebhook, type WebhookRequest, type WebhookResponse } from './webhooks/webhook-sender';
export { OutboundGuard } from './platform/net/outbound-guard';
export { verifyWebhookSignature, signatureHeader } from './webhooks/webhook-signature';
export type { RetryPolicy } from './platform/config';
