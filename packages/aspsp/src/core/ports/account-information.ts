import type { Money } from '@openstet/protocol';

/**
 * What an account information service (AISP) reads from the bank's books, beyond the funds check's
 * position: the entries of an account, page by page, and the PSU's trusted beneficiaries. The rules of
 * `core-banking.ts` hold (undefined for "not found", throw for "could not ask", IBANs in electronic format).
 */

/** Booked ("comptabilisée") or pending: a card payment authorised but not yet booked ("en attente"). */
export type EntryStatus = 'booked' | 'pending';

/** What moved the money; each API standard names it in its own codes (ISO 20022 bank transaction codes). */
export type EntryKind = 'card-payment' | 'credit-transfer' | 'direct-debit' | 'cash-withdrawal' | 'fee';

/** One entry of an account ("écriture"), as the PSU sees it in their online banking. */
export interface AccountEntry {
  /**
   * The bank's technical incremental id of the entry (STET `entryReference`): a non-negative safe integer,
   * unique per account, higher for every entry the bank records later. Paging relies on it: an entry
   * recorded while an AISP pages has a higher reference than any the walk started with.
   */
  readonly entryReference: number;
  readonly status: EntryStatus;
  /**
   * The date entries are ordered and filtered by (`YYYY-MM-DD`): the booking date of a booked entry, the
   * transaction date of a pending one.
   */
  readonly entryDate: string;
  readonly valueDate: string | undefined;
  /** Card: the payment's date; transfer: its acquiring date; direct debit: its receiving date. */
  readonly transactionDate: string | undefined;
  /** Always positive; `direction` tells credit from debit. */
  readonly amount: Money;
  readonly direction: 'credit' | 'debit';
  readonly kind: EntryKind;
  /** The label the PSU sees ("PRLV SEPA EDF", "CB CARREFOUR 12/11"), at most 140 characters. */
  readonly label: string;
}

/** Where a page starts: just past this entry, in the order entryDate then entryReference. */
export interface EntryPosition {
  readonly entryDate: string;
  readonly entryReference: number;
}

/** One page of an account's entries, asked by openstet (`CoreBanking.entries`). */
export interface EntryPageQuery {
  readonly iban: string;
  /** Inclusive lower bound of `entryDate` (`YYYY-MM-DD`). */
  readonly from: string;
  /** Exclusive upper bound of `entryDate`, or none. */
  readonly to: string | undefined;
  /** Inclusive lower bound of `entryReference`, when the TPP filters on it. */
  readonly lowestReference: number | undefined;
  /**
   * Inclusive upper bound of `entryReference`: the walk's boundary (the account's last reference when the
   * first page was read, ADR 0006), or the TPP's filter when lower.
   */
  readonly highestReference: number;
  /**
   * `older`: the newest entries strictly before `after` (or from the newest when absent);
   * `newer`: the oldest entries strictly after `after` (or from the oldest when absent).
   */
  readonly towards: 'older' | 'newer';
  readonly after: EntryPosition | undefined;
  /** At most this many entries (openstet asks one more than it shows, to know whether a page follows). */
  readonly limit: number;
}

export interface EntryPage {
  /** Newest first (entryDate, then entryReference, both descending), whatever `towards` was. */
  readonly entries: readonly AccountEntry[];
  /**
   * The highest `entryReference` the account has, read in the same snapshot as `entries` (one query, or
   * one consistent read of the core): a walk's boundary (ADR 0006). 0 for an account without entries.
   */
  readonly lastReference: number;
}

/** A beneficiary the PSU trusts at the bank ("bénéficiaire de confiance", RTS Art. 13). */
export interface TrustedBeneficiary {
  /** The bank's id of the beneficiary, stable (STET `Identifier`: 1 to 35 letters or digits). */
  readonly id: string;
  readonly name: string;
  readonly iban: string;
  /** The beneficiary's bank, when known. */
  readonly bicFi: string | undefined;
}
