import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { ORIGIN, type TimelineCursor } from './timeline-cursor';

const TIMELINE_CHANNEL = 'complaint_timeline';
/** How the tail's connection shows in pg_stat_activity. */
export const TAIL_APPLICATION_NAME = 'complaints-timeline-tail';

/** What the tail knows of an event: ids and routing attributes, never content. */
export interface LiveEvent {
  cursor: TimelineCursor;
  tenantId: string;
  complaintId: string;
  kind: string;
  customerVisible: boolean;
  teamCode: string | null;
  assigneeId: string | null;
  severity: string;
  stage: string;
}

interface Row {
  tx_id: string;
  seq: string;
  tenant_id: string;
  complaint_id: string;
  kind: string;
  customer_visible: boolean;
  team_code: string | null;
  assignee_id: string | null;
  severity: string;
  stage: string;
}

interface TimelineTailOptions {
  connectionString: string;
  /** The fallback poll when no NOTIFY arrives (writers in other processes that do not notify). */
  pollMs?: number;
  batch?: number;
  onError?: (error: unknown) => void;
}

/**
 * One per API process: follows the timeline in commit-safe order and hands each event to `emit`.
 * NOTIFY (sent after commit, outside the writer's transaction) only wakes it up; the rows themselves
 * are the source of truth, so a lost notification costs latency, never an event.
 */
export class TimelineTail {
  private client?: Client;
  private position: TimelineCursor = ORIGIN;
  private timer?: NodeJS.Timeout;
  private pumping?: Promise<void>;
  private again = false;
  private stopped = false;
  private recheck?: NodeJS.Timeout;
  /** True from a failed read until the next good one: an outage is reported once, not every poll. */
  private failing = false;

  constructor(
    private readonly options: TimelineTailOptions,
    private readonly emit: (event: LiveEvent) => void,
  ) {}

  get cursor(): TimelineCursor {
    return this.position;
  }

  async start(): Promise<void> {
    const client = await this.connect();
    const head = await client.query<{ tx_id: string; seq: string }>('select * from live_events_head()');
    if (head.rows[0]) this.position = { tx: BigInt(head.rows[0].tx_id), seq: BigInt(head.rows[0].seq) };
    this.schedule();
  }

  /**
   * Reads now; and once more shortly after, for a writer whose commit an older transaction still hides.
   * One pending re-read serves every wake-up that arrives before it runs.
   */
  wake(): void {
    this.pump();
    this.recheck ??= setTimeout(() => {
      this.recheck = undefined;
      this.pump();
    }, 25).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.recheck);
    await this.pumping;
    await this.client?.end();
  }

  /**
   * A listening connection. A dropped one (database restart, terminated backend) is replaced at the
   * next read; the position is kept, so the new connection continues where the old one stopped.
   */
  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.options.connectionString, application_name: TAIL_APPLICATION_NAME });
    const forget = () => {
      if (this.client === client) this.client = undefined;
    };
    const drop = () => {
      forget();
      client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', forget);
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`listen ${TIMELINE_CHANNEL}`);
    } catch (error) {
      drop();
      throw error;
    }
    this.client = client;
    return client;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pump();
      this.schedule();
    }, this.options.pollMs ?? 250);
    this.timer.unref();
  }

  private pump(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.drain()
      .then(
        () => {
          this.failing = false;
        },
        (error: unknown) => {
          if (!this.failing) this.options.onError?.(error);
          this.failing = true;
        },
      )
      .finally(() => {
        this.pumping = undefined;
        if (this.again) {
          this.again = false;
          this.pump();
        }
      });
  }

  private async drain(): Promise<void> {
    const batch = this.options.batch ?? 1000;
    const client = this.client ?? (await this.connect());
    for (;;) {
      const { rows } = await client.query<Row>({
        // Named: parsed and planned once per connection (the tail reads after every wake-up).
        name: 'live_events_after',
        text: 'select * from live_events_after($1, $2, $3)',
        values: [this.position.tx.toString(), this.position.seq.toString(), batch],
      });
      for (const row of rows) {
        this.position = { tx: BigInt(row.tx_id), seq: BigInt(row.seq) };
        this.emit({
          cursor: this.position,
          tenantId: row.tenant_id,
          complaintId: row.complaint_id,
          kind: row.kind,
          customerVisible: row.customer_visible,
          teamCode: row.team_code,
          assigneeId: row.assignee_id,
          severity: row.severity,
          stage: row.stage,
        });
      }
      if (rows.length < batch || this.stopped) return;
    }
  }
}

interface Notifier {
  sending?: Promise<void>;
  queued?: Promise<void>;
}

const notifiers = new WeakMap<EntityManager, Notifier>();

/**
 * Writers call this after their transaction commits: it wakes every process's tail at once. It runs
 * outside the writer's transaction on purpose: NOTIFY inside a transaction takes a global lock at
 * commit that serialises all committing writers. A lost wake-up only costs the poll interval.
 *
 * Concurrent writers share notifications: one asked for while another is being sent is folded into
 * a single one sent right after it, which is still after every one of those writers committed. A
 * hundred intakes a second cost a few NOTIFYs and tail reads, not a hundred of each.
 */
export function wakeTimelineTails(root: EntityManager): Promise<void> {
  let notifier = notifiers.get(root);
  if (!notifier) notifiers.set(root, (notifier = {}));
  const state = notifier;
  const send = (): Promise<void> => {
    state.sending = root
      .getConnection()
      .execute(`select pg_notify('${TIMELINE_CHANNEL}', '')`)
      .then(
        () => undefined,
        // The tail's poll picks the events up anyway.
        () => undefined,
      )
      .finally(() => (state.sending = undefined));
    return state.sending;
  };
  if (!state.sending) return send();
  state.queued ??= state.sending.then(() => {
    state.queued = undefined;
    return send();
  });
  return state.queued;
}
