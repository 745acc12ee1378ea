import { sql, type Transaction } from 'kysely';
import { utcDate } from '../core/accounts/calendar-day.ts';
import type { Database } from './schema.ts';

/*
 * The populated ledger's clearing (`sandbox-ledger-payments.ts`): each step is one conditional update of
 * the order (`status = 'pending'`), then the account and the entry it names, in the caller's transaction:
 * of two steps racing on one order, one moves money.
 */

/** Books a pending order executed at or before `bookable`: its entry and the account's balances. */
export async function bookLedgerOrder(
  trx: Transaction<Database>,
  orderId: string,
  at: Date,
  bookable: Date,
): Promise<boolean> {
  const booked = await trx
    .updateTable('sandboxLedgerOrders')
    .set({ status: 'booked', bookedAt: at })
    .where('orderId', '=', orderId)
    .where('status', '=', 'pending')
    .where('createdAt', '<=', bookable)
    .returning(['iban', 'entryReference', 'amount'])
    .executeTakeFirst();
  if (!booked) return false;
  const amount = BigInt(booked.amount);
  await trx
    .updateTable('sandboxAccounts')
    .set({
      accountingBalance: sql`accounting_balance - ${amount}`,
      pendingCardDebits: sql`pending_card_debits - ${amount}`,
    })
    .where('iban', '=', booked.iban)
    .execute();
  // Booked, it keeps its date and reference (ADR 0006); its value date is the booking's.
  await trx
    .updateTable('sandboxEntries')
    .set({ status: 'booked', valueDate: utcDate(at) })
    .where('iban', '=', booked.iban)
    .where('entryReference', '=', BigInt(booked.entryReference))
    .execute();
  return true;
}

/** Takes back a pending order executed after `bookable`: its entry goes, the pending debit with it. */
export async function withdrawLedgerOrder(
  trx: Transaction<Database>,
  orderId: string,
  bookable: Date,
): Promise<boolean> {
  const cancelled = await trx
    .updateTable('sandboxLedgerOrders')
    .set({ status: 'cancelled' })
    .where('orderId', '=', orderId)
    .where('status', '=', 'pending')
    .where('createdAt', '>', bookable)
    .returning(['iban', 'entryReference', 'amount'])
    .executeTakeFirst();
  if (!cancelled) return false;
  await trx
    .updateTable('sandboxAccounts')
    .set({ pendingCardDebits: sql`pending_card_debits - ${BigInt(cancelled.amount)}` })
    .where('iban', '=', cancelled.iban)
    .execute();
  await trx
    .deleteFrom('sandboxEntries')
    .where('iban', '=', cancelled.iban)
    .where('entryReference', '=', BigInt(cancelled.entryReference))
    .execute();
  return true;
}
