/**
 * `@complaints/api/server`: the whole API process (GraphQL over HTTP and WebSocket) and, for local stacks,
 * tests and benchmarks, the embedded PostgreSQL and Temporal dev server. Kept apart from the package index
 * because it loads Apollo and type-graphql, which the worker must not.
 */
export { startApi, type RunningApi } from './app/start-api';
export { AnalyticsService } from './analytics/analytics.service';
export { LazyNativeConnection } from './lifecycle/native-connection';
export { startEmbeddedPostgres } from './dev/embedded/embedded-postgres';
export { startTemporalDevServer } from './dev/embedded/temporal-dev-server';
export { findFreePort } from './dev/embedded/process-control';
