import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { LiveContext } from './live-context';
import { complaintUpdates, queueUpdates, slaAlerts } from './live-streams';
import { ComplaintUpdate, QueueFeedFilter } from './live.types';

interface SubscribeData<A> {
  args: A;
  context: LiveContext;
}

/**
 * Subscriptions over graphql-ws. Each takes an optional `after` cursor (from a previous update):
 * missed events are replayed from the timeline first, then live ones follow.
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => ComplaintUpdate, {
    description: 'Events of one complaint (staff with complaint.read, or that complaint’s portal token)',
    subscribe: ({ args, context }: SubscribeData<{ id: string; after?: string }>) => complaintUpdates(context, args.id, args.after),
  })
  complaintUpdated(
    @Root() update: ComplaintUpdate,
    @Arg('id', () => ID) _id: string,
    @Arg('after', () => String, { nullable: true }) _after?: string,
  ): ComplaintUpdate {
    return update;
  }

  @Subscription(() => ComplaintUpdate, {
    description: 'A staff work queue: events of complaints matching the filter',
    subscribe: ({ args, context }: SubscribeData<{ filter?: QueueFeedFilter; after?: string }>) => queueUpdates(context, args.filter, args.after),
  })
  complaintEvents(
    @Root() update: ComplaintUpdate,
    @Arg('filter', () => QueueFeedFilter, { nullable: true }) _filter?: QueueFeedFilter,
    @Arg('after', () => String, { nullable: true }) _after?: string,
  ): ComplaintUpdate {
    return update;
  }

  @Subscription(() => ComplaintUpdate, {
    description: 'SLA reminders, breaches and supervisor pages (needs complaint.approve)',
    subscribe: ({ args, context }: SubscribeData<{ after?: string }>) => slaAlerts(context, args.after),
  })
  slaAlerts(@Root() update: ComplaintUpdate, @Arg('after', () => String, { nullable: true }) _after?: string): ComplaintUpdate {
    return update;
  }
}
