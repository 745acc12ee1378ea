/**
 * RTS Art. 36(5)(b): without the PSU actively asking, an AISP may read an account at most four times in
 * 24 hours. A read without the PSU's IP address (STET's `PSU-IP-Address`) is unattended; reads with it
 * are never counted. Counted per TPP, subject (an account, or the PSU for the accounts list) and kind of read
 * (ADR 0006), over a sliding window.
 */
export const UNATTENDED_READS_PER_WINDOW = 4;
export const UNATTENDED_WINDOW_MS = 86_400_000;

/** One unattended read, as the log counts it. */
export interface UnattendedRead {
  readonly clientId: string;
  /** The account's IBAN, or `psu:<psuId>` for the reads about the PSU (accounts, beneficiaries, identity). */
  readonly subject: string;
  readonly kind: 'accounts' | 'balances' | 'transactions' | 'beneficiaries' | 'identity';
}

/** Where unattended reads are counted: shared by every node (the database), never in process memory. */
export interface UnattendedReadLog {
  /**
   * Records `read` at `at` and returns its id, unless `limit` reads of the same TPP, subject and kind were
   * recorded after `since`: then records nothing and returns the oldest of those. Atomic: two nodes never
   * both admit the read that goes past the limit.
   */
  claim(
    read: UnattendedRead,
    at: Date,
    since: Date,
    limit: number,
  ): Promise<{ readonly readId: string } | { readonly oldest: Date }>;
  /** Forgets a read the bank could not answer: it does not count. */
  release(readId: string): Promise<void>;
}

/** The admitted read's id, or the seconds until the quota admits a read again. */
export async function unattendedWait(
  log: UnattendedReadLog,
  read: UnattendedRead,
  now: Date,
): Promise<{ readonly readId: string } | { readonly retryAfterSeconds: number }> {
  const since = new Date(now.getTime() - UNATTENDED_WINDOW_MS);
  const claim = await log.claim(read, now, since, UNATTENDED_READS_PER_WINDOW);
  if ('readId' in claim) return claim;
  const waitMs = claim.oldest.getTime() + UNATTENDED_WINDOW_MS - now.getTime();
  return { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
