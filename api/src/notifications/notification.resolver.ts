import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type RequestContext } from '../app/context';
import { pgArray } from './pg-array';
import { ComplaintNotification } from './notification.types';

/** The delivery log of one complaint's notifications, for staff who can read the complaint. */
@Resolver()
export class NotificationResolver {
  @Authorized('complaint.read')
  @Query(() => [ComplaintNotification], { description: 'Oldest first, each with its delivery attempts' })
  async complaintNotifications(@Arg('complaintId', () => ID) complaintId: string, @Ctx() ctx: RequestContext): Promise<ComplaintNotification[]> {
    // Same reach as the complaint query itself: a complaint the caller cannot load is not found.
    await ctx.services.complaints.get(ctx.tenant(), complaintId);
    return complaintNotifications(ctx.em, complaintId);
  }
}

/** The columns of notification_outbox this view reads; pg returns timestamps as Date or string depending on the driver's parsers. */
interface NotificationRow {
  id: string;
  kind: string;
  recipient_kind: string;
  attempts: number;
  created_at: Date | string;
  delivered_at: Date | string | null;
  given_up_at: Date | string | null;
  next_attempt_at: Date | string;
  last_error: string | null;
}

interface DeliveryRow {
  notification_id: string;
  attempt: number;
  channel: string;
  address: string | null;
  message_id: string | null;
  status: string;
  error: string | null;
  provider_response: string | null;
  subject: string | null;
  body: string | null;
  created_at: Date | string;
}

async function complaintNotifications(em: EntityManager, complaintId: string): Promise<ComplaintNotification[]> {
  const rows = await em.execute<NotificationRow[]>('select * from notification_outbox where complaint_id = ? order by created_at, dedupe_key', [complaintId]);
  if (!rows.length) return [];
  const deliveries = await em.execute<DeliveryRow[]>(
    'select * from notification_deliveries where notification_id = any (?::uuid[]) order by created_at, channel',
    [pgArray(rows.map((r) => r.id))],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recipientKind: r.recipient_kind,
    attempts: r.attempts,
    createdAt: new Date(r.created_at),
    deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
    givenUpAt: r.given_up_at ? new Date(r.given_up_at) : null,
    nextAttemptAt: r.delivered_at || r.given_up_at ? null : new Date(r.next_attempt_at),
    lastError: r.last_error,
    deliveries: deliveries
      .filter((d) => d.notification_id === r.id)
      .map((d) => ({
        attempt: d.attempt,
        channel: d.channel,
        address: d.address,
        messageId: d.message_id,
        status: d.status,
        error: d.error,
        providerResponse: d.provider_response,
        subject: d.subject,
        body: d.body,
        createdAt: new Date(d.created_at),
      })),
  }));
}
