/** A PostgreSQL array literal: knex would spread a JS array binding into a list of parameters. */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
