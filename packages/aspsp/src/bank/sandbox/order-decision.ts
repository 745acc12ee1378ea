import { coversAmount } from '../../core/funds/covers-amount.ts';
import type { AccountPosition, AccountStatus } from '../../core/ports/core-banking.ts';
import type { OrderState, PaymentOrder } from '../../core/ports/payment-execution.ts';
import type { OrderDecision } from './payment-overlay.ts';

/** The account an order would debit, as the sandbox books hold it when the order comes. */
export interface DebtorAccount {
  readonly status: AccountStatus;
  readonly currency: string;
  /** With every payment executed before this one counted (`overlaidPosition`, or the ledger's columns). */
  readonly position: AccountPosition;
}

/**
 * What the sandbox books do with a new order (`PaymentExecution.executePayment`): a closed or blocked
 * account, or one in another currency, cannot pay (`account-unavailable`: the bank does not convert); an
 * account pays what its instant balance plus its authorised overdraft covers, the rule of the funds check
 * (`coversAmount`, seed "solde minute"); an instant payment (SEPA Inst) is booked at once, any other is
 * pending until the books' clearing books it.
 */
export function orderDecision(account: DebtorAccount, order: PaymentOrder): OrderDecision {
  if (account.status !== 'open' || account.currency !== order.amount.currency)
    return { state: 'rejected', reason: 'account-unavailable' };
  if (!coversAmount(account.position, order.amount))
    return { state: 'rejected', reason: 'insufficient-funds' };
  return { state: order.instant ? 'booked' : 'pending' };
}

/**
 * What a recorded order answers when asked again. A cancelled one moved no money: it is answered as
 * refused (the port has no "cancelled"; openstet never sends it again, its instruction being rejected).
 */
export function recordedOrderState(status: 'pending' | 'booked' | 'cancelled'): OrderState {
  return status === 'cancelled' ? { state: 'rejected', reason: 'account-unavailable' } : { state: status };
}
