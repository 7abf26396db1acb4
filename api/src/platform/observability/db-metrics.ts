import type { EntityManager } from '@mikro-orm/postgresql';
import { Gauge } from 'prom-client';
import { METRIC_PREFIX, metricsRegistry } from './metrics';

/** The part of knex's (tarn) pool the gauges read. */
interface PoolLike {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

const pools = new Map<string, PoolLike>();

new Gauge({
  name: `${METRIC_PREFIX}db_pool_connections`,
  help: 'PostgreSQL pool connections by pool and state (used, free, pending acquires, max)',
  labelNames: ['pool', 'state'] as const,
  registers: [metricsRegistry],
  collect() {
    this.reset();
    for (const [pool, p] of pools) {
      this.set({ pool, state: 'used' }, p.numUsed());
      this.set({ pool, state: 'free' }, p.numFree());
      this.set({ pool, state: 'pending' }, p.numPendingAcquires());
      this.set({ pool, state: 'max' }, p.max);
    }
  },
});

/** Reports the ORM's connection pool as `pool`; returns the undo (the ORM closes). */
export function observePool(pool: string, root: EntityManager): () => void {
  const tarn = (root.getConnection().getKnex().client as { pool?: PoolLike }).pool;
  if (tarn) pools.set(pool, tarn);
  return () => void pools.delete(pool);
}

let backlogSource: EntityManager | undefined;
interface BacklogRow {
  outbox: string;
  pending: string;
  oldest_seconds: number;
}
let backlogRead: { at: number; rows: Promise<BacklogRow[]> } | undefined;

/** One query per scrape feeds both gauges (prom-client collects them concurrently). */
function readBacklog(): Promise<BacklogRow[]> {
  if (!backlogSource) return Promise.resolve([]);
  if (!backlogRead || Date.now() - backlogRead.at > 1_000) {
    const rows = backlogSource
      .fork()
      .execute<BacklogRow[]>('select * from operations_outbox_backlog()')
      .catch(() => []);
    backlogRead = { at: Date.now(), rows };
  }
  return backlogRead.rows;
}

new Gauge({
  name: `${METRIC_PREFIX}outbox_pending`,
  help: 'Outbox rows due and not yet handled: workflow starts, notification and webhook deliveries',
  labelNames: ['outbox'] as const,
  registers: [metricsRegistry],
  async collect() {
    for (const row of await readBacklog()) this.set({ outbox: row.outbox }, Number(row.pending));
  },
});

new Gauge({
  name: `${METRIC_PREFIX}outbox_lag_seconds`,
  help: 'Age of the oldest outbox row due and not yet handled (0 when none)',
  labelNames: ['outbox'] as const,
  registers: [metricsRegistry],
  async collect() {
    for (const row of await readBacklog()) this.set({ outbox: row.outbox }, row.oldest_seconds);
  },
});

/**
 * Reads the outboxes' backlog at each scrape (one indexed query). The worker, which runs the relays,
 * reports it; returns the undo.
 */
export function observeOutboxBacklog(root: EntityManager): () => void {
  backlogSource = root;
  backlogRead = undefined;
  return () => {
    if (backlogSource === root) backlogSource = undefined;
  };
}
