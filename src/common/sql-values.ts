// Values of rows read with plain SQL (not through entities), converted as the entities have them.

/**
 * A time column's value as a `Date` (undefined when the column was not read, null when empty).
 * MikroORM's PostgreSQL driver keeps times as the strings PostgreSQL prints.
 */
export const timeOf = (value: string | null | undefined): Date =>
  (value == null ? value : new Date(value)) as Date;
