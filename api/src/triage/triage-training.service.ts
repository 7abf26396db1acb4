import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, ServiceError, type Client } from '@temporalio/client';
import {
  TRIAGE_TRAINING_WORKFLOW,
  triageTrainingScheduleId,
  triageTrainingWorkflowId,
  type TriageTrainingInput,
  type TriageTrainingOutcome,
} from '@complaints/tenant-config/lifecycle-contract';
import { releasedWhile, type TenantScope } from '../platform/db/tenant-scope';
import { serviceUnavailable } from '../platform/errors';

/** A training the caller waited for this long is reported as still running; the model list shows its result later. */
const WAIT_FOR_RESULT_MS = 30_000;
const RETRY_AFTER_SECONDS = 10;
/** Nightly, in the tenant's time zone, when desks are quiet. */
const NIGHTLY_HOUR = 3;

export interface TriageTrainingRun {
  workflowId: string;
  running: boolean;
  outcome: TriageTrainingOutcome | null;
}

/** Starts the tenant's triage training on Temporal: the nightly schedule, and a run on demand. */
export class TriageTrainingService {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /**
   * Makes sure the tenant's nightly schedule exists, then starts a run now (or joins the one running) and
   * waits a while for its outcome, with no database connection held meanwhile.
   */
  trainNow(scope: TenantScope, timeZone: string): Promise<TriageTrainingRun> {
    return releasedWhile(scope, async () => {
      try {
        await this.ensureSchedule(scope.tenantId, timeZone);
        const workflowId = triageTrainingWorkflowId(scope.tenantId);
        const handle = await this.client.workflow.start(TRIAGE_TRAINING_WORKFLOW, {
          workflowId,
          taskQueue: this.taskQueue,
          args: [{ tenantId: scope.tenantId } satisfies TriageTrainingInput],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
        const outcome = await Promise.race([
          handle.result() as Promise<TriageTrainingOutcome>,
          new Promise<null>((resolve) => setTimeout(() => resolve(null), WAIT_FOR_RESULT_MS).unref()),
        ]);
        return { workflowId, running: outcome === null, outcome };
      } catch (error) {
        if (error instanceof ServiceError) throw serviceUnavailable('The training service is not reachable; try again shortly', RETRY_AFTER_SECONDS);
        throw error;
      }
    });
  }

  private async ensureSchedule(tenantId: string, timeZone: string): Promise<void> {
    try {
      await this.client.schedule.create({
        scheduleId: triageTrainingScheduleId(tenantId),
        spec: { calendars: [{ hour: NIGHTLY_HOUR }], timezone: timeZone },
        action: {
          type: 'startWorkflow',
          workflowType: TRIAGE_TRAINING_WORKFLOW,
          workflowId: triageTrainingWorkflowId(tenantId),
          taskQueue: this.taskQueue,
          args: [{ tenantId } satisfies TriageTrainingInput],
        },
        policies: { overlap: ScheduleOverlapPolicy.SKIP },
      });
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }

  /** The next nightly run, as Temporal knows it: null before the first training (no schedule yet) or while it is unreachable. */
  async nextScheduledRun(scope: TenantScope): Promise<Date | null> {
    return releasedWhile(scope, async () => {
      try {
        const described = await this.client.schedule.getHandle(triageTrainingScheduleId(scope.tenantId)).describe();
        return described.info.nextActionTimes[0] ?? null;
      } catch (error) {
        if (error instanceof ScheduleNotFoundError || error instanceof ServiceError) return null;
        throw error;
      }
    });
  }
}
