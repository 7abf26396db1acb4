import type { LiveEvent } from './timeline-tail';

export type LiveListener = (event: LiveEvent) => void;

interface TenantListeners {
  /** Queue feeds and alerts: they look at every event of the tenant. */
  all: Set<LiveListener>;
  /** One-complaint subscriptions, indexed so an event reaches its own few, not every socket. */
  byComplaint: Map<string, Set<LiveListener>>;
}

/** Routes the process's one timeline tail to the subscriptions of each tenant. */
export class LiveHub {
  private readonly tenants = new Map<string, TenantListeners>();

  /** Listens to a tenant's events; to one complaint's only when `complaintId` is given. */
  listen(tenantId: string, listener: LiveListener, complaintId?: string): () => void {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) this.tenants.set(tenantId, (tenant = { all: new Set(), byComplaint: new Map() }));
    let set = tenant.all;
    if (complaintId !== undefined) {
      set = tenant.byComplaint.get(complaintId) ?? new Set();
      tenant.byComplaint.set(complaintId, set);
    }
    set.add(listener);
    const owner = tenant;
    return () => {
      set.delete(listener);
      if (complaintId !== undefined && set.size === 0) owner.byComplaint.delete(complaintId);
      if (owner.all.size === 0 && owner.byComplaint.size === 0) this.tenants.delete(tenantId);
    };
  }

  dispatch = (event: LiveEvent): void => {
    const tenant = this.tenants.get(event.tenantId);
    if (!tenant) return;
    for (const listener of tenant.all) listener(event);
    const own = tenant.byComplaint.get(event.complaintId);
    if (own) for (const listener of own) listener(event);
  };

  get listenerCount(): number {
    let n = 0;
    for (const tenant of this.tenants.values()) {
      n += tenant.all.size;
      for (const set of tenant.byComplaint.values()) n += set.size;
    }
    return n;
  }
}
