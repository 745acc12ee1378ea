/** A clock tests can move forward: code expiry, inactivity, refresh-token lifetime. */
export interface TestClock {
  readonly now: () => Date;
  advance(seconds: number): void;
  /** Back to real time (the bank also checks signed `Date` headers against it). */
  reset(): void;
}

export function testClock(): TestClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    reset() {
      offsetMs = 0;
    },
  };
}

/**
 * A clock that stands still until told to move: for rules counted to the second (a 24-hour window), where
 * the real time a slow machine takes between two calls must not count.
 */
export function stoppedClock(): TestClock {
  const start = Date.now();
  let offsetMs = 0;
  return {
    now: () => new Date(start + offsetMs),
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    reset() {
      offsetMs = Date.now() - start;
    },
  };
}
