import type { EntityManager } from '@mikro-orm/postgresql';
import { nextAttemptDelay, openWebhookSecret, sendWebhook, withTenant, type OutboundGuard, type RetryPolicy, type SecretBox } from '@complaints/api';
import type { DueRef } from './notification-delivery';

interface WebhookDeliveryDeps {
  root: EntityManager;
  retry: RetryPolicy;
  /** Checks every webhook URL again at send time and pins the connection to the checked address. */
  guard: OutboundGuard;
  /** Opens the subscription's encrypted signing secret for the send. */
  secrets: SecretBox;
  timeoutMs?: number;
}

type WebhookOutcome = 'delivered' | 'retry' | 'failed' | 'busy';

interface DeliveryRow {
  id: string;
  event_kind: string;
  payload: unknown;
  attempts: number;
  replay_requested: boolean;
  subscription_id: string;
  url: string;
  secret: string;
  active: boolean;
}

/**
 * Tenant webhooks: the fan-out from the timeline into `webhook_deliveries` (one SQL function, exactly once
 * per event and subscription), and the signed POST of each due delivery. Like notifications, an attempt
 * holds the delivery's row lock while it sends and logs the attempt and the new state in one transaction.
 */
export function createWebhookDelivery({ root, retry, guard, secrets, timeoutMs = 10_000 }: WebhookDeliveryDeps) {
  return {
    /** Consumes up to `limit` committed timeline events; returns how many, so a full batch means "call again". */
    async fanOutWebhookEvents(limit: number): Promise<number> {
      const [row] = await root.fork().execute<{ consumed: number }[]>('select webhook_fan_out(?) as consumed', [limit]);
      return Number(row?.consumed ?? 0);
    },

    async dueWebhookDeliveries(limit: number, tenantId?: string): Promise<DueRef[]> {
      const rows = await root.fork().execute<{ id: string; tenant_id: string }[]>('select * from webhook_due_deliveries(?, ?)', [limit, tenantId ?? null]);
      return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id }));
    },

    async deliverWebhook(ref: DueRef): Promise<WebhookOutcome> {
      return withTenant(root, ref.tenantId, async ({ em }) => {
        const [row] = await em.execute<DeliveryRow[]>(
          `select d.id, d.event_kind, d.payload, d.attempts, d.replay_requested, d.subscription_id, s.url, s.secret, s.active
             from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id
            where d.id = ? and d.status = 'pending' and d.next_attempt_at <= now() for update of d skip locked`,
          [ref.id],
        );
        if (!row) return 'busy';
        if (!row.active) {
          await em.execute(`update webhook_deliveries set status = 'failed', last_error = 'the subscription is disabled' where id = ?`, [row.id]);
          return 'failed';
        }
        const attempt = row.attempts + 1;
        const res = await sendWebhook(
          guard,
          {
            url: row.url,
            secret: openWebhookSecret(secrets, row.subscription_id, row.secret),
            deliveryId: row.id,
            eventKind: row.event_kind,
            payload: row.payload,
            replay: row.replay_requested,
          },
          timeoutMs,
        );
        await em.execute(
          `insert into webhook_delivery_attempts (tenant_id, delivery_id, attempt, replay, status_code, error, response_body, duration_ms)
           values (?, ?, ?, ?, ?, ?, ?, ?)`,
          [ref.tenantId, row.id, attempt, row.replay_requested, res.statusCode, res.error, res.responseBody, res.durationMs],
        );
        if (res.ok) {
          await em.execute(
            `update webhook_deliveries set status = 'delivered', delivered_at = now(), attempts = ?, last_status_code = ?, last_error = null,
                    replay_requested = false where id = ?`,
            [attempt, res.statusCode, row.id],
          );
          return 'delivered';
        }
        const delay = nextAttemptDelay(retry, attempt);
        await em.execute(
          `update webhook_deliveries set status = ?, attempts = ?, last_status_code = ?, last_error = ?,
                  next_attempt_at = now() + make_interval(secs => ?) where id = ?`,
          [delay === null ? 'failed' : 'pending', attempt, res.statusCode, res.error, (delay ?? 0) / 1000, row.id],
        );
        return delay === null ? 'failed' : 'retry';
      });
    },
  };
}

export type WebhookDelivery = ReturnType<typeof createWebhookDelivery>;
