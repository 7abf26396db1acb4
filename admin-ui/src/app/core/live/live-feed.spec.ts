import { parse } from 'graphql';
import type { Client, Sink } from 'graphql-ws';
import { followFeed, jwtSubject } from './live-feed';

/** A graphql-ws client double that keeps the payload and sink, as the real one re-sends the payload on reconnect. */
function fakeClient() {
  const calls: { payload: { variables: Record<string, unknown> }; sink: Sink }[] = [];
  const client = {
    subscribe: (payload: { variables: Record<string, unknown> }, sink: Sink) => {
      calls.push({ payload, sink });
      return () => undefined;
    },
  } as unknown as Client;
  return { client, calls };
}

const FEED = parse('subscription($after: String) { complaintEvents(after: $after) { cursor } }');

describe('following a live feed', () => {
  it('resumes after the last cursor on reconnect and drops an event delivered twice', () => {
    const { client, calls } = fakeClient();
    const seen: string[] = [];
    followFeed<{ cursor: string }>(client, FEED, { filter: { stages: ['intake'] } }, (u) => seen.push(u.cursor));
    const { payload, sink } = calls[0];
    expect(payload.variables).toEqual({ filter: { stages: ['intake'] } });

    sink.next({ data: { complaintEvents: { cursor: 'c1' } } });
    sink.next({ data: { complaintEvents: { cursor: 'c2' } } });
    // The same object is what graphql-ws sends again after a reconnect.
    expect(payload.variables['after']).toBe('c2');
    sink.next({ data: { complaintEvents: { cursor: 'c2' } } });
    expect(seen).toEqual(['c1', 'c2']);
  });

  it('reports errors instead of updates', () => {
    const { client, calls } = fakeClient();
    const errors: string[] = [];
    followFeed(
      client,
      FEED,
      {},
      () => undefined,
      (m) => errors.push(m),
    );
    calls[0].sink.next({ errors: [{ message: 'Missing permission: complaint.read' }] });
    calls[0].sink.error([{ message: 'Complaint not found' }]);
    expect(errors).toEqual(['Missing permission: complaint.read', 'Complaint not found']);
  });

  it('reads the complaint id from a portal token', () => {
    const payload = btoa(JSON.stringify({ sub: '6d77c0aa-b32a-44ca-af15-0f78396309ad', use: 'portal' })).replace(/=+$/, '');
    expect(jwtSubject(`h.${payload}.s`)).toBe('6d77c0aa-b32a-44ca-af15-0f78396309ad');
    expect(jwtSubject('garbage')).toBeNull();
  });
});
