/** The store of failed attempts per customer that the SCA lockout (`sca-lockout.ts`) counts in. */
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
