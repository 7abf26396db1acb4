import type { EntityManager } from '@mikro-orm/postgresql';
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
}

export function createServices(root: EntityManager, jwtSecret: string): Services {
  const tenantConfig = new TenantConfigService();
  return {
    auth: new AuthService(new TokenIssuer(jwtSecret), tenantConfig),
    tenantConfig,
    identity: new IdentityService(),
    complaints: new ComplaintService(),
    intake: new ComplaintIntakeService(root),
  };
}
