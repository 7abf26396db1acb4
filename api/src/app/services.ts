import type { Logger } from '../platform/observability/logger';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import type { AppConfig } from '../platform/config';
import { LocalDiskStorage } from '../complaint/attachment-storage';
import { AttachmentService } from '../complaint/attachment.service';
import { TriageTrainingService } from '../triage/triage-training.service';
import { ComplaintIntakeService } from '../complaint/complaint-intake.service';
import type { ComplaintNumbers } from '../complaint/complaint-number';
import { ComplaintService } from '../complaint/complaint.service';
import { ApiKeyRateLimit, flatApiKeyLimit } from '../identity/api-key-limit';
import { AuthService, type SecurityLog } from '../identity/auth.service';
import { LoginThrottle } from '../identity/login-throttle';
import { IdentityService } from '../identity/identity.service';
import { StaffSessions } from '../identity/staff-sessions';
import { TokenIssuer } from '../identity/tokens';
import { TenantConfigService } from '../tenant/tenant-config.service';
import { PortalService } from '../portal/portal.service';
import { portalLimits } from '../portal/rate-limiter';
import { RateLimitStore } from '../platform/rate-limits';
import { ComplaintLifecycleService } from '../lifecycle/complaint-lifecycle.service';
import type { LifecycleTemporal } from '../lifecycle/lifecycle-wiring';
import { AnalyticsService } from '../analytics/analytics.service';
import { ExportService } from '../export/export.service';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { WebhookService } from '../webhooks/webhook.service';
import { OutboundGuard } from '../platform/net/outbound-guard';
import { SecretBox } from '../platform/secrets/secret-box';
import { TenantStatusGate } from '../tenant/tenant-status';
import { AuditLog } from '../audit/audit-log.service';
import { TenantProvisioning } from '../operator/tenant-provisioning.service';
import { TenantOperations } from '../operator/tenant-operations.service';
import { InvitationService } from '../operator/invitation.service';
import type { ChannelAdapters } from '../notifications/notification-channel';

/** The domain services, built once per process; they hold no request state. */
export interface Services {
  auth: AuthService;
  tenantConfig: TenantConfigService;
  identity: IdentityService;
  complaints: ComplaintService;
  intake: ComplaintIntakeService;
  attachments: AttachmentService;
  triageTraining: TriageTrainingService;
  lifecycle: ComplaintLifecycleService;
  portal: PortalService;
  analytics: AnalyticsService;
  exports: ExportService;
  knowledge: KnowledgeService;
  webhooks: WebhookService;
  audit: AuditLog;
  tenantStatus: TenantStatusGate;
  provisioning: TenantProvisioning;
  tenantOperations: TenantOperations;
  invitations: InvitationService;
}

/** `side` is the small pool for statements that commit apart from the request (openSidePool). */
export function createServices(
  root: EntityManager,
  config: Pick<
    AppConfig,
    'jwtSecret' | 'attachmentsDir' | 'sessions' | 'rateLimits' | 'outbound' | 'secrets' | 'lifecycleUpdateTimeoutMs' | 'invitations' | 'temporal'
  >,
  numbers: ComplaintNumbers,
  side: Pool,
  temporal: LifecycleTemporal,
  logger: Logger,
  /** Where invitation emails go (the notification channels the worker also uses). */
  channels: ChannelAdapters,
): Services {
  const securityLog: SecurityLog = (event, fields) => logger.warn({ event, ...fields }, event);
  const sessions = new StaffSessions(side, config.sessions.refreshGraceSeconds);
  const tenantConfig = new TenantConfigService((tenantId) => sessions.recent.forgetTenant(tenantId));
  const complaints = new ComplaintService();
  const limits = new RateLimitStore(side);
  const tenantStatus = new TenantStatusGate();
  const audit = new AuditLog();
  const invitations = new InvitationService(channels, config.invitations, audit);
  const auth = new AuthService(
    new TokenIssuer(config.jwtSecret),
    tenantConfig,
    sessions,
    {
      login: new LoginThrottle(limits, config.rateLimits.login),
      apiKeys: new ApiKeyRateLimit(limits, flatApiKeyLimit(config.rateLimits.apiKeyRequestsPerMinute)),
    },
    securityLog,
    tenantStatus,
  );
  const intake = new ComplaintIntakeService(numbers);
  const attachments = new AttachmentService(new LocalDiskStorage(config.attachmentsDir), complaints);
  const analytics = new AnalyticsService(root);
  return {
    auth,
    tenantConfig,
    identity: new IdentityService(sessions),
    complaints,
    intake,
    portal: new PortalService(auth, tenantConfig, intake, complaints, attachments, portalLimits(limits), tenantStatus),
    attachments,
    lifecycle: new ComplaintLifecycleService(temporal, complaints, config.lifecycleUpdateTimeoutMs, logger),
    triageTraining: new TriageTrainingService(temporal.client, config.temporal.taskQueue),
    analytics,
    exports: new ExportService(root, `${config.attachmentsDir}-exports`, analytics),
    knowledge: new KnowledgeService(),
    webhooks: new WebhookService(OutboundGuard.fromConfig(config), SecretBox.fromConfig(config)),
    audit,
    tenantStatus,
    provisioning: new TenantProvisioning(tenantConfig, invitations, audit),
    tenantOperations: new TenantOperations(tenantStatus, audit),
    invitations,
  };
}
