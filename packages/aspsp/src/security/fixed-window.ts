/**
 * Counts events per key in fixed time windows, in memory (one process). Counts restart with each window;
 * the map never holds more than one window's keys.
 */
export function fixedWindowCounter(windowMs: number, now: () => number = Date.now) {
  let window = 0;
  let counts = new Map<string, number>();
  return {
    /** Counts one event for `key`: its number in the current window and the milliseconds left in it. */
    hit(key: string): { readonly count: number; readonly resetInMs: number } {
      const time = now();
      const current = Math.floor(time / windowMs);
      if (current !== window) {
        window = current;
        counts = new Map();
      }
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      return { count, resetInMs: (current + 1) * windowMs - time };
    },
  };
}
