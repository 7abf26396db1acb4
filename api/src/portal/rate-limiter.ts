import type { RateLimitStore } from '../platform/rate-limits';

/**
 * The public portal's budgets, kept in the shared store so every API process draws on the same one, and
 * keyed by tenant and caller address: one tenant's traffic from a shared address (an office, a carrier's
 * NAT) never locks out another tenant's customers.
 */
export interface PortalLimits {
  submit(tenantId: string, clientIp: string): Promise<void>;
  track(tenantId: string, clientIp: string): Promise<void>;
  upload(tenantId: string, clientIp: string): Promise<void>;
}

export function portalLimits(store: RateLimitStore): PortalLimits {
  const submitPerAddress = store.limiter('portal-submit', { points: 10, durationSeconds: 60 });
  const submitPerTenant = store.limiter('portal-submit-tenant', { points: 600, durationSeconds: 60 });
  // Tracking guesses number + contact pairs: a tighter budget.
  const trackPerAddress = store.limiter('portal-track', { points: 10, durationSeconds: 120 });
  // Evidence before filing: a few files per complaint, and each stored upload costs disk until it expires.
  const uploadPerAddress = store.limiter('portal-upload', { points: 30, durationSeconds: 60 });
  return {
    async submit(tenantId, clientIp) {
      await submitPerAddress.take(`${tenantId}:${clientIp}`);
      await submitPerTenant.take(tenantId);
    },
    track: (tenantId, clientIp) => trackPerAddress.take(`${tenantId}:${clientIp}`),
    upload: (tenantId, clientIp) => uploadPerAddress.take(`${tenantId}:${clientIp}`),
  };
}
