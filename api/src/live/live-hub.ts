import type { ComplaintUpdate } from './live.types';
import type { LiveEvent } from './timeline-tail';

/** A subscription as the hub sees it (LiveSubscriber). */
interface LiveTarget {
  readonly tenantId: string;
  /** Set for a one-complaint subscription, indexed so an event reaches its own few, not every socket. */
  readonly complaintId?: string;
  accepts(event: LiveEvent): boolean;
  /** What must settle before `offer` can deliver synchronously (a credential re-check, a render). */
  pendingFor(update: ComplaintUpdate | null): Promise<unknown> | undefined;
  offer(event: LiveEvent, update: ComplaintUpdate | null): void;
  fail(error: unknown): void;
}

interface TenantRoutes {
  /** Queue feeds and alerts: they look at every event of the tenant. */
  all: Set<LiveTarget>;
  byComplaint: Map<string, Set<LiveTarget>>;
  /** The tenant's events are delivered one after another, in timeline order. */
  delivered: Promise<void>;
}

/** Socket writes between turns of the event loop, so one big fan-out does not hold up everything else. */
const WRITES_PER_TURN = 1000;
/** Rounds of waiting for what targets need (an expired credential check, then the render). */
const PREPARE_ROUNDS = 3;

/**
 * Routes the process's one timeline tail to the subscriptions of each tenant. An event's snapshot is
 * loaded once, whatever the number of subscribers; what they wait for (credential re-checks, renders)
 * is awaited once per event, not per subscriber; then every subscriber is written to synchronously, in
 * chunks, so the first sockets get the frame at once.
 */
export class LiveHub {
  private readonly tenants = new Map<string, TenantRoutes>();

  constructor(private readonly snapshot: (event: LiveEvent) => Promise<ComplaintUpdate | null>) {}

  listen(target: LiveTarget): () => void {
    let tenant = this.tenants.get(target.tenantId);
    if (!tenant) this.tenants.set(target.tenantId, (tenant = { all: new Set(), byComplaint: new Map(), delivered: Promise.resolve() }));
    let set = tenant.all;
    const complaintId = target.complaintId;
    if (complaintId !== undefined) {
      set = tenant.byComplaint.get(complaintId) ?? new Set();
      tenant.byComplaint.set(complaintId, set);
    }
    set.add(target);
    const owner = tenant;
    return () => {
      set.delete(target);
      if (complaintId !== undefined && set.size === 0) owner.byComplaint.delete(complaintId);
      if (owner.all.size === 0 && owner.byComplaint.size === 0 && this.tenants.get(target.tenantId) === owner) this.tenants.delete(target.tenantId);
    };
  }

  dispatch = (event: LiveEvent): void => {
    const tenant = this.tenants.get(event.tenantId);
    if (!tenant) return;
    const targets: LiveTarget[] = [];
    for (const target of tenant.all) if (target.accepts(event)) targets.push(target);
    const own = tenant.byComplaint.get(event.complaintId);
    if (own) for (const target of own) if (target.accepts(event)) targets.push(target);
    if (!targets.length) return;
    const update = this.snapshot(event);
    tenant.delivered = tenant.delivered.then(async () => fanOut(event, await update, targets)).catch((error: unknown) => targets.forEach((t) => t.fail(error)));
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

async function fanOut(event: LiveEvent, update: ComplaintUpdate | null, targets: LiveTarget[]): Promise<void> {
  for (let round = 0; round < PREPARE_ROUNDS; round++) {
    const pending = new Set<Promise<unknown>>();
    for (const target of targets) {
      const wait = target.pendingFor(update);
      if (wait) pending.add(wait);
    }
    if (!pending.size) break;
    await Promise.all(pending);
  }
  for (let start = 0; start < targets.length; start += WRITES_PER_TURN) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const end = Math.min(start + WRITES_PER_TURN, targets.length);
    for (let i = start; i < end; i++) targets[i].offer(event, update);
  }
}
