/**
 * Memoises an async lookup for a few seconds, so the hot path does not hit the database on every request;
 * changes made through this server call `forget` and apply at once, changes made elsewhere within `ttlMs`.
 */
export interface TtlCache<V> {
  get(key: string): Promise<V>;
  forget(key?: string): void;
}

export function ttlCache<V>(load: (key: string) => Promise<V>, ttlMs: number, now = Date.now): TtlCache<V> {
  const entries = new Map<string, { readonly value: Promise<V>; readonly until: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.until > now()) return entry.value;
      const value = load(key);
      entries.set(key, { value, until: now() + ttlMs });
      // A failed load is not remembered: the next request tries again.
      value.catch(() => entries.delete(key));
      if (entries.size > 10_000) entries.delete(entries.keys().next().value ?? '');
      return value;
    },
    forget(key) {
      if (key === undefined) entries.clear();
      else entries.delete(key);
    },
  };
}
