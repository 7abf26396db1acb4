import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { complaintWorkflowId } from '@complaints/tenant-config/lifecycle-contract';
import { withTenant, type TenantScope } from '../platform/db/tenant-scope';

export interface PendingSignal {
  id: string;
  tenantId: string;
  complaintId: string;
  signal: string;
  args: unknown[];
}

/**
 * Signals the API owes a complaint's workflow after its own transaction (a staff message, a merge). The
 * row commits with what the request wrote; the request sends the signal right after its commit and marks
 * the row, and the worker's relay sends what is left (Temporal was down, the API died in between). Signals
 * may arrive twice after a crash between send and mark: the workflow's handlers are idempotent.
 */
export class LifecycleSignalOutbox {
  constructor(
    private readonly root: EntityManager,
    private readonly client: Client,
  ) {}

  /** In the request's transaction, so the obligation commits or rolls back with it. */
  async enqueue(scope: TenantScope, complaintId: string, signal: string, args: unknown[]): Promise<PendingSignal> {
    const pending = { id: randomUUID(), tenantId: scope.tenantId, complaintId, signal, args };
    await scope.em.execute('insert into lifecycle_signal_outbox (id, tenant_id, complaint_id, signal, args) values (?, ?, ?, ?, ?::jsonb)', [
      pending.id,
      pending.tenantId,
      complaintId,
      signal,
      JSON.stringify(args),
    ]);
    return pending;
  }

  /** The request's send went through: nothing left for the relay. */
  async markSent(scope: TenantScope, pending: PendingSignal): Promise<void> {
    await scope.em.execute('update lifecycle_signal_outbox set sent_at = now() where id = ?', [pending.id]);
  }

  async recordFailure(scope: TenantScope, pending: PendingSignal, error: unknown): Promise<void> {
    await scope.em.execute('update lifecycle_signal_outbox set attempts = attempts + 1, last_error = ? where id = ?', [
      String(error).slice(0, 2000),
      pending.id,
    ]);
  }

  /**
   * Sends every pending signal older than `olderThanMs`, or whose send already failed. A workflow not found
   * is either not started yet (its start is still in the workflow outbox: try again later) or over (the
   * complaint was archived meanwhile: nothing is owed any more).
   */
  async relayPending(olderThanMs: number, opts: { limit?: number; tenantId?: string } = {}): Promise<number> {
    const rows = await this.root
      .fork()
      .execute<{ id: string; tenant_id: string; complaint_id: string; signal: string; args: unknown[] }[]>(
        'select * from lifecycle_pending_signals(make_interval(secs => ?), ?, ?)',
        [olderThanMs / 1000, opts.limit ?? 100, opts.tenantId ?? null],
      );
    let sent = 0;
    for (const row of rows) {
      const pending = { id: row.id, tenantId: row.tenant_id, complaintId: row.complaint_id, signal: row.signal, args: row.args };
      // The signal goes out with no transaction open; its outcome is written in a short one after.
      const failure = await this.client.workflow
        .getHandle(complaintWorkflowId(pending.tenantId, pending.complaintId))
        .signal(pending.signal, ...pending.args)
        .then(
          () => null,
          (error: unknown) => ({ error }),
        );
      await withTenant(this.root, pending.tenantId, async (scope) => {
        if (!failure) {
          await this.markSent(scope, pending);
          sent++;
        } else if (failure.error instanceof WorkflowNotFoundError && (await workflowWasStarted(scope, pending.complaintId))) {
          await scope.em.execute(`update lifecycle_signal_outbox set sent_at = now(), last_error = 'the workflow had ended' where id = ?`, [pending.id]);
        } else {
          await this.recordFailure(scope, pending, failure.error);
        }
      });
    }
    return sent;
  }
}

async function workflowWasStarted(scope: TenantScope, complaintId: string): Promise<boolean> {
  const [row] = await scope.em.execute<{ started: boolean }[]>('select started_at is not null as started from workflow_outbox where complaint_id = ?', [
    complaintId,
  ]);
  return row?.started ?? false;
}
