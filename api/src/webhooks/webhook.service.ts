import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, type FieldError } from '../platform/errors';
import { pgArray } from '../notifications/pg-array';
import { newWebhookSecret } from './webhook-signature';
import { sealWebhookSecret } from './webhook-secret';
import type {
  CreateWebhookInput,
  CreatedWebhookSubscription,
  UpdateWebhookInput,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookSubscription,
} from './webhook.types';
import type { TenantScope } from '../platform/db/tenant-scope';
import type { OutboundGuard } from '../platform/net/outbound-guard';
import type { SecretBox } from '../platform/secrets/secret-box';

/** Every column but the secret, which leaves the database only for the worker's send. */
const SUBSCRIPTION_COLUMNS = 'id, url, event_kinds, description, active, created_at';

const EVENT_KIND = /^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/;
const MAX_KINDS = 50;
export const MAX_DELIVERIES_LISTED = 200;

interface SubscriptionRow {
  id: string;
  url: string;
  event_kinds: string[];
  description: string | null;
  active: boolean;
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_kind: string;
  payload: Record<string, unknown>;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

/**
 * Tenant webhook subscriptions and their delivery log. Every query runs on the caller's EntityManager,
 * already inside the tenant's transaction, so row-level security scopes it; tenant ids are stamped here.
 */
export class WebhookService {
  constructor(
    private readonly guard: OutboundGuard,
    private readonly secrets: SecretBox,
  ) {}

  async list(em: EntityManager): Promise<WebhookSubscription[]> {
    const rows = await em.execute<SubscriptionRow[]>(`select ${SUBSCRIPTION_COLUMNS} from webhook_subscriptions order by created_at`);
    return rows.map(toSubscription);
  }

  async create(scope: TenantScope, createdBy: string | null, input: CreateWebhookInput): Promise<CreatedWebhookSubscription> {
    const { em, tenantId } = scope;
    const problems = [...(await this.urlProblems(input.url)), ...kindProblems(input.eventKinds)];
    if (problems.length) throw badInput(problems);
    const secret = newWebhookSecret();
    const id = randomUUID();
    const [row] = await em.execute<SubscriptionRow[]>(
      `insert into webhook_subscriptions (id, tenant_id, url, event_kinds, secret, description, created_by)
       values (?, ?, ?, ?::text[], ?, ?, ?) returning ${SUBSCRIPTION_COLUMNS}`,
      [id, tenantId, input.url, pgArray(uniqueKinds(input.eventKinds)), sealWebhookSecret(this.secrets, id, secret), input.description ?? null, createdBy],
    );
    return { subscription: toSubscription(row), secret };
  }

  async update(em: EntityManager, id: string, input: UpdateWebhookInput): Promise<WebhookSubscription> {
    const problems = [...(input.url == null ? [] : await this.urlProblems(input.url)), ...(input.eventKinds == null ? [] : kindProblems(input.eventKinds))];
    if (problems.length) throw badInput(problems);
    const [row] = await em.execute<SubscriptionRow[]>(
      `update webhook_subscriptions set url = coalesce(?, url), event_kinds = coalesce(?::text[], event_kinds),
              description = case when ? then ? else description end, active = coalesce(?, active), updated_at = now()
        where id = ? returning ${SUBSCRIPTION_COLUMNS}`,
      [
        input.url ?? null,
        input.eventKinds ? pgArray(uniqueKinds(input.eventKinds)) : null,
        input.description !== undefined,
        input.description ?? null,
        input.active ?? null,
        id,
      ],
    );
    if (!row) throw notFound('Webhook subscription');
    return toSubscription(row);
  }

  /** A new secret, shown once; the old one stops working for the next attempt. */
  async rotateSecret(em: EntityManager, id: string): Promise<CreatedWebhookSubscription> {
    const secret = newWebhookSecret();
    const [row] = await em.execute<SubscriptionRow[]>(
      `update webhook_subscriptions set secret = ?, updated_at = now() where id = ? returning ${SUBSCRIPTION_COLUMNS}`,
      [sealWebhookSecret(this.secrets, id, secret), id],
    );
    if (!row) throw notFound('Webhook subscription');
    return { subscription: toSubscription(row), secret };
  }

  /** Deletes the subscription and its delivery log. */
  async remove(em: EntityManager, id: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>('delete from webhook_subscriptions where id = ? returning id', [id]);
    if (!rows.length) throw notFound('Webhook subscription');
    return true;
  }

  async deliveries(em: EntityManager, opts: { subscriptionId?: string | null; status?: string | null; first: number }): Promise<WebhookDelivery[]> {
    if (opts.first < 1 || opts.first > MAX_DELIVERIES_LISTED)
      throw badInput([{ path: 'first', message: `first must be between 1 and ${MAX_DELIVERIES_LISTED}` }]);
    const rows = await em.execute<DeliveryRow[]>(
      `select * from webhook_deliveries where (?::uuid is null or subscription_id = ?::uuid) and (?::text is null or status = ?)
        order by created_at desc, id limit ?`,
      [opts.subscriptionId ?? null, opts.subscriptionId ?? null, opts.status ?? null, opts.status ?? null, opts.first],
    );
    return this.withAttempts(em, rows);
  }

  async delivery(em: EntityManager, id: string): Promise<WebhookDelivery> {
    const rows = await em.execute<DeliveryRow[]>('select * from webhook_deliveries where id = ?', [id]);
    if (!rows.length) throw notFound('Webhook delivery');
    return (await this.withAttempts(em, rows))[0];
  }

  /**
   * Sends the delivery again as soon as the worker's next sweep: back to pending and due now. Its attempts
   * continue to be logged under the same delivery id, marked as a replay.
   */
  async replay(em: EntityManager, id: string): Promise<WebhookDelivery> {
    const updated = await em.execute<{ id: string }[]>(
      `update webhook_deliveries set status = 'pending', next_attempt_at = now(), replay_requested = true, attempts = 0 where id = ? returning id`,
      [id],
    );
    if (!updated.length) throw notFound('Webhook delivery');
    return this.delivery(em, id);
  }

  /** Refused at save time too (loopback, private, link-local, metadata, ...), so the tenant hears why now. */
  private async urlProblems(url: string): Promise<FieldError[]> {
    const problem = await this.guard.saveProblem(url);
    return problem ? [{ path: 'input.url', message: problem }] : [];
  }

  private async withAttempts(em: EntityManager, rows: DeliveryRow[]): Promise<WebhookDelivery[]> {
    if (!rows.length) return [];
    const attempts = await em.execute<(WebhookDeliveryAttemptRow & { delivery_id: string })[]>(
      'select * from webhook_delivery_attempts where delivery_id = any (?::uuid[]) order by created_at, attempt',
      [pgArray(rows.map((r) => r.id))],
    );
    return rows.map((r) => ({
      id: r.id,
      subscriptionId: r.subscription_id,
      eventKind: r.event_kind,
      payload: r.payload,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      deliveredAt: r.delivered_at,
      createdAt: r.created_at,
      attemptLog: attempts.filter((a) => a.delivery_id === r.id).map(toAttempt),
    }));
  }
}

interface WebhookDeliveryAttemptRow {
  attempt: number;
  replay: boolean;
  status_code: number | null;
  error: string | null;
  response_body: string | null;
  duration_ms: number;
  created_at: Date;
}

const toAttempt = (a: WebhookDeliveryAttemptRow): WebhookDeliveryAttempt => ({
  attempt: a.attempt,
  replay: a.replay,
  statusCode: a.status_code,
  error: a.error,
  responseBody: a.response_body,
  durationMs: a.duration_ms,
  createdAt: a.created_at,
});

const toSubscription = (r: SubscriptionRow): WebhookSubscription => ({
  id: r.id,
  url: r.url,
  eventKinds: r.event_kinds,
  description: r.description,
  active: r.active,
  createdAt: r.created_at,
});

const uniqueKinds = (kinds: string[]) => [...new Set(kinds.map((k) => k.trim()))];

function kindProblems(kinds: string[]): FieldError[] {
  if (!kinds.length) return [{ path: 'input.eventKinds', message: "Subscribe to at least one event kind, or '*' for all" }];
  if (kinds.length > MAX_KINDS) return [{ path: 'input.eventKinds', message: `At most ${MAX_KINDS} event kinds` }];
  return kinds
    .map((k) => k.trim())
    .filter((k) => k !== '*' && !EVENT_KIND.test(k))
    .map((k) => ({ path: 'input.eventKinds', message: `'${k}' is not an event kind (e.g. complaint.acknowledged)` }));
}
