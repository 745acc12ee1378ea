import type { Kysely } from 'kysely';

/**
 * The PSU's payment approval (issue 12) runs on the SCA sessions of /authorize, with what a payment adds:
 * - `payment_request_id`: the request the customer approves at `/payment-approval/:id`;
 * - `payment_binding`: the amounts and payees the SMS code was sent for (RTS Art. 5, dynamic linking), checked
 *   again at approval: a request changed after the code was sent needs a new authentication;
 * - `exempted`: the bank applied an SCA exemption (trusted beneficiaries, RTS Art. 13) and sent no code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sca_sessions')
    .addColumn('payment_request_id', 'text')
    .addColumn('payment_binding', 'text')
    .addColumn('exempted', 'boolean', (column) => column.notNull().defaultTo(false))
    .execute();
}
