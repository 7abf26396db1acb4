import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { Principal } from '../platform/auth/principal';
import type { TenantScope } from '../platform/db/tenant-scope';
import { badInput } from '../platform/errors';
import type { AuditAction, AuditActorType } from './audit-actions';
import { AuditEntry } from './audit-entry.entity';

export interface AuditActor {
  type: AuditActorType;
  id: string | null;
  name: string | null;
}

export interface AuditRecord {
  action: AuditAction;
  targetType: string;
  targetId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditFilter {
  actions?: AuditAction[] | null;
  actorType?: AuditActorType | null;
  actorId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  hasNextPage: boolean;
}

type Cursor = [string, string];
export const encodeAuditCursor = (entry: AuditEntry): string => Buffer.from(JSON.stringify([entry.createdAt.toISOString(), entry.id])).toString('base64url');

function decodeCursor(cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && !Number.isNaN(Date.parse(String(value[0]))) && typeof value[1] === 'string') return value as Cursor;
  } catch {
    // falls through to the typed error
  }
  throw badInput([{ path: 'after', message: 'Malformed cursor' }]);
}

export function auditActorOf(principal: Principal): AuditActor {
  switch (principal.kind) {
    case 'user':
      return { type: 'user', id: principal.userId, name: principal.displayName };
    case 'api_key':
      return { type: 'api_key', id: principal.apiKeyId, name: principal.name };
    case 'operator':
      return { type: 'operator', id: principal.operatorId, name: principal.email };
    case 'portal':
    case 'anonymous':
      return { type: 'system', id: null, name: null };
  }
}

/**
 * The append-only audit log. `record` inserts at once, inside the operation's transaction: the entry commits
 * with the change it describes or not at all.
 */
export class AuditLog {
  async record(scope: TenantScope, actor: AuditActor, entry: AuditRecord): Promise<void> {
    await scope.em.insert(AuditEntry, {
      id: randomUUID(),
      tenantId: scope.tenantId,
      createdAt: new Date(),
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }

  /** Newest first, keyset-paged on (time, id). */
  async list(scope: TenantScope, filter: AuditFilter, first: number, after?: string | null): Promise<AuditPage> {
    const where: FilterQuery<AuditEntry> & Record<string, unknown> = { tenantId: scope.tenantId };
    if (filter.actions?.length) where.action = { $in: filter.actions };
    if (filter.actorType) where.actorType = filter.actorType;
    if (filter.actorId) where.actorId = filter.actorId;
    if (filter.targetType) where.targetType = filter.targetType;
    if (filter.targetId) where.targetId = filter.targetId;
    if (filter.from || filter.to) where.createdAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    const conditions: FilterQuery<AuditEntry>[] = [where];
    if (after) {
      const [at, id] = decodeCursor(after);
      const time = new Date(at);
      conditions.push({ $or: [{ createdAt: { $lt: time } }, { createdAt: time, id: { $lt: id } }] });
    }
    const rows = await scope.em.find(AuditEntry, { $and: conditions }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: first + 1 });
    return { entries: rows.slice(0, first), hasNextPage: rows.length > first };
  }
}

/** Who saved each configuration version (its `tenant.config_saved` entry), by version. */
export async function configAuthors(scope: TenantScope, versions: readonly number[]): Promise<Map<number, AuditActor>> {
  const rows = await scope.em.find(AuditEntry, {
    tenantId: scope.tenantId,
    action: { $in: ['tenant_config_saved', 'tenant_created'] },
    targetType: 'tenant_config_version',
    targetId: { $in: versions.map(String) },
  });
  return new Map(rows.map((row) => [Number(row.targetId), { type: row.actorType, id: row.actorId ?? null, name: row.actorName ?? null }]));
}
