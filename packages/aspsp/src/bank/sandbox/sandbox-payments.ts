import { addMoney, type Money, normaliseIban, subtractMoney } from '@openstet/protocol';
import type { AccountPosition, CoreBanking } from '../../core/ports/core-banking.ts';
import type { OrderState, PaymentExecution } from '../../core/ports/payment-execution.ts';
import { PAYMENT_SLOTS } from './entry-references.ts';
import { NEVER } from './never-answers.ts';
import { orderDecision } from './order-decision.ts';
import type { OverlayTotals, PaymentOverlay } from './payment-overlay.ts';
import type { SandboxAccount } from './personas.ts';

/**
 * The sandbox books' clearing: a pending payment is booked once it is this old, when the books are next
 * asked about it (`orderState`, which openstet's scheduler asks at every tick). A minute: long enough for
 * a TPP to see the payment pending (`ACSP`) across the AISP and the funds check, short enough for a demo
 * to see it booked (`ACSC`). A real bank books a SEPA credit transfer within a business day.
 */
export const SANDBOX_BOOKING_SECONDS = 60;

const NO_PAYMENTS: OverlayTotals = Object.freeze({ booked: 0n, pending: 0n });
const UNAVAILABLE: OrderState = Object.freeze({ state: 'rejected', reason: 'account-unavailable' });

/**
 * An in-memory account's position with its payments (ADR 0007): booked ones lower the accounting balance,
 * pending ones the instant balance only ("solde minute" = accounting − pending card debits − pending
 * payments), so a funds check, the AISP balances and the payment's own funds check read the same money.
 */
export function overlaidPosition(data: SandboxAccount, totals: OverlayTotals = NO_PAYMENTS): AccountPosition {
  const { currency } = data.accountingBalance;
  const money = (minorUnits: bigint): Money => ({ currency, minorUnits });
  const accountingBalance = subtractMoney(data.accountingBalance, money(totals.booked));
  const pending = addMoney(data.pendingCardDebits, money(totals.pending));
  return Object.freeze({
    accountingBalance,
    instantBalance: subtractMoney(accountingBalance, pending),
    authorisedOverdraft: data.authorisedOverdraft,
  });
}

/**
 * The payment operations of the sandbox bank: orders on an in-memory account go to the overlay (checked
 * and debited under the account's lock), any other to the populated ledger. Without an overlay (a bank
 * built without a database, in unit tests) the in-memory accounts refuse to pay. Iris's account never
 * answers, as it never answers a funds check.
 */
export function sandboxPayments(
  accountAt: (establishment: string, iban: string) => SandboxAccount | undefined,
  overlay: PaymentOverlay | undefined,
  ledger: CoreBanking | undefined,
  now: () => Date,
): PaymentExecution {
  const bookable = () => new Date(now().getTime() - SANDBOX_BOOKING_SECONDS * 1000);
  return {
    async executePayment(order) {
      const data = accountAt(order.establishment, order.debtorIban);
      if (data?.positionNeverAnswers) return NEVER;
      if (!data) return ledger ? ledger.executePayment(order) : UNAVAILABLE;
      if (!overlay) return UNAVAILABLE;
      const debtor = { ...order, debtorIban: normaliseIban(order.debtorIban) };
      return overlay.execute(debtor, now(), (account) =>
        // Slots 500–999 of the day's references are the payments': the 501st of a day waits for tomorrow.
        account.recordedToday >= PAYMENT_SLOTS
          ? UNAVAILABLE
          : orderDecision(
              {
                status: data.status,
                currency: data.accountingBalance.currency,
                position: overlaidPosition(data, account),
              },
              order,
            ),
      );
    },
    async orderState(orderId) {
      const state = await overlay?.state(orderId, now(), bookable());
      return state ?? ledger?.orderState(orderId);
    },
    async cancelOrder(orderId) {
      if (await overlay?.cancel(orderId, bookable())) return true;
      return ledger ? ledger.cancelOrder(orderId) : false;
    },
  };
}
