import { compareCursors, type TimelineCursor } from './timeline-cursor';
import type { LiveHub } from './live-hub';
import type { LiveEvent } from './timeline-tail';

export interface LiveStreamOptions<T> {
  hub: LiveHub;
  tenantId: string;
  /** Set for a one-complaint subscription: the hub then hands it that complaint's events only. */
  complaintId?: string;
  /** Which events of the tenant this subscription wants (cheap, from routing attributes only). */
  accept(event: LiveEvent): boolean;
  /** Events the subscriber missed since its cursor, read from the timeline, oldest first. */
  replay?: () => Promise<LiveEvent[]>;
  /** Turns an event into what this subscriber may see; null skips it. Re-checks access each time. */
  present(event: LiveEvent): Promise<T | null>;
  /** Bound on events waiting for a slow consumer; past it the stream ends and `onOverflow` runs. */
  maxBuffered: number;
  /** Drops the slow subscriber (closes its socket) so it never holds up the others or the process. */
  onOverflow(): void;
}

/**
 * A subscription's events: first the missed ones from the timeline, then live ones, with no gap and no
 * duplicate. The hub listener is attached before the replay is read, and live events at or before the
 * last replayed cursor are dropped.
 */
export async function* liveStream<T>(opts: LiveStreamOptions<T>): AsyncGenerator<T> {
  const queue: LiveEvent[] = [];
  let wake: (() => void) | undefined;
  let overflow = false;
  const stopListening = opts.hub.listen(opts.tenantId, (event) => {
    if (!opts.accept(event)) return;
    if (queue.length >= opts.maxBuffered) overflow = true;
    else queue.push(event);
    wake?.();
  }, opts.complaintId);
  try {
    let last: TimelineCursor | undefined;
    for (const event of (await opts.replay?.()) ?? []) {
      last = event.cursor;
      const item = await opts.present(event);
      if (item !== null) yield item;
    }
    for (;;) {
      if (overflow) {
        opts.onOverflow();
        return;
      }
      const event = queue.shift();
      if (!event) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (last && compareCursors(event.cursor, last) <= 0) continue;
      last = event.cursor;
      const item = await opts.present(event);
      if (item !== null) yield item;
    }
  } finally {
    stopListening();
  }
}
