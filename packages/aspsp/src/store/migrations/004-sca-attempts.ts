import type { Kysely } from 'kysely';

/** Failed SMS-code attempts per customer, across sessions (RTS Art. 4(3)(b)). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sca_attempts')
    .addColumn('psu_id', 'text', (column) => column.primaryKey())
    .addColumn('failures', 'integer', (column) => column.notNull())
    .addColumn('locked_until', 'timestamptz')
    .execute();
  await db.schema.createIndex('sca_sessions_idle').on('sca_sessions').column('last_activity_at').execute();
}
