import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { COMPLAINT_LIFECYCLE_WORKFLOW, complaintWorkflowId, type LifecycleInput } from '@complaints/tenant-config/lifecycle-contract';
import type { ColumnValues } from '../platform/db/sql-rows';
import { enterTenantStatement, withTenant } from '../platform/db/tenant-scope';
import { workflowStarts } from '../platform/observability/metrics';

/** A complaint whose workflow must be started: one `workflow_outbox` row. */
interface PendingWorkflowStart {
  id: string;
  tenantId: string;
  complaintId: string;
  workflowId: string;
  input: LifecycleInput;
}

/** Workflow starts one relay sweep keeps in flight. */
const RELAY_CONCURRENCY = 8;

/** Starts recorded in a transaction that has not committed yet, keyed by that transaction's EntityManager. */
const startsAwaitingCommit = new WeakMap<EntityManager, PendingWorkflowStart[]>();

/** The outbox row for a complaint's workflow start (not yet written). */
export function planWorkflowStart(input: LifecycleInput): PendingWorkflowStart {
  return {
    id: randomUUID(),
    tenantId: input.tenantId,
    complaintId: input.complaintId,
    workflowId: complaintWorkflowId(input.tenantId, input.complaintId),
    input,
  };
}

/** The `workflow_outbox` row of a planned start, for the intake's one-statement write. */
export function workflowOutboxValues(start: PendingWorkflowStart): ColumnValues {
  return { id: start.id, tenant_id: start.tenantId, complaint_id: start.complaintId, workflow_id: start.workflowId, input: JSON.stringify(start.input) };
}

/**
 * Has the workflow started right after this transaction commits. The caller must have written the start's
 * outbox row in the same transaction: that row is what makes the start durable.
 */
export function startAfterCommit(em: EntityManager, start: PendingWorkflowStart): void {
  const list = startsAwaitingCommit.get(em) ?? [];
  list.push(start);
  startsAwaitingCommit.set(em, list);
}

/** Starts complaint workflows from outbox rows; every start is idempotent, so any number of starters may race. */
export class WorkflowStarter {
  private readonly marks: StartedMarks;

  constructor(
    private readonly root: EntityManager,
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {
    this.marks = new StartedMarks(root);
  }

  /** Starts (or finds already started) the workflow, then marks the row. Throws when Temporal is unreachable. */
  async start(pending: PendingWorkflowStart): Promise<'started' | 'already-started'> {
    let outcome: 'started' | 'already-started' = 'started';
    try {
      await this.client.workflow.start(COMPLAINT_LIFECYCLE_WORKFLOW, {
        taskQueue: this.taskQueue,
        workflowId: pending.workflowId,
        args: [pending.input],
        // A finished lifecycle must not start again either: the id stays taken for good.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        await this.recordFailure(pending, error).catch(() => undefined);
        throw error;
      }
      outcome = 'already-started';
    }
    await this.marks.mark(pending);
    return outcome;
  }

  /**
   * Starts every pending row older than `olderThanMs` (younger ones are still in their API's fast path).
   * `tenantId` narrows the sweep to one tenant (tests, or an operator fixing one tenant).
   */
  async relayPending(olderThanMs: number, opts: { limit?: number; tenantId?: string } = {}): Promise<number> {
    const rows = await this.root
      .fork()
      .execute<{ id: string; tenant_id: string; complaint_id: string; workflow_id: string; input: LifecycleInput }[]>(
        'select * from lifecycle_pending_workflow_starts(make_interval(secs => ?), ?, ?)',
        [olderThanMs / 1000, opts.limit ?? 100, opts.tenantId ?? null],
      );
    let started = 0;
    const next = rows.values();
    // A few starts in flight at once: after an outage the backlog drains in a fraction of the time, and their
    // marks share one statement (StartedMarks).
    const lane = async () => {
      for (const row of next) {
        const pending = { id: row.id, tenantId: row.tenant_id, complaintId: row.complaint_id, workflowId: row.workflow_id, input: row.input };
        try {
          workflowStarts.inc({ path: 'relay', outcome: await this.start(pending) });
          started++;
        } catch {
          // Left pending with its error recorded; the next sweep tries again.
        }
      }
    };
    await Promise.all(Array.from({ length: RELAY_CONCURRENCY }, lane));
    return started;
  }

  private recordFailure(pending: PendingWorkflowStart, error: unknown): Promise<unknown> {
    return withTenant(this.root, pending.tenantId, ({ em }) =>
      em.execute('update workflow_outbox set attempts = attempts + 1, last_error = ? where id = ?', [String(error).slice(0, 2000), pending.id]),
    );
  }
}

/**
 * Marks outbox rows as started. Marks that arrive while a mark statement is running wait and then share
 * the next one (group commit), so under load many starts cost one round trip instead of one transaction each.
 */
class StartedMarks {
  private waiting: { start: PendingWorkflowStart; done: () => void; failed: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(private readonly root: EntityManager) {}

  /** Resolves once the row is marked. */
  mark(start: PendingWorkflowStart): Promise<void> {
    return new Promise((done, failed) => {
      this.waiting.push({ start, done, failed });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    while (this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_MARKS_PER_STATEMENT);
      try {
        await this.write(batch.map((m) => m.start));
        for (const m of batch) m.done();
      } catch (error) {
        for (const m of batch) m.failed(error);
      }
    }
    this.writing = false;
  }

  /**
   * One round trip: PostgreSQL runs the statements of one query string as one implicit transaction, so each
   * tenant's transaction-local setting (for row-level security) holds for the update that follows it.
   */
  private write(starts: PendingWorkflowStart[]): Promise<unknown> {
    const byTenant = new Map<string, string[]>();
    for (const start of starts) byTenant.set(start.tenantId, [...(byTenant.get(start.tenantId) ?? []), start.id]);
    // A mark only spares the relay a start it would find already done, so it need not wait for its own WAL flush.
    const statements: string[] = [`select set_config('synchronous_commit', 'off', true)`];
    const params: unknown[] = [];
    for (const [tenantId, ids] of byTenant) {
      const enter = enterTenantStatement(tenantId);
      statements.push(
        enter.text,
        `update workflow_outbox set started_at = coalesce(started_at, now()), attempts = attempts + 1 where id = any(array[?]::uuid[])`,
      );
      params.push(...enter.params, ids);
    }
    return this.root.fork().execute(statements.join('; '), params);
  }
}

const MAX_MARKS_PER_STATEMENT = 500;

/**
 * The fast path: right after a transaction that enqueued starts commits, start those workflows. A failure
 * or a slow Temporal is only logged after `timeoutMs` (the intake response must not hang on an outage):
 * the row stays pending and the relay finishes the job; a late start that does land is idempotent.
 */
export class StartWorkflowsAfterCommit implements EventSubscriber {
  constructor(
    private readonly starter: Pick<WorkflowStarter, 'start'>,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly timeoutMs = 3_000,
  ) {}

  async afterTransactionCommit({ em }: TransactionEventArgs): Promise<void> {
    const starts = startsAwaitingCommit.get(em as EntityManager);
    if (!starts) return;
    startsAwaitingCommit.delete(em as EntityManager);
    await Promise.all(starts.map((start) => this.startWithin(start)));
  }

  afterTransactionRollback({ em }: TransactionEventArgs): void {
    startsAwaitingCommit.delete(em as EntityManager);
  }

  private async startWithin(start: PendingWorkflowStart): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from Temporal within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    const attempt = this.starter.start(start);
    attempt.catch(() => undefined); // still running after a timeout; its own failure is recorded on the row
    try {
      workflowStarts.inc({ path: 'after_commit', outcome: await Promise.race([attempt, late]) });
    } catch (error) {
      workflowStarts.inc({ path: 'after_commit', outcome: 'deferred' });
      this.log(`workflow start for complaint ${start.complaintId} deferred to the relay`, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** An outbox the worker's relay sweeps: workflow starts, or signals owed after a request's commit. */
export interface RelayedOutbox {
  relayPending(olderThanMs: number, opts?: { tenantId?: string }): Promise<number>;
}

/** Sweeps an outbox every `intervalMs` until stopped; used by the worker process. */
export function runOutboxRelay(
  outbox: RelayedOutbox,
  opts: { what: string; intervalMs: number; graceMs: number; tenantId?: string; log: (m: string, e?: unknown) => void },
): () => Promise<void> {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = outbox
      .relayPending(opts.graceMs, { tenantId: opts.tenantId })
      .then((n) => n && opts.log(`relayed ${n} pending ${opts.what}`))
      .catch((error: unknown) => opts.log(`${opts.what} relay sweep failed`, error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs);
      });
  };
  let timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
