import { type Kysely, sql } from 'kysely';

/**
 * Payment initiation (PISP, issue 12; ADR 0007):
 * - `payment_requests`: the requests openstet keeps for at least 30 days (STET), each changed by ONE
 *   conditional update on `revision` (two confirmations racing on two nodes: one wins). The instructions,
 *   the PSU's approval and a pending modification are jsonb (money as minor units in text); `document` is
 *   the request as the initiator sent it. `wake_on` is the day the scheduler must next look at the request
 *   (its approval deadline, its next execution, a debit not yet booked), null when nothing is left to do:
 *   the scheduler reads a small index range, never the table.
 * - `payment_references`: the initiator's `paymentInformationId`, the idempotency key: the same one from
 *   the same initiator at the same establishment within 24 hours is the same request. One upsert claims it
 *   atomically (`payment-request-repository.ts`).
 * - `sandbox_payment_entries`: what payments did to the in-memory sandbox accounts (the seed's personas
 *   and the establishments' customers), the overlay of ADR 0007: their position and entries are the
 *   generated ones minus these debits. `entry_reference` is `day × 1000 + 500 + n`, above every generated
 *   entry of the day, so an entry recorded later has a higher reference (ADR 0006).
 * - `sandbox_ledger_orders`: the payments executed on the populated ledger's accounts (migration 008),
 *   whose debits are `sandbox_entries` rows: the order id → entry mapping that makes an order idempotent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await paymentRequests(db);
  await db.schema
    .createTable('payment_references')
    .addColumn('establishment', 'text', (column) => column.notNull())
    .addColumn('client_id', 'text', (column) => column.notNull())
    .addColumn('payment_information_id', 'text', (column) => column.notNull())
    .addColumn('request_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addPrimaryKeyConstraint('payment_references_key', [
      'establishment',
      'client_id',
      'payment_information_id',
    ])
    .execute();
  // The housekeeping purge deletes keys past their 24 hours by age.
  await db.schema
    .createIndex('payment_references_created')
    .on('payment_references')
    .column('created_at')
    .execute();
  await sandboxPaymentEntries(db);
  await sandboxLedgerOrders(db);
}

async function paymentRequests(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payment_requests')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('establishment', 'text', (column) => column.notNull())
    .addColumn('client_id', 'text', (column) => column.notNull())
    .addColumn('payment_information_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('instant', 'boolean', (column) => column.notNull())
    .addColumn('requested_debtor_iban', 'text')
    .addColumn('success_url', 'text', (column) => column.notNull())
    .addColumn('failure_url', 'text', (column) => column.notNull())
    .addColumn('exemption_requested', 'boolean', (column) => column.notNull())
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('received', 'approved', 'accepted', 'settled', 'rejected')`),
    )
    .addColumn('reason', 'text')
    .addColumn('approval_deadline', 'timestamptz', (column) => column.notNull())
    .addColumn('approval', 'jsonb')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('modification', 'jsonb')
    .addColumn('instructions', 'jsonb', (column) => column.notNull())
    .addColumn('document', 'jsonb', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('wake_on', 'date')
    .execute();
  // Only the requests with something left to do: the scheduler's range is small whatever the history.
  await db.schema
    .createIndex('payment_requests_wake')
    .on('payment_requests')
    .columns(['wake_on', 'id'])
    .where(sql.ref('wake_on'), 'is not', null)
    .execute();
  // The housekeeping purge deletes requests past `PAYMENT_RULES.keptDays` by age.
  await db.schema
    .createIndex('payment_requests_created')
    .on('payment_requests')
    .column('created_at')
    .execute();
}

async function sandboxPaymentEntries(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_payment_entries')
    .addColumn('order_id', 'text', (column) => column.primaryKey())
    .addColumn('iban', 'text', (column) => column.notNull())
    .addColumn('entry_reference', 'bigint', (column) => column.notNull())
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('pending', 'booked', 'cancelled')`),
    )
    .addColumn('entry_date', 'date', (column) => column.notNull())
    .addColumn('amount', 'bigint', (column) => column.notNull().check(sql`amount > 0`))
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('label', 'text', (column) => column.notNull().check(sql`length(label) between 1 and 140`))
    .addColumn('creditor_name', 'text', (column) => column.notNull())
    .addColumn('creditor_iban', 'text', (column) => column.notNull())
    .addColumn('instant', 'boolean', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('booked_at', 'timestamptz')
    // Also the index by IBAN every read of the overlay uses (its sums, its entries): IBAN leads.
    .addUniqueConstraint('sandbox_payment_entries_reference', ['iban', 'entry_reference'])
    .execute();
}

async function sandboxLedgerOrders(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_ledger_orders')
    .addColumn('order_id', 'text', (column) => column.primaryKey())
    // A population replaced (`openstet sandbox populate` run again) takes its accounts' orders with it.
    .addColumn('iban', 'text', (column) =>
      column.notNull().references('sandbox_accounts.iban').onDelete('cascade'),
    )
    .addColumn('entry_reference', 'bigint', (column) => column.notNull())
    .addColumn('amount', 'bigint', (column) => column.notNull().check(sql`amount > 0`))
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('pending', 'booked', 'cancelled')`),
    )
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addColumn('booked_at', 'timestamptz')
    .execute();
}
