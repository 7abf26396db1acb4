/** Every administrative action the audit log records; a closed set so filters and reports can rely on it. */
export const AUDIT_ACTIONS = [
  'tenant_created',
  'tenant_suspended',
  'tenant_resumed',
  'tenant_plan_changed',
  'tenant_config_saved',
  'user_created',
  'user_updated',
  'user_invitation_accepted',
  'team_saved',
  'team_deleted',
  'apikey_created',
  'apikey_revoked',
  'webhook_created',
  'webhook_updated',
  'webhook_secret_rotated',
  'webhook_deleted',
  'knowledge_article_created',
  'knowledge_article_updated',
  'knowledge_article_status_changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTOR_TYPES = ['user', 'api_key', 'operator', 'system'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];
