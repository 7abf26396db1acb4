import { registerEnumType } from 'type-graphql';

/** A closed set's values keyed by themselves: what type-graphql takes as an enum. */
export type ClosedSetEnum<T extends string> = { readonly [K in T]: K };

/**
 * Registers one of tenant-config's closed sets as a GraphQL enum whose names are the values themselves, so
 * the wire keeps the strings clients already send and the database stores.
 */
export function closedSetEnum<T extends string>(values: readonly T[], name: string, description?: string): ClosedSetEnum<T> {
  const members = Object.fromEntries(values.map((value) => [value, value])) as ClosedSetEnum<T>;
  registerEnumType(members, { name, description });
  return members;
}
