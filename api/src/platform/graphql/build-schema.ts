import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';

/**
 * type-graphql insists on a PubSub whenever a subscription exists, even though every subscription here
 * brings its own `subscribe` (fed by the timeline tail). This one refuses use, so a topic-based
 * subscription added by mistake fails loudly instead of silently never firing.
 */
const NO_TOPIC_PUBSUB = {
  publish(): never {
    throw new Error('Topic subscriptions are not used; subscribe through the timeline tail');
  },
  subscribe(): never {
    throw new Error('Topic subscriptions are not used; subscribe through the timeline tail');
  },
};

/** The schema's settings, the same for every resolver list: one auth checker, errors on denial, no PubSub. */
export function buildGraphqlSchema(resolvers: BuildSchemaOptions['resolvers']): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    pubSub: NO_TOPIC_PUBSUB,
    validate: false,
  });
}
