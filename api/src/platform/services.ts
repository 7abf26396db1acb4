import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from './config';
import { LocalDiskStorage } from '../complaint/attachment-storage';
import { AttachmentService } from '../complaint/attachment.service';
import { ComplaintIntakeService } from '../complaint/complaint-intake.service';
import { ComplaintService } from '../complaint/complaint.service';
import { AuthService } from '../identity/auth.service';
import { IdentityService } from '../identity/identity.service';
import { TokenIssuer } from '../identity/tokens';
import { TenantConfigService } from '../tenant/tenant-config.service';

/** The domain services, built once per process; they hold no request state. */
export interface Services {
  auth: AuthService;
  tenantConfig: TenantConfigService;
  identity: IdentityService;
  complaints: ComplaintService;
  intake: ComplaintIntakeService;
  attachments: AttachmentService;
}

export function createServices(root: EntityManager, config: Pick<AppConfig, 'jwtSecret' | 'attachmentsDir'>): Services {
  const tenantConfig = new TenantConfigService();
  const complaints = new ComplaintService();
  return {
    auth: new AuthService(new TokenIssuer(config.jwtSecret), tenantConfig),
    tenantConfig,
    identity: new IdentityService(),
    complaints,
    intake: new ComplaintIntakeService(root),
    attachments: new AttachmentService(new LocalDiskStorage(config.attachmentsDir), complaints),
  };
}
