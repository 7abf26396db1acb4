import type { EntityManager } from '@mikro-orm/postgresql';
import { validateTenantConfig, type TenantConfig } from '@complaints/tenant-config';
import { enterTenant } from '../platform/db/tenant-scope';
import { badInput, notFound } from '../platform/errors';
import { Team } from '../identity/team.entity';
import { Tenant, TenantConfigVersion } from './tenant.entity';
import type { TenantScope } from '../platform/db/tenant-scope';

export interface VersionedConfig {
  version: number;
  config: TenantConfig;
}

/** Reads and writes a tenant's configuration; every change is a new, validated version. */
export class TenantConfigService {
  /** Versions are immutable, so (tenant, version) → config can be cached forever. */
  private readonly cache = new Map<string, TenantConfig>();

  /** `onNewVersion` hears of each version this process appends (credentials remembered with the old one are dropped). */
  constructor(private readonly onNewVersion: (tenantId: string) => void = () => {}) {}

  async current(scope: TenantScope): Promise<VersionedConfig> {
    const { em, tenantId } = scope;
    const tenant = await em.findOne(Tenant, { id: tenantId });
    if (!tenant) throw notFound('Tenant');
    return { version: tenant.configVersion, config: await this.atVersion(scope, tenant.configVersion) };
  }

  async atVersion(scope: TenantScope, version: number): Promise<TenantConfig> {
    const { em, tenantId } = scope;
    const key = `${tenantId}:${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = await em.findOne(TenantConfigVersion, { tenantId, version });
    if (!row) throw notFound(`Configuration version ${version}`);
    this.cache.set(key, row.config);
    return row.config;
  }

  history(scope: TenantScope, first: number): Promise<TenantConfigVersion[]> {
    const { em, tenantId } = scope;
    return em.find(TenantConfigVersion, { tenantId }, { orderBy: { version: 'desc' }, limit: first });
  }

  async version(scope: TenantScope, version: number): Promise<TenantConfigVersion> {
    const { em, tenantId } = scope;
    const row = await em.findOne(TenantConfigVersion, { tenantId, version });
    if (!row) throw notFound(`Configuration version ${version}`);
    return row;
  }

  /** Validates, then appends version N+1 under a row lock so concurrent editors cannot both win N+1. */
  async update(scope: TenantScope, input: unknown, actorId: string | null, note?: string | null): Promise<TenantConfigVersion> {
    const { em, tenantId } = scope;
    const result = validateTenantConfig(input);
    if (!result.ok) throw badInput(result.errors, `The configuration has ${result.errors.length} problem(s)`);
    const [locked] = await em.execute<{ config_version: number }[]>('select config_version from tenants where id = ? for update', [tenantId]);
    if (!locked) throw notFound('Tenant');
    const version = locked.config_version + 1;
    const row = em.create(TenantConfigVersion, { tenantId, version, config: result.config, note: note ?? null, createdById: actorId });
    await em.nativeUpdate(Tenant, { id: tenantId }, { configVersion: version });
    await this.syncTeams(scope, result.config);
    await em.flush();
    this.onNewVersion(tenantId);
    return row;
  }

  /**
   * Creates a tenant with its first configuration version (platform operators and the demo seed). `fields` sets
   * the rest of the row; the operator passes the id it already entered, so row-level security admits the insert.
   */
  async createTenant(
    em: EntityManager,
    slug: string,
    name: string,
    config: TenantConfig,
    fields: Partial<Pick<Tenant, 'id' | 'displayNameZh' | 'displayNameEn' | 'industryTemplate' | 'planCode'>> = {},
  ): Promise<Tenant> {
    const result = validateTenantConfig(config);
    if (!result.ok) throw badInput(result.errors);
    const tenant = em.create(Tenant, { ...fields, slug, name, configVersion: 1 });
    await em.flush();
    const scope = await enterTenant(em, tenant.id);
    em.create(TenantConfigVersion, { tenantId: tenant.id, version: 1, config: result.config, note: 'Initial configuration' });
    await this.syncTeams(scope, result.config);
    await em.flush();
    return tenant;
  }

  /** Mirrors the configured teams into the teams table (upsert current, delete removed). */
  private async syncTeams(scope: TenantScope, config: TenantConfig): Promise<void> {
    const { em, tenantId } = scope;
    const existing = await em.find(Team, { tenantId });
    const wanted = new Map(config.teams.map((t) => [t.code, t]));
    for (const team of existing) {
      const next = wanted.get(team.code);
      if (next) team.name = next.name;
      else em.remove(team);
      wanted.delete(team.code);
    }
    for (const team of wanted.values()) em.create(Team, { tenantId, code: team.code, name: team.name });
  }
}
