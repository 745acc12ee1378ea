import type { Money } from '@openstet/protocol';

/**
 * What the bank's books do with a payment openstet executes (`CoreBanking.executePayment` …). openstet
 * keeps the payment request, its approval and its schedule; the core banking system moves the money.
 *
 * The contract for a bank plugging in its own systems:
 * - **Idempotency.** `order.orderId` is unique per execution (a standing order's executions have one each).
 *   The same order sent again — after a timeout, by another node, by a restarted scheduler — must not
 *   debit twice: answer what the first one did. openstet resends an order whose answer it did not get.
 * - **Timeout.** Every call is bounded like the others (`withDeadline` / `withTimeout`); a call that does
 *   not answer in time is treated as "could not ask" (throw, `CoreBankingUnavailable`): openstet keeps the
 *   execution due and sends the same order again later, so a late debit is found, never repeated.
 * - **Refusals are answers.** Insufficient funds, a closed or blocked account are `rejected` outcomes, not
 *   errors.
 */

/** One execution of one instruction. */
export interface PaymentOrder {
  /** Unique per execution; the idempotency key. */
  readonly orderId: string;
  readonly establishment: string;
  readonly debtorIban: string;
  readonly amount: Money;
  readonly creditorName: string;
  readonly creditorIban: string;
  /** The label of the debit entry the PSU sees, at most 140 characters. */
  readonly label: string;
  /** SEPA Instant: booked at once, or rejected; never pending. */
  readonly instant: boolean;
  /** The execution date (`YYYY-MM-DD`). */
  readonly executionDate: string;
}

/** What the books did with an order. */
export type OrderState =
  /** Debited, not yet booked ("en attente"): the instant balance already counts it. */
  | { readonly state: 'pending' }
  | { readonly state: 'booked' }
  | { readonly state: 'rejected'; readonly reason: 'insufficient-funds' | 'account-unavailable' };

export interface PaymentExecution {
  /**
   * Executes one order now: checks the account (open, the currency) and its funds (instant balance plus
   * authorised overdraft, as a funds check does), then debits it, atomically with that check so that two
   * orders cannot both spend the same money. Idempotent on `orderId`.
   */
  executePayment(order: PaymentOrder): Promise<OrderState>;
  /** Where an order stands now (pending ones get booked by the books' own clearing); undefined if unknown. */
  orderState(orderId: string): Promise<OrderState | undefined>;
  /** Takes back a pending order before it is booked; false when it is booked (or unknown). */
  cancelOrder(orderId: string): Promise<boolean>;
}
