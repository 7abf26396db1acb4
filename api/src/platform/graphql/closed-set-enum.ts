import { registerEnumType } from 'type-graphql';
import { closedSetMembers, type ClosedSetMembers } from '../closed-set';

/**
 * Registers one of tenant-config's closed sets as a GraphQL enum whose names are the values themselves, so
 * the wire keeps the strings clients already send and the database stores.
 */
export function closedSetEnum<T extends string>(values: readonly T[], name: string, description?: string): ClosedSetMembers<T> {
  const members = closedSetMembers(values);
  registerEnumType(members, { name, description });
  return members;
}
