import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ComplaintResolver } from '../../complaint/complaint.resolver';
import { IdentityResolver } from '../../identity/identity.resolver';
import { TeamResolver } from '../../identity/team.resolver';
import { TenantResolver } from '../../tenant/tenant.resolver';
import { authChecker } from '../auth/auth-checker';

export function buildApiSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [IdentityResolver, TenantResolver, TeamResolver, ComplaintResolver],
    authChecker,
    authMode: 'error',
    validate: false,
  });
}

/** The committed `api/schema.graphql`: sorted so that it only changes when the schema does. */
export async function printApiSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildApiSchema()))}\n`;
}
