import type { RequestContext } from '../app/context';
import { ApiKey } from '../identity/api-key.entity';
import { User } from '../identity/user.entity';
import { Tenant } from '../tenant/tenant.entity';
import type { AuditSpec } from './audited';

/**
 * What the audit log keeps of each kind of target: enough to say what changed, never a password, secret or
 * message text.
 */
type Row = Record<string, unknown>;

const userSummary = (u: Pick<User, 'email' | 'displayName' | 'roles' | 'teams' | 'active'>): Row => ({
  email: u.email,
  displayName: u.displayName,
  roles: [...u.roles],
  teams: [...u.teams],
  active: u.active,
});

const apiKeySummary = (k: Pick<ApiKey, 'name' | 'prefix' | 'scopes' | 'revokedAt'>): Row => ({
  name: k.name,
  prefix: k.prefix,
  scopes: [...k.scopes],
  revoked: Boolean(k.revokedAt),
});

interface WebhookLike {
  id: string;
  url: string;
  eventKinds: string[];
  active: boolean;
}
const webhookSummary = (w: WebhookLike): Row => ({ url: w.url, eventKinds: [...w.eventKinds], active: w.active });

interface ArticleLike {
  id: string;
  title?: string;
  status?: string;
  version?: number;
}
const articleSummary = (a: ArticleLike): Row => ({ title: a.title ?? null, status: a.status ?? null, version: a.version ?? null });

async function configVersion(ctx: RequestContext): Promise<number> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenant().tenantId }, { refresh: true });
  return tenant.configVersion;
}

/** For mutations that save a configuration version: the version before and the one saved. */
export const configSaved = <Args>(targetOf?: (args: Args) => Row): AuditSpec<Args, unknown> => ({
  before: async (ctx) => ({ version: await configVersion(ctx) }),
  describe: async (_result, args, ctx) => {
    const version = await configVersion(ctx);
    return { targetType: 'tenant_config_version', targetId: String(version), after: { version, ...(targetOf ? targetOf(args) : {}) } };
  },
});

export const userCreated: AuditSpec<unknown, User> = {
  describe: (user) => ({ targetType: 'user', targetId: user.id, after: userSummary(user) }),
};

export const userUpdated: AuditSpec<{ id: string }, User> = {
  before: async (ctx, args) => {
    const user = await ctx.em.findOne(User, { id: args.id, tenantId: ctx.tenant().tenantId });
    return user ? userSummary(user) : null;
  },
  describe: (user) => ({ targetType: 'user', targetId: user.id, after: userSummary(user) }),
};

export const apiKeyCreated: AuditSpec<unknown, { apiKey: ApiKey }> = {
  describe: ({ apiKey }) => ({ targetType: 'api_key', targetId: apiKey.id, after: apiKeySummary(apiKey) }),
};

export const apiKeyRevoked: AuditSpec<{ id: string }, ApiKey> = {
  before: async (ctx, args) => {
    const key = await ctx.em.findOne(ApiKey, { id: args.id, tenantId: ctx.tenant().tenantId });
    return key ? apiKeySummary(key) : null;
  },
  describe: (key) => ({ targetType: 'api_key', targetId: key.id, after: apiKeySummary(key) }),
};

export const webhookCreated: AuditSpec<unknown, { subscription: WebhookLike }> = {
  describe: ({ subscription }) => ({ targetType: 'webhook_subscription', targetId: subscription.id, after: webhookSummary(subscription) }),
};

export const webhookChanged = <R extends WebhookLike | { subscription: WebhookLike }>(): AuditSpec<{ id: string }, R> => ({
  before: async (ctx, args) => {
    const found = (await ctx.services.webhooks.list(ctx.em)).find((w) => w.id === args.id);
    return found ? webhookSummary(found) : null;
  },
  describe: (result, args) => {
    const answer: WebhookLike | { subscription: WebhookLike } = result;
    const subscription = 'subscription' in answer ? answer.subscription : answer;
    return { targetType: 'webhook_subscription', targetId: args.id, after: webhookSummary(subscription) };
  },
});

export const webhookDeleted: AuditSpec<{ id: string }, boolean> = {
  before: async (ctx, args) => {
    const found = (await ctx.services.webhooks.list(ctx.em)).find((w) => w.id === args.id);
    return found ? webhookSummary(found) : null;
  },
  describe: (_deleted, args) => ({ targetType: 'webhook_subscription', targetId: args.id, after: null }),
};

export const articleChanged: AuditSpec<unknown, ArticleLike> = {
  describe: (article) => ({ targetType: 'knowledge_article', targetId: article.id, after: articleSummary(article) }),
};
