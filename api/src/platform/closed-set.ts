/** A closed set's values keyed by themselves (`ComplaintStatus.OPEN === 'OPEN'`). */
export type ClosedSetMembers<T extends string> = { readonly [K in T]: K };

export function closedSetMembers<T extends string>(values: readonly T[]): ClosedSetMembers<T> {
  return Object.fromEntries(values.map((value) => [value, value])) as ClosedSetMembers<T>;
}
