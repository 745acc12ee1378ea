/**
 * A row as the domain reads it. The CamelCasePlugin already gives the domain's names; what is left is
 * SQL's `null`, which the domain writes `undefined` (an absent PSU, refresh token, state …).
 */
export type DomainRow<Row> = {
  readonly [K in keyof Row]: null extends Row[K] ? Frozen<Exclude<Row[K], null>> | undefined : Frozen<Row[K]>;
};
type Frozen<T> = T extends readonly (infer E)[] ? readonly E[] : T;

/** Null columns become undefined; the row and its arrays are frozen, as every domain value is. */
export function fromRow<Row extends object>(row: Row): DomainRow<Row> {
  const value: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(row)) {
    value[key] = column === null ? undefined : Array.isArray(column) ? Object.freeze(column) : column;
  }
  return Object.freeze(value) as DomainRow<Row>;
}

/**
 * Exactly the listed fields of a domain value, to insert or update: the value may carry more at run time
 * than its type says, and every key given to Kysely becomes a column. Kysely leaves undefined fields out:
 * an insert writes the column's default (null), an update leaves the column as it is.
 */
export function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = value[key];
  return picked;
}
