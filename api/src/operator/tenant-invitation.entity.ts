import { Entity, Property } from '@mikro-orm/core';
import { TenantScoped } from '../platform/db/tenant-scoped.entity';

/** A one-time link that lets an invited user set a password; only the secret's SHA-256 is stored. */
@Entity({ tableName: 'tenant_invitations' })
export class TenantInvitation extends TenantScoped {
  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;
}
