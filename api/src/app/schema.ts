import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ComplaintResolver } from '../complaint/complaint.resolver';
import { IdentityResolver } from '../identity/identity.resolver';
import { TeamResolver } from '../identity/team.resolver';
import { TenantResolver } from '../tenant/tenant.resolver';
import { LifecycleResolver } from '../lifecycle/lifecycle.resolver';
import { LiveResolver } from '../live/live.resolver';
import { PortalResolver } from '../portal/portal.resolver';
import { AnalyticsResolver } from '../analytics/analytics.resolver';
import { ComplaintLinksResolver } from '../analytics/complaint-links.resolver';
import { ExportResolver } from '../export/export.resolver';
import { KnowledgeResolver } from '../knowledge/knowledge.resolver';
import { WebhookResolver } from '../webhooks/webhook.resolver';
import { NotificationResolver } from '../notifications/notification.resolver';
import { authChecker } from '../platform/auth/auth-checker';

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

export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [IdentityResolver, TenantResolver, TeamResolver, ComplaintResolver, LifecycleResolver, LiveResolver, PortalResolver, AnalyticsResolver, ComplaintLinksResolver, ExportResolver, KnowledgeResolver, WebhookResolver, NotificationResolver],
    authChecker,
    authMode: 'error',
    pubSub: NO_TOPIC_PUBSUB,
    validate: false,
  });
}

/** The committed `api/schema.graphql`: sorted so that it only changes when the schema does. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}
