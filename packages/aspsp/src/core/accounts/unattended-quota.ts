/**
 * RTS Art. 36(5)(b): without the PSU actively asking, an AISP may read an account at most four times in
 * 24 hours. A read without `PSU-IP-Address` is unattended (STET Part I §3.5); reads with it are never
 * counted. Counted per TPP, subject (an account, or the PSU for the accounts list) and kind of read
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
   * Records `read` at `at`, unless `limit` reads of the same TPP, subject and kind were recorded after
   * `since`: then records nothing and returns the oldest of those. Atomic: two nodes never both admit
   * the read that goes past the limit.
   */
  claim(read: UnattendedRead, at: Date, since: Date, limit: number): Promise<Date | undefined>;
}

/** Seconds until the quota admits a read again, or undefined when this one is admitted (and counted). */
export async function unattendedWait(
  log: UnattendedReadLog,
  read: UnattendedRead,
  now: Date,
): Promise<number | undefined> {
  const since = new Date(now.getTime() - UNATTENDED_WINDOW_MS);
  const oldest = await log.claim(read, now, since, UNATTENDED_READS_PER_WINDOW);
  if (oldest === undefined) return undefined;
  return Math.max(1, Math.ceil((oldest.getTime() + UNATTENDED_WINDOW_MS - now.getTime()) / 1000));
}
