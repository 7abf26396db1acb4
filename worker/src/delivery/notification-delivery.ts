import type { EntityManager } from '@mikro-orm/postgresql';
import {
  composeNotification,
  nextAttemptDelay,
  PermanentDeliveryError,
  withTenant,
  type ChannelAdapters,
  type OutboxNotification,
  type RetryPolicy,
  type TenantConfigService,
} from '@complaints/api';

interface NotificationDeliveryDeps {
  /** The worker's root EntityManager (application role); every delivery forks its own. */
  root: EntityManager;
  tenantConfig: TenantConfigService;
  channels: ChannelAdapters;
  retry: RetryPolicy;
  portalUrl: string;
  now?: () => Date;
}

/** A due row of some tenant, as the SECURITY DEFINER listing reveals it. */
export interface DueRef {
  id: string;
  tenantId: string;
}

type NotificationOutcome = 'delivered' | 'skipped' | 'retry' | 'gave-up' | 'busy';

interface OutboxRow {
  id: string;
  tenant_id: string;
  complaint_id: string;
  kind: string;
  recipient_kind: OutboxNotification['recipientKind'];
  recipient: string | null;
  data: Record<string, unknown> | null;
  dedupe_key: string;
  attempts: number;
}

/**
 * Delivery of `notification_outbox` rows. One attempt is one transaction in the row's tenant that holds the
 * row's lock (`for update skip locked`: a second worker skips it rather than sending it too), sends each
 * message not yet logged as sent, and in the same transaction writes the log entries and either marks the
 * row delivered or schedules the next attempt. A message logged as sent is never sent again. Only a crash
 * between a provider's acceptance and the commit makes the next attempt resend it, with the same message id
 * (the dedupe key), which providers and mail clients use to drop the copy.
 */
export function createNotificationDelivery({ root, tenantConfig, channels, retry, portalUrl, now = () => new Date() }: NotificationDeliveryDeps) {
  return {
    async dueNotifications(limit: number, tenantId?: string): Promise<DueRef[]> {
      const rows = await root.fork().execute<{ id: string; tenant_id: string }[]>('select * from notification_due_deliveries(?, ?)', [limit, tenantId ?? null]);
      return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id }));
    },

    async deliverNotification(ref: DueRef): Promise<NotificationOutcome> {
      return withTenant(root, ref.tenantId, async (scope) => {
        const { em } = scope;
        const [row] = await em.execute<OutboxRow[]>(
          `select id, tenant_id, complaint_id, kind, recipient_kind, recipient, data, dedupe_key, attempts from notification_outbox
            where id = ? and delivered_at is null and given_up_at is null and next_attempt_at <= now() for update skip locked`,
          [ref.id],
        );
        if (!row) return 'busy';
        const attempt = row.attempts + 1;
        const { config } = await tenantConfig.current(scope);
        const content = await composeNotification(em, toNotification(row), config, { now: now(), portalUrl });
        const log = (
          channel: string,
          address: string | null,
          messageId: string | null,
          status: string,
          error: string | null,
          response: string | null,
          text: { subject?: string; body: string } | null = null,
        ) =>
          em.execute(
            `insert into notification_deliveries (tenant_id, notification_id, attempt, channel, address, message_id, status, error, provider_response, subject, body)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [ref.tenantId, row.id, attempt, channel, address, messageId, status, error, response, text?.subject ?? null, text?.body ?? null],
          );

        if ('skipped' in content) {
          await log('none', null, null, 'skipped', content.skipped, null);
          // Settled: there is nothing to send, so delivered_at closes the row (the log says why).
          await em.execute('update notification_outbox set delivered_at = now(), attempts = ?, last_error = ? where id = ?', [
            attempt,
            content.skipped,
            row.id,
          ]);
          return 'skipped';
        }

        const done = new Set(
          (
            await em.execute<{ message_id: string }[]>(
              `select message_id from notification_deliveries where notification_id = ? and status in ('sent', 'logged')`,
              [row.id],
            )
          ).map((d) => d.message_id),
        );
        const failures: { error: string; permanent: boolean }[] = [];
        for (const message of content.messages) {
          if (done.has(message.messageId)) continue;
          try {
            const receipt = await channels[message.channel].send(message);
            await log(message.channel, message.to, message.messageId, receipt.status, null, receipt.providerResponse.slice(0, 2_000), message);
          } catch (error) {
            const text = String(error instanceof Error ? error.message : error).slice(0, 2_000);
            await log(message.channel, message.to, message.messageId, 'failed', text, null, message);
            failures.push({ error: `${message.channel}: ${text}`, permanent: error instanceof PermanentDeliveryError });
          }
        }

        if (!failures.length) {
          await em.execute('update notification_outbox set delivered_at = now(), attempts = ?, last_error = null where id = ?', [attempt, row.id]);
          return 'delivered';
        }
        const lastError = failures
          .map((f) => f.error)
          .join('; ')
          .slice(0, 2_000);
        const delay = failures.every((f) => f.permanent) ? null : nextAttemptDelay(retry, attempt);
        if (delay === null) {
          await em.execute('update notification_outbox set given_up_at = now(), attempts = ?, last_error = ? where id = ?', [attempt, lastError, row.id]);
          return 'gave-up';
        }
        await em.execute(`update notification_outbox set next_attempt_at = now() + make_interval(secs => ?), attempts = ?, last_error = ? where id = ?`, [
          delay / 1000,
          attempt,
          lastError,
          row.id,
        ]);
        return 'retry';
      });
    },
  };
}

export type NotificationDelivery = ReturnType<typeof createNotificationDelivery>;

function toNotification(row: OutboxRow): OutboxNotification {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    complaintId: row.complaint_id,
    kind: row.kind,
    recipientKind: row.recipient_kind,
    recipient: row.recipient,
    data: row.data,
    dedupeKey: row.dedupe_key,
  };
}
