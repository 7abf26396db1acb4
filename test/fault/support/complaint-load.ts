import { complaintInput, errorCode, gql, newKey, SUBMIT, type GqlResponse } from '../../support/harness';

const ACKNOWLEDGE = 'mutation($id:ID!){ acknowledgeComplaint(id:$id){ complaint { id } } }';

/** A client gives up on an answer after this long and retries, as a browser or SDK with a timeout would. */
const REQUEST_TIMEOUT_MS = 5_000;

/** A fetch that fails (refused, cut, timed out) is answered like an error the client would retry. */
async function call(url: string, query: string, variables: Record<string, unknown>, auth: string): Promise<GqlResponse | undefined> {
  try {
    return await gql(url, query, variables, auth, AbortSignal.timeout(REQUEST_TIMEOUT_MS));
  } catch {
    return undefined;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Each intake client waits this long between acknowledged intakes: the load stays below what the machine's
 * worker can drain while intake goes on. A saturating load makes the backlog from the outage grow during
 * recovery too, so recovery would measure the drain of that backlog rather than the return of service.
 */
const INTAKE_PAUSE_MS = 150;

/**
 * What a careful client does through a fault: intake retried with the same idempotency key until the API
 * acknowledges it, and staff acknowledging each taken complaint, retried while the answer is
 * SERVICE_UNAVAILABLE or no answer. Keeps the times of the last successes for recovery figures.
 */
export class ComplaintLoad {
  /** Idempotency key → complaint id, for every intake the API acknowledged. */
  readonly acknowledged = new Map<string, string>();
  /** Complaints taken but not yet acknowledged by staff. */
  private readonly toAct: string[] = [];
  readonly acted = new Set<string>();
  requests = 0;
  private readonly intakeOks: number[] = [];
  private readonly actionOks: number[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly clerk: string,
    private readonly handler: string,
  ) {}

  start(intakeClients = 2): void {
    this.running = true;
    this.loops = [...Array.from({ length: intakeClients }, () => this.intakeLoop()), this.actionLoop()];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async intakeLoop(): Promise<void> {
    while (this.running) {
      const key = newKey();
      const input = complaintInput();
      for (;;) {
        this.requests++;
        const res = await call(this.url, SUBMIT, { input, key }, this.clerk);
        const id = res?.data?.submitComplaint?.complaint?.id as string | undefined;
        if (id) {
          this.acknowledged.set(key, id);
          this.toAct.push(id);
          this.intakeOks.push(Date.now());
          await pause(INTAKE_PAUSE_MS);
          break;
        }
        // Retried even after stop(): an intake that was sent must end acknowledged or the figures lie.
        await pause(200);
      }
    }
  }

  private async actionLoop(): Promise<void> {
    while (this.running) {
      const id = this.toAct.shift();
      if (!id) {
        await pause(50);
        continue;
      }
      for (;;) {
        this.requests++;
        const res = await call(this.url, ACKNOWLEDGE, { id }, this.handler);
        // CONFLICT: a repeat found the earlier attempt already done (the stage moved on).
        if (res && (res.data?.acknowledgeComplaint || errorCode(res) === 'CONFLICT')) {
          this.acted.add(id);
          this.actionOks.push(Date.now());
          break;
        }
        if (!this.running) {
          this.toAct.unshift(id);
          return;
        }
        await pause(200);
      }
    }
  }

  /** Milliseconds from `since` until the first intake, and the first action, succeeded after it (rejects after `limitMs`). */
  async recoveredAfter(since: number, limitMs = 20_000): Promise<{ intakeMs: number; actionMs: number }> {
    const firstAfter = (oks: number[]) => oks.find((t) => t > since);
    for (;;) {
      const intake = firstAfter(this.intakeOks);
      const action = firstAfter(this.actionOks);
      if (intake !== undefined && action !== undefined) return { intakeMs: intake - since, actionMs: action - since };
      if (Date.now() - since > limitMs)
        throw new Error(`no recovery within ${limitMs} ms (intake back: ${intake !== undefined}, action back: ${action !== undefined})`);
      await pause(50);
    }
  }
}
