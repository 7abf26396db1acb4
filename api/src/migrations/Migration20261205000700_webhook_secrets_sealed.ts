import { Migration } from '@mikro-orm/migrations';

/**
 * Outbound hardening, the part SQL can do. Webhook signing secrets become AES-256-GCM ciphertexts
 * (`platform/secrets/secret-box.ts`), but the key lives in the environment, not in the database: the
 * migration CLI encrypts the existing plaintext rows right after this migration (`resealWebhookSecrets`).
 *
 * The attempt log kept up to 2,000 characters of every answer, including answers from addresses the outbound
 * guard now refuses (a metadata service's credentials, for one). Those excerpts are dropped; the status code
 * and error of each attempt stay.
 */
export class Migration20261205000700_webhook_secrets_sealed extends Migration {
  override async up(): Promise<void> {
    this.addSql(`update webhook_delivery_attempts set response_body = null where response_body is not null;`);
    this.addSql(`comment on column webhook_subscriptions.secret is 'enc:v1:<key id>:<iv>:<tag>:<ciphertext>, AES-256-GCM under SECRETS_KEY; never plaintext';`);
  }
}
