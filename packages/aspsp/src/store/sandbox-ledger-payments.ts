import type { Kysely } from 'kysely';
import { recordedOrderState } from '../bank/sandbox/order-decision.ts';
import { SANDBOX_BOOKING_SECONDS } from '../bank/sandbox/sandbox-payments.ts';
import type { PaymentExecution } from '../core/ports/payment-execution.ts';
import { bookLedgerOrder, withdrawLedgerOrder } from './sandbox-ledger-clearing.ts';
import { executeLedgerOrder } from './sandbox-ledger-debit.ts';
import type { Database } from './schema.ts';

/**
 * Payments on the populated ledger's accounts (`openstet sandbox populate`, migrations 008–010), written
 * in its own tables so that its funds check, balances and entries see them with no extra read: the debit
 * is a `sandbox_entries` row with the account's next reference, a pending one counts in the account's
 * pending debits (the instant balance), a booked one in its accounting balance. `sandbox_ledger_orders`
 * maps each order to its entry (idempotency). Clearing and cancellation as for the in-memory accounts
 * (`SANDBOX_BOOKING_SECONDS`); a cancelled payment's entry is removed, as a released authorisation is.
 * Each booking or cancellation is one conditional update of the order: of two racing, one moves money.
 */
export function sandboxLedgerPayments(db: Kysely<Database>, now: () => Date): PaymentExecution {
  const bookable = () => new Date(now().getTime() - SANDBOX_BOOKING_SECONDS * 1000);
  return {
    executePayment: (order) => db.transaction().execute((trx) => executeLedgerOrder(trx, order, now())),
    orderState: (orderId) =>
      db.transaction().execute(async (trx) => {
        if (await bookLedgerOrder(trx, orderId, now(), bookable())) return { state: 'booked' };
        const row = await trx
          .selectFrom('sandboxLedgerOrders')
          .select('status')
          .where('orderId', '=', orderId)
          .executeTakeFirst();
        return row && recordedOrderState(row.status);
      }),
    cancelOrder: (orderId) =>
      db.transaction().execute((trx) => withdrawLedgerOrder(trx, orderId, bookable())),
  };
}
