import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ApplicationFailure,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type SignalDefinition,
} from '@temporalio/client';
import type { TenantBoundPrincipal } from '../platform/auth/principal';
import type { Logger } from '../platform/observability/logger';
import { AppError, ErrorCode, conflict, notFound, serviceUnavailable } from '../platform/errors';
import type { ComplaintService } from '../complaint/complaint.service';
import { Complaint } from '../complaint/complaint.entity';
import {
  complaintWorkflowId,
  LifecycleRejection,
  lifecycleUpdate,
  narrowView,
  stateQuery,
  type LifecycleAction,
  type LifecycleActionArgs,
  type LifecycleCaller,
  type LifecycleInput,
  type LifecycleView,
} from '@complaints/tenant-config/lifecycle-contract';
import type { LifecycleTemporal } from './lifecycle-wiring';
import { releasedWhile, type TenantScope } from '../platform/db/tenant-scope';
import { addLogContext } from '../platform/observability/log-context';
import { isUuid } from '../platform/ids';
import { lifecycleActions } from '../platform/observability/metrics';

type StaffPrincipal = TenantBoundPrincipal;

const REJECTION_CODES: Record<string, ErrorCode> = {
  [LifecycleRejection.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [LifecycleRejection.WRONG_STAGE]: ErrorCode.CONFLICT,
  [LifecycleRejection.INVALID_INPUT]: ErrorCode.BAD_USER_INPUT,
};

/** Seconds a client should wait before asking again after a lifecycle call gave up. */
const RETRY_AFTER_SECONDS = 5;

type WorkflowHandle = ReturnType<LifecycleTemporal['client']['workflow']['getHandle']>;
/** How a call waits on Temporal: inside the request's transaction (queries) or with its connection released (actions). */
type Wait = <T>(scope: TenantScope, work: () => Promise<T>) => Promise<T>;
const holdingTransaction: Wait = (_scope, work) => work();

/** Staff actions on a complaint's lifecycle: each is a Workflow Update whose result the caller gets back. */
export class ComplaintLifecycleService {
  constructor(
    private readonly temporal: LifecycleTemporal,
    private readonly complaints: ComplaintService,
    /** How long one call waits on Temporal (and the worker behind it) before answering SERVICE_UNAVAILABLE. */
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Tells the complaint's workflow what the request just did (a staff message, a merge): the workflow is the
   * one writer of the lifecycle columns and projects the consequence itself. The signal is owed in the
   * request's transaction (lifecycle_signal_outbox) and sent once that committed; when Temporal cannot be
   * reached the worker's relay sends it later, and the answer is `false` rather than a failed mutation
   * whose data is already committed.
   */
  async signalAfterCommit<Args extends unknown[]>(scope: TenantScope, complaintId: string, signal: SignalDefinition<Args>, ...args: Args): Promise<boolean> {
    const complaint = await this.complaints.get(scope, complaintId);
    const pending = await this.temporal.signals.enqueue(scope, complaint.id, signal.name, args);
    try {
      await this.withWorkflow(scope, complaint, releasedWhile, (handle) => handle.signal(signal, ...args));
    } catch (error) {
      this.logger.warn({ err: error, complaintId, signal: signal.name }, 'the lifecycle workflow did not receive a signal; the relay will send it');
      await this.temporal.signals.recordFailure(scope, pending, error);
      return false;
    }
    await this.temporal.signals.markSent(scope, pending);
    return true;
  }

  /**
   * Runs the action's update and returns the lifecycle view plus the complaint as the projection left it.
   * The wait holds no database connection: the request's transaction commits before the Update and a new
   * one reads the projection after, so stuck actions cannot starve intake of the pool. The Update's id is
   * derived from the request and the projection it saw: asking again after a timeout, before the projection
   * moved, attaches to the same Update rather than sending a second one. `configVersion`, the tenant's
   * configuration version this request already knows, spares the workflow reading it again.
   */
  async act<A extends LifecycleAction>(
    scope: TenantScope,
    principal: StaffPrincipal,
    complaintId: string,
    action: A,
    args: LifecycleActionArgs<A>,
    configVersion?: number,
  ) {
    const complaint = await this.complaints.get(scope, complaintId);
    addLogContext({ complaintNumber: complaint.number });
    const caller: LifecycleCaller = { ...callerOf(principal, complaint.id), configVersion };
    const updateId = updateIdOf(complaint, action, caller, args);
    let outcome = 'ok';
    let lifecycle: LifecycleView;
    try {
      lifecycle = await this.withWorkflow(scope, complaint, releasedWhile, (handle) =>
        handle.executeUpdate(lifecycleUpdate(action), { args: [caller, args], updateId }),
      );
    } catch (error) {
      outcome = error instanceof AppError ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR';
      throw error;
    } finally {
      lifecycleActions.inc({ action, outcome });
    }
    // The update returns after its projection committed; read it back past the identity map.
    const refreshed = await scope.em.findOneOrFail(Complaint, { tenantId: scope.tenantId, id: complaint.id }, { refresh: true });
    return { lifecycle, complaint: refreshed };
  }

  /**
   * The view the workflow stored with its last projection, narrowed to the caller. A complaint whose workflow
   * has not projected since views were stored is asked through a Temporal query, bounded like an action but
   * inside the request's transaction (a query's sibling fields may be reading on it).
   */
  async state(scope: TenantScope, principal: StaffPrincipal, complaintId: string): Promise<LifecycleView> {
    // One read on the hot path: the stored view alone, not the whole complaint through the ORM.
    const [row] = isUuid(complaintId)
      ? await scope.em.execute<{ lifecycle_view: LifecycleView | null }[]>('select lifecycle_view from complaints where tenant_id = ? and id = ?', [
          scope.tenantId,
          complaintId,
        ])
      : [];
    if (!row) throw notFound('Complaint');
    if (row.lifecycle_view) return narrowView(row.lifecycle_view, Date.now(), [...principal.permissions]);
    const complaint = await this.complaints.get(scope, complaintId);
    return this.withWorkflow(scope, complaint, holdingTransaction, (handle) => handle.query(stateQuery, { permissions: [...principal.permissions] }));
  }

  private async withWorkflow<T>(scope: TenantScope, complaint: Complaint, wait: Wait, work: (handle: WorkflowHandle) => Promise<T>): Promise<T> {
    const handle = this.temporal.client.workflow.getHandle(complaintWorkflowId(complaint.tenantId, complaint.id));
    try {
      return await wait(scope, () => this.bounded(() => work(handle)));
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw lifecycleError(error);
      // The start is still in the outbox (Temporal was down at intake): start it now rather than wait for the relay.
      const start = await this.outboxStart(scope.em, complaint);
      return wait(scope, () =>
        this.bounded(async () => {
          await this.temporal.starter.start(start);
          return work(handle);
        }),
      ).catch((again: unknown) => {
        throw lifecycleError(again);
      });
    }
  }

  /**
   * Every RPC of the call gets the same deadline (an abort signal would do, but the native connection
   * ignores it); a call cut by its deadline becomes a LifecycleTimeout.
   */
  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.timeoutMs;
    try {
      return await this.temporal.client.withDeadline(deadline, work);
    } catch (error) {
      if (Date.now() >= deadline) throw new LifecycleTimeout();
      throw error;
    }
  }

  private async outboxStart(em: EntityManager, complaint: Complaint) {
    const [row] = await em.execute<{ id: string; workflow_id: string; input: LifecycleInput }[]>(
      'select id, workflow_id, input from workflow_outbox where complaint_id = ?',
      [complaint.id],
    );
    if (!row) throw conflict('This complaint has no lifecycle workflow');
    return { id: row.id, tenantId: complaint.tenantId, complaintId: complaint.id, workflowId: row.workflow_id, input: row.input };
  }
}

class LifecycleTimeout extends Error {}

/**
 * One id per (action, caller, arguments, projection seen): the same request repeated before the workflow
 * moved is the same Update (Temporal deduplicates by id); once the projection moved, a repeat is a new one.
 */
function updateIdOf(complaint: Complaint, action: LifecycleAction, caller: LifecycleCaller, args: unknown): string {
  const seen = `${complaint.stage}:${complaint.round}:${complaint.updatedAt.toISOString()}`;
  const digest = createHash('sha256')
    .update(JSON.stringify([action, caller.type, caller.id, args, seen]))
    .digest('base64url');
  return `${action}-${digest.slice(0, 32)}`;
}

/** The caller as the workflow sees it; a complainant's portal token only ever reaches its own complaint. */
function callerOf(principal: StaffPrincipal, complaintId: string): LifecycleCaller {
  const permissions = [...principal.permissions];
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId, name: principal.displayName, permissions };
    case 'api_key':
      return { type: 'api_key', id: principal.apiKeyId, name: principal.name, permissions };
    default:
      if (principal.complaintId !== complaintId) throw notFound('Complaint');
      return { type: 'customer', id: null, name: null, permissions };
  }
}

/** A validator's rejection becomes the typed GraphQL error it names, an unreachable Temporal SERVICE_UNAVAILABLE; anything else stays internal. */
function lifecycleError(error: unknown): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = error.cause.type ? REJECTION_CODES[error.cause.type] : undefined;
    if (code)
      return new AppError(
        code,
        error.cause.message,
        code === ErrorCode.BAD_USER_INPUT ? { errors: (error.cause.details ?? []).map((message) => ({ path: 'input', message })) } : {},
      );
  }
  if (error instanceof WorkflowNotFoundError) return conflict('This complaint has no lifecycle workflow');
  // Temporal (or the worker behind it) unreachable or not answering in time: nothing about the request was wrong.
  // An action that timed out may still complete; asking again (the same action, or complaintLifecycle) tells.
  if (error instanceof LifecycleTimeout || error instanceof ServiceError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return serviceUnavailable('The complaint lifecycle service did not answer in time; ask again shortly to learn the outcome', RETRY_AFTER_SECONDS);
  }
  return error;
}
