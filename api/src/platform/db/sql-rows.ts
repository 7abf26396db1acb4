/** A column value with the SQL type it is cast to (MikroORM sends values as literals, so each needs its type). */
type Column = readonly [value: unknown, type: string];
export type Row = Record<string, Column>;

export const columnNames = (row: Row): string => Object.keys(row).join(', ');

/** Values by column name, for database functions that take rows as jsonb; jsonb columns as JSON text. */
export type ColumnValues = Record<string, unknown>;

/** A typed row's values alone. */
export const rowValues = (row: Row): ColumnValues => Object.fromEntries(Object.entries(row).map(([column, [value]]) => [column, value]));

/** Query text and its positional parameters, built together so they stay in step. */
export class SqlText {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(text: string, ...params: unknown[]): this {
    this.parts.push(text);
    this.params.push(...params);
    return this;
  }

  /** The row's values as a cast select list, in column order. */
  addValues(row: Row): this {
    return this.add(
      Object.values(row)
        .map(([, type]) => `?::${type}`)
        .join(', '),
      ...Object.values(row).map(([value]) => value),
    );
  }

  text(): string {
    return this.parts.join('\n');
  }
}
