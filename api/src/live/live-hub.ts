import type { LiveEvent } from './timeline-tail';

export type LiveListener = (event: LiveEvent) => void;

/** Routes the process's one timeline tail to the subscriptions of each tenant. */
export class LiveHub {
  private readonly byTenant = new Map<string, Set<LiveListener>>();

  listen(tenantId: string, listener: LiveListener): () => void {
    let set = this.byTenant.get(tenantId);
    if (!set) this.byTenant.set(tenantId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byTenant.delete(tenantId);
    };
  }

  dispatch = (event: LiveEvent): void => {
    const listeners = this.byTenant.get(event.tenantId);
    if (listeners) for (const listener of listeners) listener(event);
  };

  get listenerCount(): number {
    let n = 0;
    for (const set of this.byTenant.values()) n += set.size;
    return n;
  }
}
