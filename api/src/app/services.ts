import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../platform/config';
import { LocalDiskStorage } from '../complaint/attachment-storage';
import { AttachmentService } from '../complaint/attachment.service';
import { ComplaintIntakeService } from '../complaint/complaint-intake.service';
import type { ComplaintNumbers } from '../complaint/complaint-number';
import { ComplaintService } from '../complaint/complaint.service';
import { AuthService } from '../identity/auth.service';
import { IdentityService } from '../identity/identity.service';
import { TokenIssuer } from '../identity/tokens';
import { TenantConfigService } from '../tenant/tenant-config.service';
import { PortalService } from '../portal/portal.service';
import { ComplaintLifecycleService } from '../lifecycle/complaint-lifecycle.service';
import type { LifecycleTemporal } from '../lifecycle/lifecycle-wiring';
import { AnalyticsService } from '../analytics/analytics.service';
import { ExportService } from '../export/export.service';
import { KnowledgeService } from '../knowledge/knowledge.service';
import { WebhookService } from '../webhooks/webhook.service';

/** The domain services, built once per process; they hold no request state. */
export interface Services {
  auth: AuthService;
  tenantConfig: TenantConfigService;
  identity: IdentityService;
  complaints: ComplaintService;
  intake: ComplaintIntakeService;
  attachments: AttachmentService;
  lifecycle: ComplaintLifecycleService;
  portal: PortalService;
  analytics: AnalyticsService;
  exports: ExportService;
  knowledge: KnowledgeService;
  webhooks: WebhookService;
}

export function createServices(
  root: EntityManager,
  config: Pick<AppConfig, 'jwtSecret' | 'attachmentsDir' | 'lifecycleUpdateTimeoutMs'>,
  numbers: ComplaintNumbers,
  temporal: LifecycleTemporal,
): Services {
  const tenantConfig = new TenantConfigService();
  const complaints = new ComplaintService();
  const auth = new AuthService(new TokenIssuer(config.jwtSecret), tenantConfig);
  const intake = new ComplaintIntakeService(numbers);
  const analytics = new AnalyticsService(root);
  return {
    auth,
    tenantConfig,
    identity: new IdentityService(),
    complaints,
    intake,
    portal: new PortalService(auth, tenantConfig, intake, complaints),
    attachments: new AttachmentService(new LocalDiskStorage(config.attachmentsDir), complaints),
    lifecycle: new ComplaintLifecycleService(temporal, complaints, config.lifecycleUpdateTimeoutMs),
    analytics,
    exports: new ExportService(root, `${config.attachmentsDir}-exports`, analytics),
    knowledge: new KnowledgeService(),
    webhooks: new WebhookService(),
  };
}
