import type { AccountEntry } from '../../core/ports/account-information.ts';
import type { OrderState, PaymentOrder } from '../../core/ports/payment-execution.ts';

/**
 * The payments executed on the in-memory sandbox accounts (ADR 0007, "an overlay"): the seed's personas
 * and the establishments' customers are read-only and generated, so what payments did to them is kept
 * apart, in the database every node shares (`store/sandbox-payment-overlay-repository.ts`). Their
 * position and their entries are the generated ones with these debits applied.
 */

/** An account's debits in the overlay, in minor units of the account's currency. */
export interface OverlayTotals {
  /** Debits booked: they lower the accounting balance. */
  readonly booked: bigint;
  /** Debits pending: they lower the instant balance only. */
  readonly pending: bigint;
}

/** What the account holds as an order is decided: its totals, and how many payments it recorded today. */
export interface OverlayAccount extends OverlayTotals {
  readonly recordedToday: number;
}

/** The books' answer to a new order, decided under the account's lock (`sandbox-payments.ts`). */
export type OrderDecision =
  | { readonly state: 'pending' | 'booked' }
  | Extract<OrderState, { readonly state: 'rejected' }>;

export interface PaymentOverlay {
  /**
   * In one transaction holding the debtor account's lock: what the order already did if it was executed
   * before (idempotency), else `decide`'s answer, recorded on the day of `at` (`YYYY-MM-DD` of UTC)
   * unless it is a refusal. Two orders on one account take turns, so they never spend the same money.
   */
  execute(
    order: PaymentOrder,
    at: Date,
    decide: (account: OverlayAccount) => OrderDecision,
  ): Promise<OrderState>;
  /** The order's state; a pending one executed at or before `bookable` is booked now, at `at`. */
  state(orderId: string, at: Date, bookable: Date): Promise<OrderState | undefined>;
  /** Takes back an order still pending and executed after `bookable`; false otherwise. */
  cancel(orderId: string, bookable: Date): Promise<boolean>;
  /** The account's booked and pending debits (cancelled ones count for nothing). */
  totals(iban: string): Promise<OverlayTotals>;
  /** The account's payments dated `from` or later, as entries, newest first (cancelled ones are gone). */
  entries(iban: string, from: string): Promise<readonly AccountEntry[]>;
}
