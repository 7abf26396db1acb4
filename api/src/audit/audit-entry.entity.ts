import { Entity, Property } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';
import type { AuditAction, AuditActorType } from './audit-actions';

/** One administrative action; `createdAt` is when it happened. The application role may only insert and read. */
@Entity({ tableName: 'audit_log' })
export class AuditEntry extends TenantScoped {
  @Property({ type: 'text' })
  actorType!: AuditActorType;

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'text', nullable: true })
  actorName?: string | null;

  @Property({ type: 'text' })
  action!: AuditAction;

  @Property({ type: 'text' })
  targetType!: string;

  @Property({ type: 'text', nullable: true })
  targetId?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  after?: Record<string, unknown> | null;
}
