import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import type { Principal } from '../platform/auth/principal';
import type { AccessGuard } from './access-guard';
import { LiveCloseCode, type LiveContext, type LiveServices } from './live-context';
import { LiveHub } from './live-hub';
import { LiveSubscriber, type LiveSubscriptionSpec } from './live-subscriber';
import type { ComplaintUpdate } from './live.types';
import { PayloadRenderer } from './shared-execution';
import type { LiveEvent } from './timeline-tail';

const STAFF: Principal = {
  kind: 'user',
  tenantId: 't1',
  userId: 'u1',
  sessionId: 's1',
  displayName: 'Staff',
  roles: [],
  permissions: new Set(['complaint.read']),
};

const event = (seq: number, complaintId = 'c1'): LiveEvent => ({
  cursor: { tx: 10n, seq: BigInt(seq) },
  tenantId: 't1',
  complaintId,
  kind: `k${seq}`,
  customerVisible: true,
  teamCode: null,
  assigneeId: null,
  severity: 'general',
  stage: 'intake',
});

/** One snapshot object per event, as LiveSnapshots shares them between subscribers. */
const snapshots = new Map<bigint, ComplaintUpdate>();
const snapshotOf = (e: LiveEvent): ComplaintUpdate => {
  let update = snapshots.get(e.cursor.seq);
  if (!update) snapshots.set(e.cursor.seq, (update = { cursor: `cur${e.cursor.seq}`, event: { kind: e.kind } } as ComplaintUpdate));
  return update;
};

let executions = 0;
const Update = new GraphQLObjectType({
  name: 'Update',
  fields: { cursor: { type: GraphQLString }, kind: { type: GraphQLString, resolve: (u: ComplaintUpdate) => u.event.kind } },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      complaintUpdated: {
        type: Update,
        resolve: (root: ComplaintUpdate) => {
          executions++;
          return Promise.resolve(root);
        },
      },
    },
  }),
});
const document = parse('subscription { complaintUpdated { kind } }');

interface Harness {
  hub: LiveHub;
  principal: Principal | null;
  /** When false, the guard has no fresh answer and `current` must be awaited. */
  cached: boolean;
  checks: number;
  subscribe(spec: Partial<LiveSubscriptionSpec>, opts?: { id?: string; maxBuffered?: number; bufferedAmount?: number }): Subscribed;
}

interface Subscribed {
  subscriber: LiveSubscriber;
  /** Each frame written to the socket, parsed. */
  frames: { id: string; type: string; payload: { data: { complaintUpdated: { kind: string } } } }[];
  kinds(): string[];
  closedWith: number[];
}

function harness(): Harness {
  let checking: Promise<Principal | null> | undefined;
  const hub = new LiveHub((e) => Promise.resolve(snapshotOf(e)));
  const h: Harness = {
    hub,
    principal: STAFF,
    cached: true,
    checks: 0,
    subscribe(spec, opts = {}) {
      const guard = {
        peek: () => (h.cached ? h.principal : undefined),
        // Like AccessGuard: concurrent checks of one credential share one answer, which is then cached.
        current: () =>
          (checking ??= (async () => {
            h.checks++;
            await Promise.resolve();
            h.cached = true;
            checking = undefined;
            return h.principal;
          })()),
      } as unknown as AccessGuard;
      const live = {
        hub: h.hub,
        guard,
        snapshots: { load: (e: LiveEvent) => Promise.resolve(snapshotOf(e)) },
        maxBuffered: opts.maxBuffered ?? 100,
      } as unknown as LiveServices;
      const frames: Subscribed['frames'] = [];
      const closedWith: number[] = [];
      const ctx: LiveContext = {
        live,
        principal: STAFF,
        authorization: 'Bearer token',
        outlet: { operationId: opts.id ?? 'op', send: (frame) => frames.push(JSON.parse(frame.toString())), bufferedAmount: opts.bufferedAmount ?? 0 },
        renderer: new PayloadRenderer({ schema, document }),
        closeSocket: (code) => closedWith.push(code),
      };
      const subscriber = new LiveSubscriber(ctx, { tenantId: 't1', accepts: () => true, visible: (_p, u) => u, ...spec });
      return { subscriber, frames, closedWith, kinds: () => frames.map((f) => f.payload.data.complaintUpdated.kind) };
    },
  };
  return h;
}

/** Lets the hub's deliveries (snapshot, render, chunks of writes) run. */
const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LiveSubscriber', () => {
  it('replays missed events, then continues live without duplicating what the replay covered', async () => {
    const h = harness();
    let release!: () => void;
    const replayGate = new Promise<void>((r) => (release = r));
    const s = h.subscribe({
      complaintId: 'c1',
      accepts: (e) => e.complaintId === 'c1',
      replay: async () => {
        await replayGate;
        return [event(1), event(2), event(3)];
      },
    });
    // While the replay is being read, live events 3 (already in the replay) and 4 arrive.
    h.hub.dispatch(event(3));
    h.hub.dispatch(event(4));
    h.hub.dispatch(event(5, 'other-complaint'));
    await settle();
    expect(s.frames).toEqual([]);
    release();
    await settle();
    expect(s.kinds()).toEqual(['k1', 'k2', 'k3', 'k4']);
    h.hub.dispatch(event(6));
    await settle();
    expect(s.kinds()).toEqual(['k1', 'k2', 'k3', 'k4', 'k6']);
    await s.subscriber.return();
    expect(h.hub.listenerCount).toBe(0);
  });

  it('skips events the principal may not see', async () => {
    const h = harness();
    const s = h.subscribe({ visible: (_p, u) => (u.event.kind === 'k1' ? null : u) });
    h.hub.dispatch(event(1));
    h.hub.dispatch(event(2));
    await settle();
    expect(s.kinds()).toEqual(['k2']);
  });

  it('executes one event once for many identical subscriptions and writes each its own graphql-ws frame', async () => {
    const h = harness();
    const subs = Array.from({ length: 2500 }, (_, i) => h.subscribe({}, { id: `op-${i}` }));
    executions = 0;
    h.hub.dispatch(event(7));
    // Frames go out subscriber by subscriber; on a busy machine 2,500 of them take longer than one short pause.
    for (const deadline = Date.now() + 5_000; subs.some((s) => s.frames.length === 0) && Date.now() < deadline;) await settle(50);
    await settle();
    expect(executions).toBe(1);
    subs.forEach((s, i) => expect(s.frames).toEqual([{ id: `op-${i}`, type: 'next', payload: { data: { complaintUpdated: { kind: 'k7' } } } }]));
  });

  it('re-checks the credential once per event for all its subscribers when the cached answer expired', async () => {
    const h = harness();
    const subs = Array.from({ length: 50 }, () => h.subscribe({}));
    h.cached = false;
    h.hub.dispatch(event(8));
    h.hub.dispatch(event(9));
    await settle();
    expect(h.checks).toBe(1);
    subs.forEach((s) => expect(s.kinds()).toEqual(['k8', 'k9']));
  });

  it('closes the socket when the credential no longer holds', async () => {
    const h = harness();
    const s = h.subscribe({});
    const ended = s.subscriber.next();
    h.principal = null;
    h.hub.dispatch(event(1));
    await settle();
    expect(s.closedWith).toEqual([LiveCloseCode.UNAUTHENTICATED]);
    expect(s.frames).toEqual([]);
    await expect(ended).resolves.toEqual({ done: true, value: undefined });
    expect(h.hub.listenerCount).toBe(0);
  });

  it('drops a subscriber whose backlog passes the bound, without affecting others', async () => {
    const h = harness();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = h.subscribe({ replay: () => gate.then(() => []) }, { maxBuffered: 3 });
    const fast = h.subscribe({});
    for (let i = 1; i <= 10; i++) h.hub.dispatch(event(i));
    await settle();
    release();
    await settle();
    expect(fast.kinds()).toHaveLength(10);
    expect(slow.closedWith).toEqual([LiveCloseCode.SLOW_CONSUMER]);
    expect(slow.frames).toEqual([]);
  });

  it('drops a subscriber whose socket holds more than the bound of undelivered frames', async () => {
    const h = harness();
    const slow = h.subscribe({}, { maxBuffered: 3, bufferedAmount: 1_000_000 });
    h.hub.dispatch(event(1));
    await settle();
    expect(slow.closedWith).toEqual([LiveCloseCode.SLOW_CONSUMER]);
    expect(h.hub.listenerCount).toBe(0);
  });

  it('ends with the error when an event cannot be loaded', async () => {
    const h = harness();
    const failing = new LiveHub(() => Promise.reject(new Error('database down')));
    h.hub = failing;
    const s = h.subscribe({});
    const ended = s.subscriber.next();
    failing.dispatch(event(1));
    await expect(ended).rejects.toThrow('database down');
  });
});
