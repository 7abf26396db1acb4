import { LiveHub } from './live-hub';
import { liveStream } from './live-stream';
import type { LiveEvent } from './timeline-tail';

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

async function take<T>(it: AsyncIterator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push((await it.next()).value as T);
  return out;
}

describe('liveStream', () => {
  it('replays missed events, then continues live without duplicating what the replay covered', async () => {
    const hub = new LiveHub();
    let release!: () => void;
    const replayGate = new Promise<void>((r) => (release = r));
    const stream = liveStream({
      hub,
      tenantId: 't1',
      complaintId: 'c1',
      accept: (e) => e.complaintId === 'c1',
      replay: async () => {
        await replayGate;
        return [event(1), event(2), event(3)];
      },
      present: async (e) => e.kind,
      maxBuffered: 10,
      onOverflow: () => undefined,
    });
    const first = stream.next();
    // While the replay is being read, live events 3 (already in the replay) and 4 arrive.
    await new Promise((r) => setImmediate(r));
    hub.dispatch(event(3));
    hub.dispatch(event(4));
    hub.dispatch(event(5, 'other-complaint'));
    release();
    expect([(await first).value, ...(await take(stream, 3))]).toEqual(['k1', 'k2', 'k3', 'k4']);
    hub.dispatch(event(6));
    expect((await stream.next()).value).toBe('k6');
    await stream.return(undefined);
    expect(hub.listenerCount).toBe(0);
  });

  it('skips events the presenter refuses', async () => {
    const hub = new LiveHub();
    const stream = liveStream({ hub, tenantId: 't1', accept: () => true, present: async (e) => (e.kind === 'k1' ? null : e.kind), maxBuffered: 10, onOverflow: () => undefined });
    const next = stream.next();
    await new Promise((r) => setImmediate(r));
    hub.dispatch(event(1));
    hub.dispatch(event(2));
    expect((await next).value).toBe('k2');
    await stream.return(undefined);
  });

  it('drops a subscriber whose backlog passes the bound, without affecting others', async () => {
    const hub = new LiveHub();
    const dropped = jest.fn();
    const slow = liveStream({ hub, tenantId: 't1', accept: () => true, present: async (e) => e.kind, maxBuffered: 3, onOverflow: dropped });
    const fast = liveStream({ hub, tenantId: 't1', accept: () => true, present: async (e) => e.kind, maxBuffered: 100, onOverflow: () => undefined });
    const fastFirst = fast.next();
    const slowFirst = slow.next();
    await new Promise((r) => setImmediate(r));
    for (let i = 1; i <= 10; i++) hub.dispatch(event(i));
    expect((await fastFirst).value).toBe('k1');
    expect((await take(fast, 9)).at(-1)).toBe('k10');
    expect(await slowFirst).toEqual({ done: true, value: undefined });
    expect(dropped).toHaveBeenCalledTimes(1);
    await fast.return(undefined);
  });
});
