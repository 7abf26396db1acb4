import type { EntityManager } from '@mikro-orm/postgresql';
import { enterTenant, filterToTenant, type TenantScope } from '../platform/db/tenant-scope';
import { unauthenticated } from '../platform/errors';
import { ANONYMOUS, type OperatorPrincipal, type Principal, type StaffPrincipal } from '../platform/auth/principal';
import { grantsOf } from '../platform/auth/permissions';
import { Complaint } from '../complaint/complaint.entity';
import type { TenantConfigService } from '../tenant/tenant-config.service';
import type { TenantStatusGate } from '../tenant/tenant-status';
import { PlatformOperator } from '../operator/platform-operator.entity';
import { parseApiKey, secretMatches } from './api-key-secret';
import type { ApiKeyRateLimit } from './api-key-limit';
import { ApiKey } from './api-key.entity';
import type { LoginThrottle } from './login-throttle';
import { verifyPassword } from './password';
import type { SessionState, StaffSessions } from './staff-sessions';
import type { StaffSessionRow } from './recent-staff-sessions';
import { OPERATOR_TOKEN_SECONDS, type TokenIssuer } from './tokens';
import { User } from './user.entity';

export interface AuthSession {
  principal: Principal;
  /** The tenant's configuration version, when authentication read it (staff): the operation reuses it. */
  configVersion?: number;
  /** The principal's tenant, entered on the operation's EntityManager; absent for the anonymous principal. */
  scope?: TenantScope;
}

export interface OperatorToken {
  accessToken: string;
  expiresAt: Date;
  operator: PlatformOperator;
}

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  user: User;
}

/** Security events worth an operator's attention: structured fields, never a token or password. */
export type SecurityLog = (event: string, fields: Record<string, string | number>) => void;

const LAST_USED_RESOLUTION_MS = 60_000;
const BAD_CREDENTIALS = 'Unknown tenant, email or password';
const EXPIRED_ACCESS = 'The access token is invalid or expired';
const EXPIRED_SESSION = 'The session has expired; sign in again';
const BAD_OPERATOR_CREDENTIALS = 'Unknown operator email or password';
/** The login throttle's account key space for operators: no tenant slug can start with '@'. */
const OPERATOR_REALM = '@platform';

/** Turns credentials into a principal. Every failure answers the same words: no account probing. */
export class AuthService {
  constructor(
    private readonly tokens: TokenIssuer,
    private readonly tenantConfig: TenantConfigService,
    private readonly sessions: StaffSessions,
    private readonly limits: { login: LoginThrottle; apiKeys: ApiKeyRateLimit },
    private readonly securityLog: SecurityLog,
    private readonly tenantStatus: TenantStatusGate,
  ) {}

  async login(em: EntityManager, tenantSlug: string, email: string, password: string, clientIp: string): Promise<AuthTokens> {
    const user = await this.limits.login.attempt(tenantSlug, email, clientIp, async () => {
      const [tenant] = await em.execute<{ id: string }[]>('select id from auth_tenant_by_slug(?)', [tenantSlug]);
      const found = tenant ? await this.findActiveUser(em, tenant.id, { email: email.trim().toLowerCase() }) : null;
      const ok = await verifyPassword(password, found?.passwordHash);
      return found && ok ? found : null;
    });
    if (!user) throw unauthenticated(BAD_CREDENTIALS);
    await this.tenantStatus.assertActive(filterToTenant(em, user.tenantId));
    const session = await this.sessions.open(filterToTenant(em, user.tenantId), user.id);
    return this.issue(user, session);
  }

  /** Operator sign-in: the same throttle and password hashing as staff, a token of its own kind and no tenant. */
  async operatorLogin(em: EntityManager, email: string, password: string, clientIp: string): Promise<OperatorToken> {
    const operator = await this.limits.login.attempt(OPERATOR_REALM, email, clientIp, async () => {
      const found = await em.findOne(PlatformOperator, { email: email.trim().toLowerCase(), active: true }, { populate: ['passwordHash'] });
      const ok = await verifyPassword(password, found?.passwordHash);
      return found && ok ? found : null;
    });
    if (!operator) throw unauthenticated(BAD_OPERATOR_CREDENTIALS);
    const accessToken = await this.tokens.sign({ tenantId: '', subject: operator.id, use: 'operator' });
    return { accessToken, operator, expiresAt: new Date(Date.now() + OPERATOR_TOKEN_SECONDS * 1000) };
  }

  /**
   * Each refresh token works once: it returns the session's next refresh token. A token already replaced
   * ends the whole session (someone else holds its successor), except when it comes back within the grace
   * period after its own rotation (a lost response retried, two tabs racing): then it gets that same successor.
   */
  async refresh(em: EntityManager, refreshToken: string): Promise<AuthTokens> {
    const claims = await this.tokens.verify(refreshToken);
    if (claims?.use !== 'refresh' || !claims.session || claims.generation === undefined) throw unauthenticated(EXPIRED_SESSION);
    const rotation = await this.sessions.rotate(claims.tenantId, claims.session, claims.generation);
    if (!rotation || rotation.userId !== claims.subject) throw unauthenticated(EXPIRED_SESSION);
    if (rotation.outcome === 'reused') {
      this.securityLog('auth.refresh_token_reused', {
        tenantId: claims.tenantId,
        userId: claims.subject,
        sessionId: claims.session,
        presentedGeneration: claims.generation,
        currentGeneration: rotation.session.generation,
      });
    }
    if (rotation.outcome === 'reused' || rotation.outcome === 'ended') throw unauthenticated(EXPIRED_SESSION);
    const user = await this.findActiveUser(em, claims.tenantId, { id: claims.subject });
    if (!user) throw unauthenticated(EXPIRED_SESSION);
    return this.issue(user, rotation.session);
  }

  /** Ends the session the caller's access token belongs to. */
  logout(scope: TenantScope, principal: StaffPrincipal): Promise<boolean> {
    return this.sessions.end(scope, principal.userId, principal.sessionId, 'logout');
  }

  /** Ends every session of the caller, this one included; how many were open. */
  signOutEverywhere(scope: TenantScope, principal: StaffPrincipal): Promise<number> {
    return this.sessions.endAllOf(scope, principal.userId, 'sign_out_everywhere');
  }

  /** Reads `Authorization: Bearer <jwt>` or `Authorization: ApiKey <key>`; enters the principal's tenant. */
  async authenticate(em: EntityManager, authorization: string | undefined): Promise<Principal> {
    return (await this.identify(em, authorization)).principal;
  }

  /**
   * `authenticate` for an operation about to run, plus what it learnt on the way that the operation would
   * otherwise read again. Each operation counts against its API key's request budget (re-checks of a
   * live subscription's credential, through `authenticate`, do not).
   */
  async session(em: EntityManager, authorization: string | undefined): Promise<AuthSession> {
    const session = await this.identify(em, authorization);
    const { principal } = session;
    if (principal.kind === 'api_key') await this.limits.apiKeys.take({ tenantId: principal.tenantId, apiKeyId: principal.apiKeyId });
    return session;
  }

  private async identify(em: EntityManager, authorization: string | undefined): Promise<AuthSession> {
    if (!authorization) return { principal: ANONYMOUS };
    const [scheme, credential] = authorization.trim().split(/\s+/, 2);
    if (!credential) throw unauthenticated('Malformed Authorization header');
    if (scheme?.toLowerCase() === 'bearer') return this.bearerSession(em, credential);
    if (scheme?.toLowerCase() === 'apikey') return this.apiKeySession(em, credential);
    throw unauthenticated(`Unsupported authorization scheme "${scheme}"`);
  }

  /** Portal tokens for one complaint (see trackComplaint). */
  issuePortalToken(tenantId: string, complaintId: string): Promise<string> {
    return this.tokens.sign({ tenantId, subject: complaintId, use: 'portal' });
  }

  private async bearerSession(em: EntityManager, token: string): Promise<AuthSession> {
    const claims = await this.tokens.verify(token);
    if (claims?.use === 'operator') return { principal: await this.operatorPrincipal(em, claims.subject) };
    if (claims?.use === 'portal') {
      const scope = await enterTenant(em, claims.tenantId);
      await this.tenantStatus.assertActive(scope);
      const exists = await em.count(Complaint, { tenantId: claims.tenantId, id: claims.subject });
      if (!exists) throw unauthenticated('The portal token is invalid or expired');
      return { principal: { kind: 'portal', tenantId: claims.tenantId, complaintId: claims.subject, permissions: grantsOf({ kind: 'portal' }) }, scope };
    }
    if (claims?.use !== 'access' || !claims.session) throw unauthenticated(EXPIRED_ACCESS);
    const { scope, row } = await this.staffSession(em, claims.tenantId, claims.subject, claims.session);
    await this.tenantStatus.assertActive(scope);
    const config = await this.tenantConfig.atVersion(scope, row.config_version);
    const principal: Principal = {
      kind: 'user',
      tenantId: claims.tenantId,
      userId: claims.subject,
      sessionId: claims.session,
      displayName: row.display_name,
      roles: row.roles,
      permissions: grantsOf({ kind: 'staff', roles: config.roles, roleCodes: row.roles }),
    };
    return { principal, configVersion: row.config_version, scope };
  }

  /** The tenant entered and the session's user, read at most once per STAFF_SESSION_TRUST_MS (see RecentStaffSessions). */
  private async staffSession(em: EntityManager, tenantId: string, userId: string, sessionId: string): Promise<{ scope: TenantScope; row: StaffSessionRow }> {
    const recent = this.sessions.recent.get(tenantId, userId, sessionId);
    if (recent) return { scope: await enterTenant(em, tenantId), row: recent };
    // One round trip enters the tenant and reads the active user of the open session with the tenant's configuration version.
    const [row] = await em.execute<StaffSessionRow[]>('select * from auth_staff_session(?, ?, ?)', [tenantId, userId, sessionId]);
    const scope = filterToTenant(em, tenantId);
    if (!row) throw unauthenticated(EXPIRED_ACCESS);
    this.sessions.recent.remember(tenantId, userId, sessionId, row);
    return { scope, row };
  }

  private async apiKeySession(em: EntityManager, token: string): Promise<AuthSession> {
    const parsed = parseApiKey(token);
    const [row] = parsed
      ? await em.execute<{ id: string; tenant_id: string; secret_hash: string; scopes: string[]; revoked_at: Date | null }[]>('select * from auth_api_key(?)', [
          parsed.prefix,
        ])
      : [];
    if (!parsed || !row || row.revoked_at || !secretMatches(parsed.secret, row.secret_hash)) {
      throw unauthenticated('The API key is invalid or revoked');
    }
    const scope = await enterTenant(em, row.tenant_id);
    await this.tenantStatus.assertActive(scope);
    const key = await em.findOneOrFail(ApiKey, { id: row.id });
    // Throttled so a busy frontend does not write this row on every request; a direct UPDATE, so it
    // commits with read-only operations too (their unit of work is discarded).
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await em.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: new Date() });
    }
    return {
      principal: { kind: 'api_key', tenantId: row.tenant_id, apiKeyId: row.id, name: key.name, permissions: grantsOf({ kind: 'api_key', scopes: row.scopes }) },
      scope,
    };
  }

  /** Re-read per request, so a deactivated operator's token stops working at once. */
  private async operatorPrincipal(em: EntityManager, operatorId: string): Promise<OperatorPrincipal> {
    const operator = await em.findOne(PlatformOperator, { id: operatorId, active: true });
    if (!operator) throw unauthenticated(EXPIRED_ACCESS);
    return { kind: 'operator', operatorId: operator.id, email: operator.email, displayName: operator.displayName, permissions: grantsOf({ kind: 'operator' }) };
  }

  private async findActiveUser(em: EntityManager, tenantId: string, where: { id: string } | { email: string }): Promise<User | null> {
    const scope = await enterTenant(em, tenantId);
    return scope.em.findOne(User, { ...where, tenantId, active: true }, { populate: ['passwordHash'] });
  }

  /** The refresh token is issued at the session's rotation time, so one generation always signs to one token. */
  private async issue(user: User, session: SessionState): Promise<AuthTokens> {
    const claims = { tenantId: user.tenantId, subject: user.id, session: session.id };
    const [accessToken, refreshToken] = await Promise.all([
      this.tokens.sign({ ...claims, use: 'access' }),
      this.tokens.sign({ ...claims, use: 'refresh', generation: session.generation }, session.rotatedAt),
    ]);
    return { accessToken, refreshToken, user };
  }
}
