import { createSourceEventStream, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { LiveSubscriber } from './live-subscriber';

/**
 * graphql-ws's `subscribe`. Live subscriptions write their own `next` frames (see LiveSubscriber), so
 * the source stream itself is the operation's result: it yields nothing and ends when the subscription does.
 */
export async function subscribeLive(args: ExecutionArgs): Promise<AsyncIterableIterator<never> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (source instanceof LiveSubscriber || !(Symbol.asyncIterator in source)) return source;
  await (source as AsyncGenerator).return?.(undefined);
  return { errors: [new GraphQLError('Subscriptions are served by the live hub; this one returned another stream')] };
}
