import type { EntityManager } from '@mikro-orm/postgresql';
import { Complaint } from './complaint.entity';

/** A complaints column and the Complaint property it fills. */
interface Mapped {
  column: string;
  property: string;
  isDate: boolean;
}

let mapped: Mapped[] | undefined;

/** The entity's columns, read once from its metadata: the one place that knows them stays the entity. */
function columnsOf(em: EntityManager): Mapped[] {
  mapped ??= Object.values(em.getMetadata().get(Complaint.name).properties)
    .filter((prop) => prop.persist !== false && prop.fieldNames?.length === 1)
    .map((prop) => ({ column: prop.fieldNames[0], property: prop.name, isDate: prop.runtimeType === 'Date' }));
  return mapped;
}

/**
 * The select list of every complaint column as its property name (`c.created_at as "createdAt"`), for
 * display-only reads written in SQL: the rows become Complaint-shaped objects with `toComplaint`, without
 * the ORM's query building and hydration, which cost more CPU than the query on a page of 50.
 */
export const complaintColumns = (em: EntityManager, alias = 'c'): string =>
  columnsOf(em)
    // Timestamps as epoch milliseconds: a number becomes a Date at once, PostgreSQL's timestamp text needs parsing.
    .map(({ column, property, isDate }) =>
      isDate ? `(extract(epoch from ${alias}.${column}) * 1000)::float8 as "${property}"` : `${alias}.${column} as "${property}"`,
    )
    .join(', ');

/** A row selected with `complaintColumns`, its timestamps as Dates: a plain object the ORM does not track. */
export function toComplaint(em: EntityManager, row: Record<string, unknown>): Complaint {
  for (const { property, isDate } of columnsOf(em)) {
    const value = row[property];
    if (isDate && value != null) row[property] = new Date(value as number);
  }
  return row as unknown as Complaint;
}
