import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { ComplaintResolver } from '../complaint/complaint.resolver';
import { IdentityResolver } from '../identity/identity.resolver';
import { TeamResolver } from '../identity/team.resolver';
import { TenantResolver } from '../tenant/tenant.resolver';
import { LifecycleResolver } from '../lifecycle/lifecycle.resolver';
import { LiveResolver } from '../live/live.resolver';
import { PortalResolver } from '../portal/portal.resolver';
import { AnalyticsResolver } from '../analytics/analytics.resolver';
import { ComplaintLinksResolver } from '../complaint/complaint-links.resolver';
import { ExportResolver } from '../export/export.resolver';
import { KnowledgeResolver } from '../knowledge/knowledge.resolver';
import { TriageResolver } from '../triage/triage.resolver';
import { WebhookResolver } from '../webhooks/webhook.resolver';
import { NotificationResolver } from '../notifications/notification.resolver';
import { buildGraphqlSchema } from '../platform/graphql/build-schema';
import { OperatorResolver } from '../operator/operator.resolver';
import { AuditResolver, ConfigVersionAuthorResolver } from '../audit/audit.resolver';

export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildGraphqlSchema([
    IdentityResolver,
    TenantResolver,
    TeamResolver,
    ComplaintResolver,
    LifecycleResolver,
    LiveResolver,
    PortalResolver,
    AnalyticsResolver,
    ComplaintLinksResolver,
    ExportResolver,
    KnowledgeResolver,
    TriageResolver,
    WebhookResolver,
    NotificationResolver,
    OperatorResolver,
    AuditResolver,
    ConfigVersionAuthorResolver,
  ]);
}

/** The committed `api/schema.graphql`: sorted so that it only changes when the schema does. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}
