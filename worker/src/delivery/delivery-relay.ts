import type { DueRef, NotificationDelivery } from './notification-delivery';
import type { WebhookDelivery } from './webhook-delivery';

interface DeliveryRelayOptions {
  intervalMs: number;
  /** Messages in flight at once; each holds one pooled connection while its provider answers. */
  concurrency?: number;
  batchSize?: number;
  /** Only this tenant's rows (tests share one database); production sweeps every tenant. */
  tenantId?: string;
  log: (message: string, error?: unknown) => void;
}

const FAN_OUT_BATCH = 500;
const MAX_FAN_OUT_BATCHES_PER_SWEEP = 20;

/**
 * The worker's delivery loop. Why a loop over the outbox tables and not a Temporal workflow per message:
 * the outbox row already is the durable state (written in the projection's transaction), so a crash loses
 * nothing and needs no second "start the workflow" outbox; the retry schedule lives in the row
 * (`next_attempt_at`, exponential backoff), where the delivery log and admins can see it; and a message
 * costs two SQL round trips instead of a workflow's history on the Temporal server that the lifecycles
 * themselves need. Several worker replicas may run this loop: row locks keep their sends apart.
 */
export function runDeliveryRelay(
  work: Pick<NotificationDelivery, 'dueNotifications' | 'deliverNotification'> &
    Pick<WebhookDelivery, 'fanOutWebhookEvents' | 'dueWebhookDeliveries' | 'deliverWebhook'>,
  opts: DeliveryRelayOptions,
): { stop: () => Promise<void>; sweep: () => Promise<number> } {
  const concurrency = opts.concurrency ?? 4;
  const batchSize = opts.batchSize ?? 50;
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();

  /** One pass: fan out new timeline events, then deliver what is due. Returns the rows attempted. */
  async function sweep(): Promise<number> {
    for (let i = 0; i < MAX_FAN_OUT_BATCHES_PER_SWEEP; i++) {
      if ((await work.fanOutWebhookEvents(FAN_OUT_BATCH)) < FAN_OUT_BATCH) break;
    }
    const [notifications, webhooks] = await Promise.all([work.dueNotifications(batchSize, opts.tenantId), work.dueWebhookDeliveries(batchSize, opts.tenantId)]);
    const jobs: (() => Promise<unknown>)[] = [
      ...notifications.map((ref) => () => attempt('notification', ref, () => work.deliverNotification(ref))),
      ...webhooks.map((ref) => () => attempt('webhook delivery', ref, () => work.deliverWebhook(ref))),
    ];
    await inPool(jobs, concurrency);
    return jobs.length;
  }

  async function attempt(what: string, ref: DueRef, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      // The transaction rolled back, so the row is still due; the next sweep tries it again.
      opts.log(`${what} ${ref.id} (tenant ${ref.tenantId}) failed before it could be logged`, error);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped) return;
    let attempted = 0;
    current = sweep()
      .then((n) => (attempted = n))
      .catch((error: unknown) => opts.log('delivery sweep failed', error))
      .finally(() => {
        // A full batch means more may be due: go again at once.
        if (!stopped) timer = setTimeout(tick, attempted >= batchSize ? 0 : opts.intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    sweep,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

async function inPool(jobs: (() => Promise<unknown>)[], size: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, lane));
}
