import { type Kysely, sql } from 'kysely';

/**
 * The sandbox ledger in the database: the customers and current accounts `openstet sandbox populate` makes
 * for load tests, read by the sandbox bank after its in-memory personas (`bank/sandbox/`). Money is stored
 * as @openstet/protocol's `Money`: integer minor units (`bigint`) of the account's `currency`, never a
 * float. A production bank never writes here: its customers are in its own core banking system.
 *
 * `bank_kind` records, once, which kind of bank first opened the database (a sandbox, whose configuration
 * trusts the sandbox CA, or not): the populate command refuses a database a production bank wrote.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bank_kind')
    // One row: the primary key can only be true.
    .addColumn('single', 'boolean', (column) => column.primaryKey().defaultTo(true).check(sql`single`))
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('sandbox', 'production')`))
    .addColumn('recorded_at', 'timestamptz', (column) => column.notNull())
    .execute();
  await db.schema
    .createTable('sandbox_populations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('establishment', 'text', (column) => column.notNull())
    .addColumn('customers', 'integer', (column) => column.notNull())
    .addColumn('accounts_per_customer', 'integer', (column) => column.notNull())
    // The RIB branch code and the first digits of the account numbers: the population's IBAN range.
    .addColumn('branch', 'text', (column) => column.notNull())
    .addColumn('account_prefix', 'text', (column) => column.notNull())
    .addColumn('client_id', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull())
    .addUniqueConstraint('sandbox_populations_range', ['establishment', 'branch', 'account_prefix'])
    .execute();
  await db.schema
    .createTable('sandbox_customers')
    .addColumn('psu_id', 'text', (column) => column.primaryKey())
    .addColumn('establishment', 'text', (column) => column.notNull())
    // Stored trimmed and in capitals, as the sandbox bank compares what a person types.
    .addColumn('online_banking_id', 'text', (column) => column.notNull())
    .addColumn('first_name', 'text', (column) => column.notNull())
    .addColumn('last_name', 'text', (column) => column.notNull())
    .addColumn('segment', 'text', (column) => column.notNull())
    .addColumn('subscription', 'text', (column) =>
      column.notNull().check(sql`subscription in ('active', 'terminated')`),
    )
    .addColumn('population_id', 'text', (column) => column.notNull().references('sandbox_populations.id'))
    .addColumn('ordinal', 'integer', (column) => column.notNull())
    .addUniqueConstraint('sandbox_customers_online_banking_id', ['establishment', 'online_banking_id'])
    .addUniqueConstraint('sandbox_customers_ordinal', ['population_id', 'ordinal'])
    .execute();
  await db.schema
    .createTable('sandbox_accounts')
    .addColumn('iban', 'text', (column) => column.primaryKey())
    .addColumn('psu_id', 'text', (column) => column.notNull().references('sandbox_customers.psu_id'))
    .addColumn('account_number', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('currency', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) =>
      column.notNull().check(sql`status in ('open', 'closed', 'blocked')`),
    )
    .addColumn('accounting_balance', 'bigint', (column) => column.notNull())
    .addColumn('pending_card_debits', 'bigint', (column) =>
      column.notNull().check(sql`pending_card_debits >= 0`),
    )
    .addColumn('authorised_overdraft', 'bigint', (column) =>
      column.notNull().check(sql`authorised_overdraft >= 0`),
    )
    .execute();
  await db.schema.createIndex('sandbox_accounts_holder').on('sandbox_accounts').column('psu_id').execute();
}
