import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure, ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { Principal } from '../platform/auth/principal';
import { AppError, ErrorCode, conflict, notFound } from '../platform/errors';
import type { ComplaintService } from '../complaint/complaint.service';
import { Complaint } from '../complaint/complaint.entity';
import {
  complaintWorkflowId,
  LifecycleRejection,
  lifecycleUpdate,
  stateQuery,
  type LifecycleAction,
  type LifecycleActionArgs,
  type LifecycleCaller,
  type LifecycleInput,
  type LifecycleView,
} from '@complaints/tenant-config/lifecycle-contract';
import type { LifecycleTemporal } from './lifecycle-wiring';
import type { TenantScope } from '../platform/db/tenant-scope';
import { addLogContext } from '../platform/observability/log-context';
import { lifecycleActions } from '../platform/observability/metrics';

type StaffPrincipal = Exclude<Principal, { kind: 'anonymous' }>;

const REJECTION_CODES: Record<string, ErrorCode> = {
  [LifecycleRejection.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [LifecycleRejection.WRONG_STAGE]: ErrorCode.CONFLICT,
  [LifecycleRejection.INVALID_INPUT]: ErrorCode.BAD_USER_INPUT,
};

/** Staff actions on a complaint's lifecycle: each is a Workflow Update whose result the caller gets back. */
export class ComplaintLifecycleService {
  constructor(
    private readonly temporal: LifecycleTemporal,
    private readonly complaints: ComplaintService,
  ) {}

  /**
   * Runs the action's update and returns the lifecycle view plus the complaint as the projection left it.
   * `configVersion`, the tenant's configuration version this request already knows, spares the workflow
   * reading it again when it holds that version.
   */
  async act<A extends LifecycleAction>(scope: TenantScope, principal: StaffPrincipal, complaintId: string, action: A, args: LifecycleActionArgs<A>, configVersion?: number) {
    const complaint = await this.complaints.get(scope, complaintId);
    addLogContext({ complaintNumber: complaint.number });
    const caller: LifecycleCaller = { ...callerOf(principal, complaint.id), configVersion };
    let outcome = 'ok';
    let lifecycle: LifecycleView;
    try {
      lifecycle = await this.withWorkflow(scope.em, complaint, (handle) => handle.executeUpdate(lifecycleUpdate(action), { args: [caller, args] }));
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

  async state(scope: TenantScope, principal: StaffPrincipal, complaintId: string): Promise<LifecycleView> {
    const complaint = await this.complaints.get(scope, complaintId);
    return this.withWorkflow(scope.em, complaint, (handle) => handle.query(stateQuery, { permissions: [...principal.permissions] }));
  }

  private async withWorkflow<T>(em: EntityManager, complaint: Complaint, work: (handle: ReturnType<LifecycleTemporal['client']['workflow']['getHandle']>) => Promise<T>): Promise<T> {
    const handle = this.temporal.client.workflow.getHandle(complaintWorkflowId(complaint.tenantId, complaint.id));
    try {
      return await work(handle);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        // The start is still in the outbox (Temporal was down at intake): start it now rather than wait for the relay.
        await this.startFromOutbox(em, complaint);
        return work(handle).catch((again: unknown) => {
          throw lifecycleError(again);
        });
      }
      throw lifecycleError(error);
    }
  }

  private async startFromOutbox(em: EntityManager, complaint: Complaint): Promise<void> {
    const [row] = await em.execute<{ id: string; workflow_id: string; input: LifecycleInput }[]>(
      'select id, workflow_id, input from workflow_outbox where complaint_id = ?',
      [complaint.id],
    );
    if (!row) throw conflict('This complaint has no lifecycle workflow');
    await this.temporal.starter.start({ id: row.id, tenantId: complaint.tenantId, complaintId: complaint.id, workflowId: row.workflow_id, input: row.input });
  }
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
    if (code) return new AppError(code, error.cause.message, code === ErrorCode.BAD_USER_INPUT ? { errors: (error.cause.details ?? []).map((message) => ({ path: 'input', message })) } : {});
  }
  if (error instanceof WorkflowNotFoundError) return conflict('This complaint has no lifecycle workflow');
  // Temporal unreachable or not answering in time: nothing about the request was wrong.
  if (error instanceof ServiceError || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The complaint lifecycle service did not answer; try again shortly');
  }
  return error;
}
