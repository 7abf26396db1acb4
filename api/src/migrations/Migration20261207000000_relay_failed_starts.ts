import { Migration } from '@mikro-orm/migrations';

const pendingStarts = (pickFailedAtOnce: boolean) => `
  create or replace function lifecycle_pending_workflow_starts(p_older_than interval, p_limit int, p_tenant uuid default null)
  returns table (id uuid, tenant_id uuid, complaint_id uuid, workflow_id text, input jsonb)
  language sql stable security definer set search_path = public as
  $$ select id, tenant_id, complaint_id, workflow_id, input from workflow_outbox
     where started_at is null and (created_at <= now() - p_older_than${pickFailedAtOnce ? ' or attempts > 0' : ''})
       and (p_tenant is null or tenant_id = p_tenant)
     order by created_at limit p_limit $$;`;

/**
 * The relay no longer waits out the grace period for a start whose fast path already failed (Temporal was
 * down at intake): the grace only keeps the relay from racing an API still trying, and a recorded failure
 * means it stopped. After an outage, complaints taken meanwhile get their workflow on the next sweep.
 */
export class Migration20261207000000_relay_failed_starts extends Migration {
  override async up(): Promise<void> {
    this.addSql(pendingStarts(true));
  }

  override async down(): Promise<void> {
    this.addSql(pendingStarts(false));
  }
}
