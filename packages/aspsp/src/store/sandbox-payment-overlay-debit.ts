import { sql, type Transaction } from 'kysely';
import { paymentReference } from '../bank/sandbox/entry-references.ts';
import type { OverlayAccount } from '../bank/sandbox/payment-overlay.ts';
import { utcDate } from '../core/accounts/calendar-day.ts';
import type { PaymentOrder } from '../core/ports/payment-execution.ts';
import type { Database } from './schema.ts';

/*
 * The overlay's writes for a new order (`sandbox-payment-overlay-repository.ts`), made in the transaction
 * that holds the debtor IBAN's lock: what the account holds, then the debit.
 */

/** An IBAN's debits of one status in the overlay, in minor units (0 without any). */
export const SUM = (status: 'booked' | 'pending') =>
  sql<string | number>`coalesce(sum(amount) filter (where status = ${sql.lit(status)}), 0)::bigint`;

/** The account's debits and how many payments it recorded on `date`, read under its lock. */
export async function overlayAccount(
  trx: Transaction<Database>,
  iban: string,
  date: string,
): Promise<OverlayAccount> {
  const row = await trx
    .selectFrom('sandboxPaymentEntries')
    .select([
      SUM('booked').as('booked'),
      SUM('pending').as('pending'),
      sql<string | number>`count(*) filter (where entry_date = ${date}::date)`.as('recordedToday'),
    ])
    .where('iban', '=', iban)
    .executeTakeFirstOrThrow();
  return {
    booked: BigInt(row.booked),
    pending: BigInt(row.pending),
    recordedToday: Number(row.recordedToday),
  };
}

/** The order's debit, the account's next payment slot of the day (`entry-references.ts`). */
export async function insertEntry(
  trx: Transaction<Database>,
  order: PaymentOrder,
  at: Date,
  status: 'pending' | 'booked',
  account: OverlayAccount,
): Promise<void> {
  const date = utcDate(at);
  await trx
    .insertInto('sandboxPaymentEntries')
    .values({
      orderId: order.orderId,
      iban: order.debtorIban,
      entryReference: BigInt(paymentReference(date, account.recordedToday)),
      status,
      entryDate: date,
      amount: order.amount.minorUnits,
      currency: order.amount.currency,
      label: order.label,
      creditorName: order.creditorName,
      creditorIban: order.creditorIban,
      instant: order.instant,
      createdAt: at,
      bookedAt: status === 'booked' ? at : null,
    })
    .execute();
}
