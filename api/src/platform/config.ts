import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEV_SECRETS_KEY } from './secrets/secret-box';
import type { LogOptions } from './observability/logger';

/** Everything the API and worker read from the environment, validated once at start. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().positive().default(4000),
  DATABASE_URL: z.string().url(),
  /** The application's own login (NOBYPASSRLS, not owner); derived from DATABASE_URL when unset. */
  DATABASE_APP_URL: z.string().url().optional(),
  APP_DB_PASSWORD: z.string().min(8).default('complaints-app-dev'),
  /** The API's PostgreSQL connections; default below. */
  API_DB_POOL_SIZE: z.coerce.number().int().positive().optional(),
  /** How long a request waits for a free pooled connection before answering SERVICE_UNAVAILABLE. */
  API_DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** How long a lifecycle action or query waits on Temporal and the worker before answering SERVICE_UNAVAILABLE. */
  LIFECYCLE_UPDATE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** After SIGTERM, how long in-flight requests may finish before the API cuts the connections left. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().positive().default(10_000),
  JWT_SECRET: z.string().min(16).default('dev-only-secret-change-me-please'),
  /** How long an already-rotated refresh token still gets its successor back instead of ending the session. */
  REFRESH_TOKEN_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(100),
  LOGIN_LOCK_SECONDS: z.coerce.number().int().positive().default(900),
  /** The default request budget of one API key; a tenant's plan may set another (ApiKeyRequestsPerMinute). */
  API_KEY_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  TEMPORAL_ADDRESS: z.string().default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TASK_QUEUE: z.string().default('complaints'),
  ATTACHMENTS_DIR: z.string().default('.data/attachments'),
  LIVE_MAX_CONNECTIONS_PER_TENANT: z.coerce.number().int().positive().default(20_000),
  LIVE_MAX_CONNECTIONS_PER_CREDENTIAL: z.coerce.number().int().positive().default(50),
  LIVE_MAX_BUFFERED_EVENTS: z.coerce.number().int().positive().default(500),
  LIVE_KEEPALIVE_MS: z.coerce.number().int().positive().default(12_000),
  /** How often the live tail reads the timeline without a wake-up (writers' NOTIFY wakes it at once). */
  LIVE_POLL_MS: z.coerce.number().int().positive().default(250),
  /** e.g. smtp://user:pass@mail.example.com:587; unset: the worker only logs email notifications. */
  SMTP_URL: z.string().url().optional(),
  NOTIFY_FROM: z.string().default('Complaints <no-reply@complaints.local>'),
  /** The SMS / push provider gateway (JSON POST per message); unset: those are only logged. */
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  /**
   * Browser origins allowed to call the API cross-origin (comma-separated, e.g. the admin UI's
   * https://admin.example.com); the portal's origin (PORTAL_URL) is always allowed. `*` only outside production.
   */
  CORS_ORIGINS: z.string().default('http://localhost:4200'),
  /** Where complainants follow their complaint; links in customer messages start here. */
  PORTAL_URL: z.string().url().default('http://localhost:4200/portal'),
  /** The admin UI page that accepts an invitation; links in invitation emails are `<this>?token=…`. */
  INVITATION_URL: z.string().url().default('http://localhost:4200/invitation'),
  INVITATION_TTL_HOURS: z.coerce.number().int().positive().max(720).default(72),
  /** AES-256 key for secrets at rest (base64 of 32 bytes); the previous one still decrypts during a rotation. */
  SECRETS_KEY: z.string().optional().refine(isKey, 'must be base64 of 32 bytes'),
  SECRETS_KEY_PREVIOUS: z.string().optional().refine(isKey, 'must be base64 of 32 bytes'),
  /** Exceptions to the outbound address policy: host names, IPs, CIDRs, comma-separated (dev and tests: 127.0.0.1). */
  OUTBOUND_ALLOWED_HOSTS: z.string().default(''),
  DELIVERY_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  DELIVERY_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
  DELIVERY_RETRY_MAX_MS: z.coerce.number().int().positive().default(3_600_000),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  /** Default: warn under tests, info otherwise. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Default: pretty outside production when stdout is a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** The worker's own HTTP port for /metrics, /healthz and /readyz (the API serves them on PORT). */
  WORKER_METRICS_PORT: z.coerce.number().int().positive().default(9464),
  /** A worker dedicated to one tenant: its outbox relays sweep only that tenant's rows. Unset: every tenant. */
  WORKER_TENANT_ID: z.string().uuid().optional(),
  /** e.g. http://jaeger:4318 (OTLP over HTTP); unset: no traces are recorded. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
});

function isKey(value: string | undefined): boolean {
  return value === undefined || Buffer.from(value, 'base64').length === 32;
}

export const APP_DB_ROLE = 'complaints_app';

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  adminDatabaseUrl: string;
  appDatabaseUrl: string;
  appDbPassword: string;
  apiDbPoolSize: number;
  apiDbAcquireTimeoutMs: number;
  lifecycleUpdateTimeoutMs: number;
  shutdownDrainMs: number;
  jwtSecret: string;
  sessions: { refreshGraceSeconds: number };
  rateLimits: { login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; lockSeconds: number }; apiKeyRequestsPerMinute: number };
  temporal: { address: string; namespace: string; taskQueue: string };
  attachmentsDir: string;
  live: { maxConnectionsPerTenant: number; maxConnectionsPerCredential: number; maxBufferedEvents: number; keepAliveMs: number; pollMs: number };
  /** Exact origins (scheme://host[:port]) allowed cross-origin, or ['*'] outside production. */
  corsOrigins: string[];
  notifications: { smtpUrl?: string; from: string; providerWebhookUrl?: string; portalUrl: string };
  invitations: { acceptUrl: string; ttlHours: number };
  /** Keys of `platform/secrets/secret-box.ts`. */
  secrets: { key: Buffer; previousKey: Buffer | null };
  /** Entries of the outbound allow-list (`platform/net/allow-list.ts`). */
  outbound: { allowedHosts: string[] };
  /** Notification and webhook delivery in the worker: poll interval and exponential backoff. */
  delivery: { intervalMs: number; retry: RetryPolicy };
  log: LogOptions;
  telemetry: { workerMetricsPort: number; otlpEndpoint?: string };
  worker: { tenantId?: string };
}

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
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
  if (e.NODE_ENV === 'production' && !e.SECRETS_KEY) throw new Error('SECRETS_KEY must be set in production (base64 of 32 random bytes)');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    adminDatabaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.DATABASE_APP_URL ?? appUrlFrom(e.DATABASE_URL, e.APP_DB_PASSWORD),
    appDbPassword: e.APP_DB_PASSWORD,
    apiDbPoolSize: e.API_DB_POOL_SIZE ?? defaultApiPoolSize(),
    apiDbAcquireTimeoutMs: e.API_DB_ACQUIRE_TIMEOUT_MS,
    lifecycleUpdateTimeoutMs: e.LIFECYCLE_UPDATE_TIMEOUT_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    jwtSecret: e.JWT_SECRET,
    sessions: { refreshGraceSeconds: e.REFRESH_TOKEN_REUSE_GRACE_SECONDS },
    rateLimits: {
      login: { maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT, maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP, lockSeconds: e.LOGIN_LOCK_SECONDS },
      apiKeyRequestsPerMinute: e.API_KEY_REQUESTS_PER_MINUTE,
    },
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TASK_QUEUE },
    attachmentsDir: e.ATTACHMENTS_DIR,
    live: {
      maxConnectionsPerTenant: e.LIVE_MAX_CONNECTIONS_PER_TENANT,
      maxConnectionsPerCredential: e.LIVE_MAX_CONNECTIONS_PER_CREDENTIAL,
      maxBufferedEvents: e.LIVE_MAX_BUFFERED_EVENTS,
      keepAliveMs: e.LIVE_KEEPALIVE_MS,
      pollMs: e.LIVE_POLL_MS,
    },
    corsOrigins: corsOriginsOf(e.CORS_ORIGINS, e.PORTAL_URL, e.NODE_ENV),
    notifications: { smtpUrl: e.SMTP_URL, from: e.NOTIFY_FROM, providerWebhookUrl: e.NOTIFY_WEBHOOK_URL, portalUrl: e.PORTAL_URL },
    invitations: { acceptUrl: e.INVITATION_URL, ttlHours: e.INVITATION_TTL_HOURS },
    secrets: {
      key: e.SECRETS_KEY ? Buffer.from(e.SECRETS_KEY, 'base64') : DEV_SECRETS_KEY,
      previousKey: e.SECRETS_KEY_PREVIOUS ? Buffer.from(e.SECRETS_KEY_PREVIOUS, 'base64') : null,
    },
    outbound: {
      allowedHosts: e.OUTBOUND_ALLOWED_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    },
    delivery: {
      intervalMs: e.DELIVERY_INTERVAL_MS,
      retry: { baseMs: e.DELIVERY_RETRY_BASE_MS, maxMs: e.DELIVERY_RETRY_MAX_MS, maxAttempts: e.DELIVERY_MAX_ATTEMPTS },
    },
    log: {
      level: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'warn' : 'info'),
      pretty: e.LOG_FORMAT ? e.LOG_FORMAT === 'pretty' : e.NODE_ENV !== 'production' && process.stdout.isTTY === true,
    },
    telemetry: { workerMetricsPort: e.WORKER_METRICS_PORT, otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT },
    worker: { tenantId: e.WORKER_TENANT_ID },
  };
}

/**
 * Two connections per core, plus two: more transactions running at once than the database's cores can
 * serve only add context switches. Under many intake clients this small pool took more intakes per second
 * than a large one, with less CPU per intake in the API, PostgreSQL and Temporal (figures: README, "Figures
 * behind the defaults").
 */
function defaultApiPoolSize(): number {
  return 2 * availableParallelism() + 2;
}

function corsOriginsOf(list: string, portalUrl: string, env: AppConfig['env']): string[] {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.includes('*')) {
    if (env === 'production') throw new Error('CORS_ORIGINS must list origins in production, not *');
    return ['*'];
  }
  const origins = entries.map((entry) => {
    const origin = URL.canParse(entry) ? new URL(entry).origin : 'null';
    if (origin === 'null' || origin !== entry.replace(/\/$/, '')) throw new Error(`CORS_ORIGINS: ${entry} is not an origin such as https://admin.example.com`);
    return origin;
  });
  return [...new Set([...origins, new URL(portalUrl).origin])];
}

function appUrlFrom(adminUrl: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = APP_DB_ROLE;
  url.password = password;
  return url.toString();
}
