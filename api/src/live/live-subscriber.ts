import type { Principal } from '../platform/auth/principal';
import { liveSlowConsumersDropped } from '../platform/observability/metrics';
import { LiveCloseCode, type LiveContext } from './live-context';
import type { ComplaintUpdate } from './live.types';
import { compareCursors, type TimelineCursor } from './timeline-cursor';
import type { LiveEvent } from './timeline-tail';

/** What `principal` may see of `update`; null hides the event from it. */
export type Visible = (principal: Principal, update: ComplaintUpdate) => ComplaintUpdate | null;

export interface LiveSubscriptionSpec {
  tenantId: string;
  /** Set for a one-complaint subscription: the hub then offers it that complaint's events only. */
  complaintId?: string;
  /** Which events of the tenant this subscription wants (cheap, from routing attributes only). */
  accepts(event: LiveEvent): boolean;
  visible: Visible;
  /** Events the subscriber missed since its cursor, read from the timeline, oldest first. */
  replay?: () => Promise<LiveEvent[]>;
}

interface Waiting {
  event: LiveEvent;
  update: ComplaintUpdate | null;
}

const DONE: IteratorResult<never> = { done: true, value: undefined };
const MESSAGE_END = Buffer.from('}');

/**
 * One live subscription. The hub offers it each event of its tenant in timeline order; it re-checks the
 * credential and tenant, picks what the principal may see, and writes a graphql-ws `next` frame straight
 * to its socket: the payload is rendered once per event and view (see PayloadRenderer), only the id
 * differs per subscriber. When the credential check is cached and the payload rendered, that is all
 * synchronous; otherwise (the replay at start, a check that expired meanwhile) events wait in a bounded
 * backlog that an async drain delivers in order.
 *
 * To graphql-ws it is the operation's result stream: it never yields, and ends when the subscription
 * does (complete, socket closed, revoked credential, slow consumer).
 */
export class LiveSubscriber implements AsyncIterableIterator<never> {
  readonly tenantId: string;
  readonly complaintId?: string;
  /** Events waiting for the async drain; null when offers are delivered synchronously. */
  private backlog: Waiting[] | null;
  /** Live events at or before this cursor were already replayed. */
  private replayedUpTo?: TimelineCursor;
  private closed = false;
  private failure?: unknown;
  /** What graphql-ws awaits from `next()`: settled when the subscription ends. */
  private ended?: Promise<IteratorResult<never>>;
  private settleEnded?: { resolve(result: IteratorResult<never>): void; reject(error: unknown): void };
  private readonly messagePrefix: Buffer;
  private readonly stopListening: () => void;

  constructor(
    private readonly ctx: LiveContext,
    private readonly spec: LiveSubscriptionSpec,
  ) {
    this.tenantId = spec.tenantId;
    this.complaintId = spec.complaintId;
    this.messagePrefix = Buffer.from(`{"id":${JSON.stringify(ctx.outlet.operationId)},"type":"next","payload":`);
    // Listening starts before the replay is read; live events meanwhile wait in the backlog.
    this.backlog = spec.replay ? [] : null;
    this.stopListening = ctx.live.hub.listen(this);
    if (spec.replay) void this.replayThenDrain(spec.replay);
  }

  accepts(event: LiveEvent): boolean {
    return this.spec.accepts(event);
  }

  /** What must settle before `offer` can deliver this event synchronously; undefined when nothing. */
  pendingFor(update: ComplaintUpdate | null): Promise<unknown> | undefined {
    if (this.closed || this.backlog) return undefined;
    const principal = this.ctx.live.guard.peek(this.ctx.authorization);
    if (principal === undefined) return this.ctx.live.guard.current(this.ctx.authorization);
    const view = update && this.stillAllowed(principal) ? this.spec.visible(principal, update) : null;
    const payload = view && this.ctx.renderer.render(view);
    return payload && !Buffer.isBuffer(payload) ? payload : undefined;
  }

  /** The hub's delivery of the next event (in timeline order) and its shared snapshot. */
  offer(event: LiveEvent, update: ComplaintUpdate | null): void {
    if (this.closed) return;
    if (this.backlog) return this.enqueue({ event, update });
    if (this.wasReplayed(event)) return;
    const principal = this.ctx.live.guard.peek(this.ctx.authorization);
    const view = principal === undefined ? undefined : this.viewFor(principal, update);
    if (view === null) return;
    const payload = view && this.ctx.renderer.peek(view);
    if (payload) return this.write(payload);
    this.backlog = [{ event, update }];
    void this.drain();
  }

  /** Ends the subscription with an error graphql-ws passes on to the client. */
  fail(error: unknown): void {
    if (this.closed) return;
    this.failure = error;
    this.finish();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<never>> {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- graphql-ws hands on what the stream failed with, GraphQL error lists included
    if (this.closed) return this.failure === undefined ? Promise.resolve(DONE) : Promise.reject(this.failure);
    return (this.ended ??= new Promise((resolve, reject) => (this.settleEnded = { resolve, reject })));
  }

  return(): Promise<IteratorResult<never>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  private async replayThenDrain(replay: () => Promise<LiveEvent[]>): Promise<void> {
    try {
      for (const event of await replay()) {
        await this.deliverLater(await this.ctx.live.snapshots.load(event));
        this.replayedUpTo = event.cursor;
      }
      await this.drain();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Delivers the backlog one event at a time, then returns to synchronous offers. */
  private async drain(): Promise<void> {
    try {
      for (let next = this.backlog?.shift(); next; next = this.backlog?.shift()) {
        if (!this.wasReplayed(next.event)) await this.deliverLater(next.update);
      }
      if (!this.closed) this.backlog = null;
    } catch (error) {
      this.fail(error);
    }
  }

  private async deliverLater(update: ComplaintUpdate | null): Promise<void> {
    const principal = await this.ctx.live.guard.current(this.ctx.authorization);
    const view = this.closed ? null : this.viewFor(principal, update);
    if (view) this.write(await this.ctx.renderer.render(view));
  }

  /** Is the credential still good for this tenant (checked per event), and what may it see of this one? */
  private viewFor(principal: Principal | null, update: ComplaintUpdate | null): ComplaintUpdate | null {
    if (!this.stillAllowed(principal)) {
      this.ctx.closeSocket(LiveCloseCode.UNAUTHENTICATED, 'The credential expired or was revoked');
      this.finish();
      return null;
    }
    return update && this.spec.visible(principal, update);
  }

  private stillAllowed(principal: Principal | null): principal is Principal {
    return principal !== null && 'tenantId' in principal && principal.tenantId === this.tenantId;
  }

  private wasReplayed(event: LiveEvent): boolean {
    if (!this.replayedUpTo) return false;
    if (compareCursors(event.cursor, this.replayedUpTo) <= 0) return true;
    this.replayedUpTo = undefined; // the tail is ordered: nothing older comes after this one
    return false;
  }

  private enqueue(waiting: Waiting): void {
    if (this.backlog!.length >= this.ctx.live.maxBuffered) this.dropSlowConsumer();
    else this.backlog!.push(waiting);
  }

  private write(payload: Buffer): void {
    if (this.closed) return;
    const length = this.messagePrefix.length + payload.length + MESSAGE_END.length;
    // Bytes the socket could not pass on yet, counted in messages like this one.
    if (this.ctx.outlet.bufferedAmount > this.ctx.live.maxBuffered * length) return this.dropSlowConsumer();
    this.ctx.outlet.send(Buffer.concat([this.messagePrefix, payload, MESSAGE_END], length));
  }

  private dropSlowConsumer(): void {
    liveSlowConsumersDropped.inc();
    this.ctx.closeSocket(LiveCloseCode.SLOW_CONSUMER, 'Too many undelivered events; reconnect with your last cursor');
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.backlog = null;
    this.stopListening();
    if (this.failure === undefined) this.settleEnded?.resolve(DONE);
    else this.settleEnded?.reject(this.failure);
  }
}
