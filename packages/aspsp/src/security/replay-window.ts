/**
 * Remembers keys for a time window, in memory (one process), so that their reuse can be refused: the
 * X-Request-IDs of verified signed requests (ADR 0004). Keys are kept in insertion order, which is also
 * expiry order, so forgetting the expired ones costs nothing per call. Bounded: past `capacity` keys the
 * oldest are forgotten first, even within the window.
 */
export function replayWindow(windowMs: number, now: () => number, capacity = 1_000_000) {
  const expiries = new Map<string, number>();
  return {
    /** Records `key`; false when it was already recorded within the window. */
    firstUse(key: string): boolean {
      const time = now();
      for (const [oldest, expiry] of expiries) {
        if (expiry > time && expiries.size < capacity) break;
        expiries.delete(oldest);
      }
      if (expiries.has(key)) return false;
      expiries.set(key, time + windowMs);
      return true;
    },
  };
}
