import type { EntityManager } from '@mikro-orm/postgresql';
import type { SecretBox } from '../platform/secrets/secret-box';

/** The authenticated context of a subscription's secret: its ciphertext opens on this row only. */
const contextOf = (subscriptionId: string) => `webhook_subscriptions.secret:${subscriptionId}`;

export const sealWebhookSecret = (box: SecretBox, subscriptionId: string, secret: string): string => box.seal(secret, contextOf(subscriptionId));

/** The signing secret, for the worker's send; nothing else ever opens it. */
export const openWebhookSecret = (box: SecretBox, subscriptionId: string, stored: string): string => box.open(stored, contextOf(subscriptionId));

/**
 * The one-shot step of the migration CLI: encrypts secrets stored before encryption existed and re-encrypts
 * those under SECRETS_KEY_PREVIOUS with SECRETS_KEY. Runs as the database owner, across tenants (like the
 * SECURITY DEFINER functions of the delivery loop), or within one tenant; returns how many rows it rewrote.
 * A row that does not open stops it with the key error: nothing is half rotated.
 */
export async function resealWebhookSecrets(owner: EntityManager, box: SecretBox, tenantId?: string): Promise<number> {
  return owner.transactional(async (em) => {
    const rows = await em.execute<{ id: string; secret: string }[]>(
      'select id, secret from webhook_subscriptions where (?::uuid is null or tenant_id = ?::uuid) for update',
      [tenantId ?? null, tenantId ?? null],
    );
    const stale = rows.filter((r) => box.needsResealing(r.secret));
    for (const row of stale) {
      const plaintext = row.secret.startsWith('enc:') ? openWebhookSecret(box, row.id, row.secret) : row.secret;
      await em.execute('update webhook_subscriptions set secret = ? where id = ?', [sealWebhookSecret(box, row.id, plaintext), row.id]);
    }
    return stale.length;
  });
}
