import type { Kysely } from 'kysely';

/**
 * The certificates the sandbox's test QTSP CA has revoked (`openstet certs revoke`): what its CRL lists
 * and its OCSP responder answers. A real QTSP keeps its own; a production bank never writes here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sandbox_revocations')
    .addColumn('serial_number', 'text', (column) => column.primaryKey())
    .addColumn('revoked_at', 'timestamptz', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .execute();
}
