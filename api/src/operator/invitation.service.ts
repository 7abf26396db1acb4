import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Locale } from '@complaints/tenant-config';
import type { AuditLog } from '../audit/audit-log.service';
import { hashPassword } from '../identity/password';
import { User } from '../identity/user.entity';
import type { ChannelAdapters } from '../notifications/notification-channel';
import type { AppConfig } from '../platform/config';
import { enterTenant, type TenantScope } from '../platform/db/tenant-scope';
import { AppError, badInput, ErrorCode, serviceUnavailable } from '../platform/errors';
import { Tenant } from '../tenant/tenant.entity';
import type { TenantStatusGate } from '../tenant/tenant-status';
import { TenantInvitation } from './tenant-invitation.entity';

const TOKEN_PREFIX = 'inv_';
/** As for staff passwords set by an admin (identity.service). */
const MIN_PASSWORD = 10;
const INVALID = 'The invitation link is invalid, expired or already used';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface AcceptedInvitation {
  tenantSlug: string;
  email: string;
}

const TEXT: Record<Locale, { subject: (tenant: string) => string; body: (tenant: string, link: string, hours: number) => string }> = {
  'zh-CN': {
    subject: (tenant) => `邀请您管理 ${tenant}`,
    body: (tenant, link, hours) => `您已被邀请成为 ${tenant} 的管理员。请在 ${hours} 小时内打开以下链接设置密码：\n${link}\n`,
  },
  en: {
    subject: (tenant) => `You are invited to administer ${tenant}`,
    body: (tenant, link, hours) =>
      `You have been invited as the administrator of ${tenant}. Open this link within ${hours} hours to set your password:\n${link}\n`,
  },
};

/** One-time invitation links for a tenant's users: issued at provisioning, sent by email, accepted once. */
export class InvitationService {
  constructor(
    private readonly channels: ChannelAdapters,
    private readonly config: AppConfig['invitations'],
    private readonly audit: AuditLog,
  ) {}

  /** Stores the invitation and returns the link; nothing is sent yet. */
  async issue(scope: TenantScope, userId: string): Promise<{ invitation: TenantInvitation; link: string }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const invitation = scope.em.create(TenantInvitation, {
      tenantId: scope.tenantId,
      userId,
      tokenHash: hashOf(token),
      expiresAt: new Date(Date.now() + this.config.ttlHours * 3600_000),
    });
    await scope.em.flush();
    const link = `${this.config.acceptUrl}?token=${encodeURIComponent(token)}`;
    return { invitation, link };
  }

  /** Sends the link through the email channel; a failed send fails the caller's transaction (no tenant without its admin's link). */
  async send(invitation: TenantInvitation, to: string, tenantName: string, locale: Locale, link: string): Promise<void> {
    const text = TEXT[locale];
    try {
      await this.channels.email.send({
        channel: 'email',
        to,
        subject: text.subject(tenantName),
        body: text.body(tenantName, link, this.config.ttlHours),
        locale,
        messageId: `invitation:${invitation.id}`,
        tenantId: invitation.tenantId,
        kind: 'tenant.invitation',
      });
    } catch {
      throw serviceUnavailable('The invitation email could not be sent; nothing was created, try again', 30);
    }
  }

  /** Sets the invited user's password and spends the link; a second use, or an expired link, is refused. */
  async accept(em: EntityManager, tenantStatus: TenantStatusGate, token: string, password: string): Promise<AcceptedInvitation> {
    if (password.length < MIN_PASSWORD) throw badInput([{ path: 'password', message: `Password must be at least ${MIN_PASSWORD} characters` }]);
    const [row] = token.startsWith(TOKEN_PREFIX)
      ? await em.execute<{ id: string; tenant_id: string; user_id: string; expires_at: string; accepted_at: string | null }[]>(
          'select * from auth_invitation(?)',
          [hashOf(token)],
        )
      : [];
    if (!row || row.accepted_at || new Date(row.expires_at).getTime() <= Date.now()) throw new AppError(ErrorCode.NOT_FOUND, INVALID);
    const scope = await enterTenant(em, row.tenant_id);
    await tenantStatus.assertActive(scope);
    // Spent first, conditionally: of two concurrent acceptances only one updates the row.
    const spent = await em.nativeUpdate(TenantInvitation, { id: row.id, acceptedAt: null }, { acceptedAt: new Date() });
    if (!spent) throw new AppError(ErrorCode.NOT_FOUND, INVALID);
    const user = await em.findOneOrFail(User, { id: row.user_id, tenantId: row.tenant_id });
    await em.nativeUpdate(User, { id: user.id }, { passwordHash: await hashPassword(password), active: true });
    const tenant = await em.findOneOrFail(Tenant, { id: row.tenant_id });
    await this.audit.record(
      scope,
      { type: 'user', id: user.id, name: user.displayName },
      { action: 'user_invitation_accepted', targetType: 'user', targetId: user.id, after: { email: user.email } },
    );
    return { tenantSlug: tenant.slug, email: user.email };
  }
}
