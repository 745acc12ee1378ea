import { type Money, normaliseIban, subtractMoney } from '@openstet/protocol';
import { sql, type Transaction } from 'kysely';
import { orderDecision, recordedOrderState } from '../bank/sandbox/order-decision.ts';
import { utcDate } from '../core/accounts/calendar-day.ts';
import type { OrderState, PaymentOrder } from '../core/ports/payment-execution.ts';
import type { Database } from './schema.ts';

const money = (minorUnits: string | number | bigint, currency: string): Money =>
  Object.freeze({ currency, minorUnits: BigInt(minorUnits) });

/** The establishment's account, locked (`for update`) until the transaction ends: orders on it take turns. */
async function lockedAccount(trx: Transaction<Database>, order: PaymentOrder) {
  return trx
    .selectFrom('sandboxAccounts as account')
    .innerJoin('sandboxCustomers as holder', 'holder.psuId', 'account.psuId')
    .select([
      'account.iban',
      'account.status',
      'account.currency',
      'account.accountingBalance',
      'account.pendingCardDebits',
      'account.authorisedOverdraft',
    ])
    .where('account.iban', '=', normaliseIban(order.debtorIban))
    .where('holder.establishment', '=', order.establishment)
    .forUpdate(['account'])
    .executeTakeFirst();
}

/** The order's debit: the account's next reference, its balances moved, the entry and the order written. */
async function debit(trx: Transaction<Database>, order: PaymentOrder, state: 'pending' | 'booked', at: Date) {
  const iban = normaliseIban(order.debtorIban);
  const amount = order.amount.minorUnits;
  const account = await trx
    .updateTable('sandboxAccounts')
    .set({
      lastEntryReference: sql`last_entry_reference + 1`,
      // A pending payment is a pending debit like a card's: the instant balance counts it (seed).
      ...(state === 'booked'
        ? { accountingBalance: sql`accounting_balance - ${amount}` }
        : { pendingCardDebits: sql`pending_card_debits + ${amount}` }),
    })
    .where('iban', '=', iban)
    .returning('lastEntryReference')
    .executeTakeFirstOrThrow();
  const entryReference = BigInt(account.lastEntryReference);
  const date = utcDate(at);
  await trx
    .insertInto('sandboxEntries')
    .values({
      iban,
      entryReference,
      status: state,
      entryDate: date,
      valueDate: state === 'booked' ? date : null,
      transactionDate: date,
      amount,
      direction: 'debit',
      kind: 'credit-transfer',
      label: order.label,
    })
    .execute();
  await trx
    .insertInto('sandboxLedgerOrders')
    .values({
      orderId: order.orderId,
      iban,
      entryReference,
      amount,
      status: state,
      createdAt: at,
      bookedAt: state === 'booked' ? at : null,
    })
    .execute();
}

/**
 * Executes one order on a populated ledger account (`sandbox-ledger-payments.ts`) in the transaction
 * `trx`, which holds the account's row lock from the first read: the order's earlier answer if it was
 * executed before, else the funds check and the debit as one step.
 */
export async function executeLedgerOrder(
  trx: Transaction<Database>,
  order: PaymentOrder,
  at: Date,
): Promise<OrderState> {
  const account = await lockedAccount(trx, order);
  if (!account) return { state: 'rejected', reason: 'account-unavailable' };
  // Under the lock: an order sent twice at once is seen here by the second.
  const existing = await trx
    .selectFrom('sandboxLedgerOrders')
    .select('status')
    .where('orderId', '=', order.orderId)
    .executeTakeFirst();
  if (existing) return recordedOrderState(existing.status);
  const accountingBalance = money(account.accountingBalance, account.currency);
  const decision = orderDecision(
    {
      status: account.status,
      currency: account.currency,
      position: {
        accountingBalance,
        instantBalance: subtractMoney(accountingBalance, money(account.pendingCardDebits, account.currency)),
        authorisedOverdraft: money(account.authorisedOverdraft, account.currency),
      },
    },
    order,
  );
  if (decision.state !== 'rejected') await debit(trx, order, decision.state, at);
  return decision;
}
