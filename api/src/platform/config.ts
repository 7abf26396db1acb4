import { z } from 'zod';

/** Everything the API and worker read from the environment, validated once at start. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().positive().default(4000),
  DATABASE_URL: z.string().url(),
  /** The application's own login (NOBYPASSRLS, not owner); derived from DATABASE_URL when unset. */
  DATABASE_APP_URL: z.string().url().optional(),
  APP_DB_PASSWORD: z.string().min(8).default('complaints-app-dev'),
  JWT_SECRET: z.string().min(16).default('dev-only-secret-change-me-please'),
  TEMPORAL_ADDRESS: z.string().default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TASK_QUEUE: z.string().default('complaints'),
  ATTACHMENTS_DIR: z.string().default('.data/attachments'),
  LIVE_MAX_CONNECTIONS_PER_TENANT: z.coerce.number().int().positive().default(20_000),
  LIVE_MAX_CONNECTIONS_PER_CREDENTIAL: z.coerce.number().int().positive().default(50),
  LIVE_MAX_BUFFERED_EVENTS: z.coerce.number().int().positive().default(500),
  LIVE_KEEPALIVE_MS: z.coerce.number().int().positive().default(12_000),
});

export const APP_DB_ROLE = 'complaints_app';

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  adminDatabaseUrl: string;
  appDatabaseUrl: string;
  appDbPassword: string;
  jwtSecret: string;
  temporal: { address: string; namespace: string; taskQueue: string };
  attachmentsDir: string;
  live: { maxConnectionsPerTenant: number; maxConnectionsPerCredential: number; maxBufferedEvents: number; keepAliveMs: number };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.JWT_SECRET === envSchema.shape.JWT_SECRET.parse(undefined)) {
    throw new Error('JWT_SECRET must be set in production');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    adminDatabaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.DATABASE_APP_URL ?? appUrlFrom(e.DATABASE_URL, e.APP_DB_PASSWORD),
    appDbPassword: e.APP_DB_PASSWORD,
    jwtSecret: e.JWT_SECRET,
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TASK_QUEUE },
    attachmentsDir: e.ATTACHMENTS_DIR,
    live: {
      maxConnectionsPerTenant: e.LIVE_MAX_CONNECTIONS_PER_TENANT,
      maxConnectionsPerCredential: e.LIVE_MAX_CONNECTIONS_PER_CREDENTIAL,
      maxBufferedEvents: e.LIVE_MAX_BUFFERED_EVENTS,
      keepAliveMs: e.LIVE_KEEPALIVE_MS,
    },
  };
}

function appUrlFrom(adminUrl: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = APP_DB_ROLE;
  url.password = password;
  return url.toString();
}
