import type { Money } from '@openstet/protocol';
import { type Kysely, sql } from 'kysely';
import { recordedOrderState } from '../bank/sandbox/order-decision.ts';
import type { PaymentOverlay } from '../bank/sandbox/payment-overlay.ts';
import { utcDate } from '../core/accounts/calendar-day.ts';
import type { AccountEntry } from '../core/ports/account-information.ts';
import { precompiledRead } from './precompiled-read.ts';
import { insertEntry, overlayAccount, SUM } from './sandbox-payment-overlay-debit.ts';
import type { Database, SandboxOrderStatus } from './schema.ts';

const ISO_DATE = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
/**
 * The overlay of the in-memory sandbox accounts (`sandbox_payment_entries`, migration 010), as the sandbox
 * bank reads and writes it (`bank/sandbox/payment-overlay.ts`). An order is executed under a transaction
 * lock on its debtor IBAN (`pg_advisory_xact_lock`), so the funds check and the debit are one step for
 * every node; a booking or a cancellation is one conditional update, so of two racing one wins.
 */
export function sandboxPaymentOverlayRepository(db: Kysely<Database>): PaymentOverlay {
  // Every funds check on a persona reads it: built once, a prepared statement on PostgreSQL.
  const totalsRead = precompiledRead(
    db,
    (iban: string) =>
      db
        .selectFrom('sandboxPaymentEntries')
        .select([SUM('booked').as('booked'), SUM('pending').as('pending')])
        .where('iban', '=', iban),
    1,
  );
  return {
    execute: (order, at, decide) =>
      db.transaction().execute(async (trx) => {
        const key = `sandbox payment ${order.debtorIban}`;
        await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
        const existing = await trx
          .selectFrom('sandboxPaymentEntries')
          .select('status')
          .where('orderId', '=', order.orderId)
          .executeTakeFirst();
        if (existing) return recordedOrderState(existing.status);
        const account = await overlayAccount(trx, order.debtorIban, utcDate(at));
        const decision = decide(account);
        if (decision.state !== 'rejected') await insertEntry(trx, order, at, decision.state, account);
        return decision;
      }),
    async state(orderId, at, bookable) {
      const booked = await db
        .updateTable('sandboxPaymentEntries')
        .set({ status: 'booked', bookedAt: at })
        .where('orderId', '=', orderId)
        .where('status', '=', 'pending')
        .where('createdAt', '<=', bookable)
        .returning('status')
        .executeTakeFirst();
      if (booked) return { state: 'booked' };
      const row = await db
        .selectFrom('sandboxPaymentEntries')
        .select('status')
        .where('orderId', '=', orderId)
        .executeTakeFirst();
      return row && recordedOrderState(row.status);
    },
    async cancel(orderId, bookable) {
      const cancelled = await db
        .updateTable('sandboxPaymentEntries')
        .set({ status: 'cancelled' })
        .where('orderId', '=', orderId)
        .where('status', '=', 'pending')
        .where('createdAt', '>', bookable)
        .executeTakeFirst();
      return cancelled.numUpdatedRows > 0n;
    },
    async totals(iban) {
      const [row] = await totalsRead(iban);
      return { booked: BigInt(row?.booked ?? 0), pending: BigInt(row?.pending ?? 0) };
    },
    async entries(iban, from) {
      const rows = await db
        .selectFrom('sandboxPaymentEntries')
        .select([
          'entryReference',
          'status',
          ISO_DATE('entry_date').as('entryDate'),
          sql<string | null>`to_char(booked_at at time zone 'UTC', 'YYYY-MM-DD')`.as('bookedOn'),
          'amount',
          'currency',
          'label',
        ])
        .where('iban', '=', iban)
        .where('status', '!=', 'cancelled')
        .where('entryDate', '>=', from)
        .orderBy('sandboxPaymentEntries.entryDate', 'desc')
        .orderBy('sandboxPaymentEntries.entryReference', 'desc')
        .execute();
      return Object.freeze(rows.map(entryOf));
    },
  };
}

interface EntryRow {
  readonly entryReference: string | number | bigint;
  readonly status: SandboxOrderStatus;
  readonly entryDate: string;
  readonly bookedOn: string | null;
  readonly amount: string | number | bigint;
  readonly currency: string;
  readonly label: string;
}

/**
 * A payment as the PSU's statement shows it: a credit transfer debited, dated the day it was recorded
 * (booking keeps its date and reference, ADR 0006), valued the day it was booked.
 */
function entryOf(row: EntryRow): AccountEntry {
  const amount: Money = Object.freeze({ currency: row.currency, minorUnits: BigInt(row.amount) });
  return Object.freeze({
    entryReference: Number(row.entryReference),
    status: row.status === 'booked' ? 'booked' : 'pending',
    entryDate: row.entryDate,
    valueDate: row.bookedOn ?? undefined,
    transactionDate: row.entryDate,
    amount,
    direction: 'debit',
    kind: 'credit-transfer',
    label: row.label,
  });
}
