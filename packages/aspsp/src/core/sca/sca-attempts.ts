/**
 * RTS Art. 4(3)(b): "the number of failed authentication attempts that can take place consecutively
 * ... shall not exceed five within a given period of time". Counted per customer, across sessions and
 * across elements (password and SMS code alike), and reserved before the element is checked, so neither
 * new sessions nor concurrent posts get more tries.
 */
export const SCA_LOCKOUT = Object.freeze({ maxFailures: 5, lockMinutes: 30 });

export interface ScaAttempts {
  /** When the customer's SCA is locked, until when. */
  lockedUntil(psuId: string, now: Date): Promise<Date | undefined>;
  /** Counts one attempt atomically and returns how many are now counted since the last success. */
  reserve(psuId: string, now: Date): Promise<number>;
  /** A correct code: the count starts again. */
  succeeded(psuId: string): Promise<void>;
  /**
   * A correct element that does not end the authentication (the password before the SMS code): its
   * reserved attempt is given back, while the failures before it still count.
   */
  release(psuId: string): Promise<void>;
  /** Locks the customer's SCA until `until`; the count starts again at the first attempt after it. */
  lock(psuId: string, until: Date): Promise<void>;
}

export function lockEnd(now: Date): Date {
  return new Date(now.getTime() + SCA_LOCKOUT.lockMinutes * 60_000);
}
