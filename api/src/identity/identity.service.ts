import type { EntityManager } from '@mikro-orm/postgresql';
import { PERMISSIONS, type TenantConfig } from '@complaints/tenant-config';
import { isEmail, isUuid } from '../platform/ids';
import { badInput, conflict, notFound, type FieldError } from '../platform/errors';
import { generateApiKey } from './api-key-secret';
import { ApiKey } from './api-key.entity';
import type { CreateApiKeyInput, CreateUserInput, UpdateUserInput } from './identity.types';
import { hashPassword } from './password';
import type { StaffSessions } from './staff-sessions';
import { User } from './user.entity';
import type { TenantScope } from '../platform/db/tenant-scope';

const MIN_PASSWORD = 10;

/** Staff accounts and API keys of one tenant. */
export class IdentityService {
  constructor(private readonly sessions: StaffSessions) {}

  users(scope: TenantScope): Promise<User[]> {
    const { em, tenantId } = scope;
    return em.find(User, { tenantId }, { orderBy: { email: 'asc' } });
  }

  /** Active staff, by name: the people a complaint may be assigned to. */
  assignableStaff(scope: TenantScope): Promise<User[]> {
    const { em, tenantId } = scope;
    return em.find(User, { tenantId, active: true }, { orderBy: { displayName: 'asc' } });
  }

  async user(scope: TenantScope, id: string): Promise<User> {
    const { em, tenantId } = scope;
    const user = isUuid(id) ? await em.findOne(User, { tenantId, id }) : null;
    if (!user) throw notFound('User');
    return user;
  }

  async createUser(scope: TenantScope, config: TenantConfig, input: CreateUserInput): Promise<User> {
    const { em, tenantId } = scope;
    const email = input.email.trim().toLowerCase();
    const errors = [
      ...(isEmail(email) ? [] : [{ path: 'input.email', message: 'Not an email address' }]),
      ...(input.displayName.trim() ? [] : [{ path: 'input.displayName', message: 'Name is required' }]),
      ...passwordErrors(input.password),
      ...membershipErrors(config, input.roles, input.teams),
    ];
    if (errors.length) throw badInput(errors);
    if (await em.findOne(User, { tenantId, email })) throw conflict(`A user with email ${email} already exists`);
    const user = em.create(User, {
      email,
      displayName: input.displayName.trim(),
      passwordHash: await hashPassword(input.password),
      roles: [...new Set(input.roles)],
      teams: [...new Set(input.teams)],
      active: true,
    } as User);
    await em.flush();
    return user;
  }

  async updateUser(scope: TenantScope, config: TenantConfig, id: string, input: UpdateUserInput): Promise<User> {
    const { em } = scope;
    const user = await this.user(scope, id);
    const errors = [
      ...(input.displayName != null && !input.displayName.trim() ? [{ path: 'input.displayName', message: 'Name is required' }] : []),
      ...(input.password != null ? passwordErrors(input.password) : []),
      ...membershipErrors(config, input.roles ?? [], input.teams ?? []),
    ];
    if (errors.length) throw badInput(errors);
    if (input.displayName != null) user.displayName = input.displayName.trim();
    if (input.password != null) user.passwordHash = await hashPassword(input.password);
    if (input.roles != null) user.roles = [...new Set(input.roles)];
    if (input.teams != null) user.teams = [...new Set(input.teams)];
    const deactivated = input.active === false && user.active;
    if (input.active != null) user.active = input.active;
    await em.flush();
    // New roles, name or state apply to the user's next request, not after the sessions' trust window.
    this.sessions.recent.forgetUser(scope.tenantId, user.id);
    // A new password or a deactivation ends every session: reactivating the account brings none back.
    if (input.password != null) await this.sessions.endAllOf(scope, user.id, 'password_changed');
    else if (deactivated) await this.sessions.endAllOf(scope, user.id, 'deactivated');
    return user;
  }

  apiKeys(scope: TenantScope): Promise<ApiKey[]> {
    const { em, tenantId } = scope;
    return em.find(ApiKey, { tenantId }, { orderBy: { createdAt: 'desc' } });
  }

  async createApiKey(em: EntityManager, createdById: string | null, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
    const unknown = input.scopes.filter((s) => !(PERMISSIONS as readonly string[]).includes(s));
    const errors: FieldError[] = [
      ...(input.name.trim() ? [] : [{ path: 'input.name', message: 'Name is required' }]),
      ...(input.scopes.length ? [] : [{ path: 'input.scopes', message: 'Grant at least one scope' }]),
      ...unknown.map((s) => ({ path: 'input.scopes', message: `Unknown scope "${s}"` })),
    ];
    if (errors.length) throw badInput(errors);
    const generated = generateApiKey();
    const apiKey = em.create(ApiKey, {
      name: input.name.trim(),
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes: [...new Set(input.scopes)],
      createdById,
    } as ApiKey);
    await em.flush();
    return { apiKey, secret: generated.token };
  }

  async revokeApiKey(scope: TenantScope, id: string): Promise<ApiKey> {
    const { em, tenantId } = scope;
    const apiKey = isUuid(id) ? await em.findOne(ApiKey, { tenantId, id }) : null;
    if (!apiKey) throw notFound('API key');
    apiKey.revokedAt ??= new Date();
    await em.flush();
    return apiKey;
  }
}

function passwordErrors(password: string): FieldError[] {
  return password.length >= MIN_PASSWORD ? [] : [{ path: 'input.password', message: `Password must be at least ${MIN_PASSWORD} characters` }];
}

function membershipErrors(config: TenantConfig, roles: string[], teams: string[]): FieldError[] {
  return [
    ...roles.filter((r) => !config.roles.some((x) => x.code === r)).map((r) => ({ path: 'input.roles', message: `Unknown role "${r}"` })),
    ...teams.filter((t) => !config.teams.some((x) => x.code === t)).map((t) => ({ path: 'input.teams', message: `Unknown team "${t}"` })),
  ];
}
