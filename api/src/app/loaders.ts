import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { configAuthors, type AuditActor } from '../audit/audit-log.service';
import { ComplaintEvent } from '../complaint/complaint-event.entity';
import { Customer } from '../complaint/customer.entity';
import { User } from '../identity/user.entity';

/** Per-operation batch loaders: a page of N complaints costs a fixed number of queries, not N. */
export interface Loaders {
  user: DataLoader<string, User | null>;
  customer: DataLoader<string, Customer | null>;
  lastEvent: DataLoader<string, ComplaintEvent | null>;
  /** Who saved a configuration version, by version number. */
  configAuthor: DataLoader<number, AuditActor | null>;
}

function byId<T extends { id: string }>(rows: T[], ids: readonly string[], key: (row: T) => string = (r) => r.id): (T | null)[] {
  const map = new Map(rows.map((r) => [key(r), r]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createLoaders(em: EntityManager, tenantId: () => string): Loaders {
  return {
    user: new DataLoader(async (ids) => byId(await em.find(User, { tenantId: tenantId(), id: { $in: [...ids] } }), ids)),
    customer: new DataLoader(async (ids) => byId(await em.find(Customer, { tenantId: tenantId(), id: { $in: [...ids] } }), ids)),
    lastEvent: new DataLoader(async (complaintIds) => {
      const rows = await em.execute<Record<string, unknown>[]>(
        `select distinct on (complaint_id) * from complaint_events
         where tenant_id = ? and complaint_id in (${complaintIds.map(() => '?').join(', ')})
         order by complaint_id, seq desc`,
        [tenantId(), ...complaintIds],
      );
      return byId(
        rows.map((row) => em.map(ComplaintEvent, row)),
        complaintIds,
        (e) => e.complaintId,
      );
    }),
    configAuthor: new DataLoader(async (versions) => {
      const authors = await configAuthors({ em, tenantId: tenantId() }, versions);
      return versions.map((version) => authors.get(version) ?? null);
    }),
  };
}
