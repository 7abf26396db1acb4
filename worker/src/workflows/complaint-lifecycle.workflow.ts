import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  LIFECYCLE_ACTION_NAMES,
  lifecycleUpdate,
  mergedSignal,
  staffResponseSignal,
  stateQuery,
  type Actor,
  type LifecycleAction,
  type LifecycleActionArgs,
  type LifecycleCaller,
  type LifecycleInput,
  type Projection,
  type TenantConfig,
} from '@complaints/tenant-config/lifecycle-contract';
import type { LifecycleActivities } from '../activities/lifecycle.activities';
import { assertAllowed } from './lifecycle-rules';
import { LifecycleState } from './lifecycle-state';
import { storedViewOf, viewOf } from './lifecycle-view';

const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  // A projection must land eventually; PostgreSQL being down for a while only delays it.
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
} as const;
const activities = proxyActivities<LifecycleActivities>(ACTIVITY_OPTIONS);
/**
 * The same activities run inside the workflow task: a projection or configuration read then costs no
 * scheduling round trips through the server, which were most of an update's latency. Both are
 * idempotent, so re-running one after a lost workflow task is harmless.
 */
const localActivities = proxyLocalActivities<LifecycleActivities>(ACTIVITY_OPTIONS);
/** Runs started before this change keep their (recorded) regular activities; newer ones use local ones. */
const LOCAL_ACTIVITIES_PATCH = 'local-activities';
/** Runs started before this change let proposeSolution end investigation; newer ones record findings and enter handling first. */
const SEVEN_STAGES_PATCH = 'seven-stages';
/** Runs started before this change learnt the follow-up's deadline only when it began; newer ones know it at closing. */
const FOLLOWUP_DEADLINE_PATCH = 'followup-deadline-at-close';
/** Runs started before this change sent the customer neither the closing notice nor the survey. */
const CLOSE_THE_LOOP_PATCH = 'close-the-loop';
/** Before this change the API wrote first_responded_at for staff messages; the workflow is now its one writer. */
const STAFF_RESPONSE_PATCH = 'staff-response-signal';
/** Before this change a merged duplicate's workflow kept running (and its SLA clock with it). */
const MERGE_ENDS_PATCH = 'merge-ends-duplicate';

/** Workflow time: the sandbox's Date reads the workflow task's timestamp, identical on replay. */
const now = (): number => Date.now();

/**
 * A complaint that lives for months (reminders, rounds, reopen) grows its history; well before the server's
 * limits it continues as new, carrying its state. The server may suggest it earlier.
 */
const CONTINUE_AS_NEW_AFTER_EVENTS = 5_000;
const historyIsLong = (): boolean => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > CONTINUE_AS_NEW_AFTER_EVENTS;

const actorOf = (caller: LifecycleCaller): Actor => ({ type: caller.type, id: caller.id, name: caller.name });

/** What an action does to the state, given who acts, the update's arguments, the workflow time and the configuration. */
type Transition<Args> = (actor: Actor, args: Args, at: number, config: TenantConfig) => Projection;

/** One running lifecycle: its state, the tenant configuration it last saw, and the ordered projection writes. */
class LifecycleRun {
  private config: TenantConfig | undefined;
  private configVersion = 0;
  private started = false;
  /** Projections are written strictly in transition order, even when update handlers interleave. */
  private writes: Promise<unknown> = Promise.resolve();
  private readonly activities = patched(LOCAL_ACTIVITIES_PATCH) ? localActivities : activities;

  constructor(
    readonly s: LifecycleState,
    private readonly input: LifecycleInput,
  ) {}

  /** Loads the configuration in force now; the activity sends it only when its version changed. */
  private async refreshConfig(): Promise<TenantConfig> {
    const fresh = await this.activities.tenantConfigSince(this.s.tenantId, this.configVersion);
    if (fresh.config) {
      this.config = fresh.config;
      this.configVersion = fresh.version;
    }
    return this.config!;
  }

  /** Called right after the transition changed the state, so the stored view is the one it produced. */
  private write(projection: Projection | null): Promise<unknown> {
    if (!projection) return Promise.resolve();
    const withView: Projection = { ...projection, view: storedViewOf(this.s, now()) };
    const next = this.writes.then(() => this.activities.projectTransition(withView));
    this.writes = next.catch(() => undefined);
    return next;
  }

  registerHandlers(): void {
    const v = () => this.configVersion;
    const transitions: { [A in LifecycleAction]: Transition<LifecycleActionArgs<A>> } = {
      acknowledge: (a, args, t) => this.s.acknowledge(a, args, t),
      assign: (a, args) => this.s.assign(a, args),
      startInvestigation: (a, args, t, c) => this.s.startInvestigation(a, args, t, c, v(), patched(SEVEN_STAGES_PATCH)),
      recordFindings: (a, args, t, c) => this.s.recordFindings(a, args, t, c, v()),
      proposeSolution: (a, args, t, c) => this.s.proposeSolution(a, args, t, c, v()),
      approve: (a, args, t, c) => this.s.approve(a, args, t, c, v()),
      reject: (a, args, t, c) => this.s.reject(a, args, t, c, v()),
      sendFeedback: (a, args, t, c) => this.s.sendFeedback(a, args, t, c),
      customerResponse: (a, args, t, c) => this.s.customerResponse(a, args, t, c, v()),
      recordFollowUp: (a, args) => this.s.recordFollowUp(a, args),
      archive: (a, args) => this.s.archive(a, args),
      reopen: (a, args, t, c) => this.s.reopen(a, args, t, c, v()),
    };
    const register = <A extends LifecycleAction>(action: A) => this.action(action, transitions[action]);
    LIFECYCLE_ACTION_NAMES.forEach(register);
    setHandler(stateQuery, (args) => viewOf(this.s, now(), args?.permissions));
    // Signals come from the API after its own transaction committed; their projections join the ordered writes.
    setHandler(staffResponseSignal, async ({ at, actor }) => {
      if (!patched(STAFF_RESPONSE_PATCH)) return;
      const sentAt = Date.parse(at);
      if (Number.isNaN(sentAt)) return;
      await condition(() => this.started);
      // The API's clock may run ahead of the workflow's; a response cannot lie in the workflow's future.
      await this.write(this.s.staffResponded(actor, Math.min(sentAt, now())));
    });
    setHandler(mergedSignal, async (args) => {
      if (!patched(MERGE_ENDS_PATCH)) return;
      await condition(() => this.started);
      await this.write(this.s.merged(args, now()));
    });
  }

  /**
   * Every action: validate (rejections never reach history), then re-check after loading the current
   * configuration (another update may have moved the state meanwhile), apply, and return once the
   * projection is in PostgreSQL so the caller reads its own write.
   */
  private action<A extends LifecycleAction>(name: A, apply: Transition<LifecycleActionArgs<A>>): void {
    setHandler(
      lifecycleUpdate(name),
      async (caller, args) => {
        await condition(() => this.started);
        // The caller names the version in force when it called: when the workflow holds it, no read is needed.
        const config = caller.configVersion === this.configVersion ? this.config! : await this.refreshConfig();
        assertAllowed(name, caller, args as Record<string, unknown>, this.s, config, now());
        await this.write(apply(actorOf(caller), args, now(), config));
        return viewOf(this.s, now(), caller.permissions);
      },
      {
        validator: (caller: LifecycleCaller, args: LifecycleActionArgs<A>) =>
          assertAllowed(name, caller, args as Record<string, unknown>, this.s, this.config, now()),
      },
    );
  }

  async begin(): Promise<void> {
    const config = await this.refreshConfig();
    if (!this.input.carried) void this.write(this.s.start(now(), Date.parse(this.input.intakeAt), config, this.configVersion));
    this.started = true;
  }

  /** Sleeps until the next reminder, breach, auto-close, follow-up or window end, or until an action changes the plan. */
  async runClocks(): Promise<'finished' | 'continue-as-new'> {
    const s = this.s;
    while (!s.finished) {
      if (historyIsLong()) return 'continue-as-new';
      const due = s.nextDueAt();
      const seen = s.changes;
      const changed = () => s.changes !== seen || historyIsLong();
      if (due === null) await condition(changed);
      else if (due > now()) await condition(changed, due - now());
      if (due !== null && now() >= due) {
        const config = await this.refreshConfig();
        await this.write(s.fireDue(now(), config, this.configVersion));
      }
    }
    return 'finished';
  }

  async drain(): Promise<void> {
    await condition(allHandlersFinished);
    await this.writes;
  }
}

/** One complaint from intake to archive; long lives continue as new with their state carried over. */
export async function complaintLifecycle(input: LifecycleInput): Promise<void> {
  const state = LifecycleState.fromInput(input, workflowInfo().workflowId);
  state.followUpDueWhenScheduled = patched(FOLLOWUP_DEADLINE_PATCH);
  state.closesTheLoop = patched(CLOSE_THE_LOOP_PATCH);
  const run = new LifecycleRun(state, input);
  run.registerHandlers();
  await run.begin();
  const outcome = await run.runClocks();
  await run.drain();
  if (outcome === 'continue-as-new') {
    await continueAsNew<typeof complaintLifecycle>({ ...input, carried: run.s.snapshot() });
  }
}
