import { type Kysely, sql } from 'kysely';

/**
 * Account information (AISP, issue 11):
 * - `consents.access`: the reads an AISP forwarded with `PUT /consents` (STET `Access`);
 * - `bank_keys`: secrets the bank draws once and every node shares, e.g. the key that makes account
 *   resource ids opaque and page cursors unforgeable (ADR 0006);
 * - `unattended_reads`: one row per AISP read made without the PSU (no `PSU-IP-Address`), counted over a
 *   sliding 24 hours per TPP, subject and read kind (RTS Art. 36(5)(b)), in the database so that every
 *   worker and node counts the same reads;
 * - `sandbox_entries`: the populated sandbox ledger's account entries, paged by keyset on
 *   (iban, entry_date, entry_reference), never by OFFSET; `sandbox_accounts.last_entry_reference` is the
 *   highest reference each account has (a paging walk's boundary).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // What an AISP forwarded with PUT /consents: balances and transactions per IBAN, beneficiaries, identity.
  await db.schema.alterTable('consents').addColumn('access', 'jsonb').execute();
  await db.schema
    .createTable('bank_keys')
    .addColumn('name', 'text', (column) => column.primaryKey())
    .addColumn('key', 'bytea', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('unattended_reads')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('client_id', 'text', (column) => column.notNull())
    // The account's IBAN, or `psu:<psuId>` for the accounts list.
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('read_kind', 'text', (column) => column.notNull())
    .addColumn('read_at', 'timestamptz', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('unattended_reads_window')
    .on('unattended_reads')
    .columns(['client_id', 'subject', 'read_kind', 'read_at'])
    .execute();
  await db.schema
    .alterTable('sandbox_accounts')
    .addColumn('last_entry_reference', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('sandbox_entries')
    .addColumn('iban', 'text', (column) => column.notNull().references('sandbox_accounts.iban'))
    .addColumn('entry_reference', 'bigint', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('booked', 'pending')`))
    .addColumn('entry_date', 'date', (column) => column.notNull())
    .addColumn('value_date', 'date')
    .addColumn('transaction_date', 'date')
    .addColumn('amount', 'bigint', (column) => column.notNull().check(sql`amount > 0`))
    .addColumn('direction', 'text', (column) => column.notNull().check(sql`direction in ('credit', 'debit')`))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('label', 'text', (column) => column.notNull().check(sql`length(label) between 1 and 140`))
    .addPrimaryKeyConstraint('sandbox_entries_key', ['iban', 'entry_reference'])
    .execute();
  await db.schema
    .createIndex('sandbox_entries_pages')
    .on('sandbox_entries')
    .columns(['iban', 'entry_date', 'entry_reference'])
    .execute();
}
