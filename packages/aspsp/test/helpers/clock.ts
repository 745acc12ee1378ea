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
