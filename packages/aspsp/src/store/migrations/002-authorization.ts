import { type Kysely, sql } from 'kysely';

/** Consents, SCA sessions, authorization codes and token pairs (RFC 6749 §4.1, STET Part I §3.4). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('clients')
    .addColumn('require_pkce', 'boolean', (column) => column.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('psu_id', 'text', (column) => column.notNull())
    .addColumn('client_id', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('scopes', sql`text[]`, (column) => column.notNull())
    .addColumn('accounts', sql`text[]`, (column) => column.notNull())
    .addColumn('sca_at', 'timestamptz', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('sca_sessions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('cookie_hash', 'text', (column) => column.notNull().unique())
    .addColumn('csrf_hash', 'text', (column) => column.notNull())
    .addColumn('client_id', 'text', (column) => column.notNull())
    .addColumn('redirect_uri', 'text', (column) => column.notNull())
    .addColumn('scopes', sql`text[]`, (column) => column.notNull())
    .addColumn('state', 'text')
    .addColumn('code_challenge', 'text')
    .addColumn('step', 'text', (column) => column.notNull())
    .addColumn('psu_id', 'text')
    .addColumn('failures', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('otp_destination', 'text')
    .addColumn('last_activity_at', 'timestamptz', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('authorization_codes')
    .addColumn('code_hash', 'text', (column) => column.primaryKey())
    .addColumn('client_id', 'text', (column) => column.notNull())
    .addColumn('redirect_uri', 'text', (column) => column.notNull())
    .addColumn('code_challenge', 'text')
    .addColumn('consent_id', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('replayed_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('token_pairs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('access_hash', 'text', (column) => column.notNull().unique())
    .addColumn('refresh_hash', 'text', (column) => column.unique())
    .addColumn('client_id', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addColumn('scopes', sql`text[]`, (column) => column.notNull())
    .addColumn('psu_id', 'text')
    .addColumn('consent_id', 'text')
    .addColumn('accounts', sql`text[]`, (column) => column.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('certificate_thumbprint', 'text', (column) => column.notNull())
    .addColumn('access_expires_at', 'timestamptz', (column) => column.notNull())
    .addColumn('refresh_expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('token_pairs_owner')
    .on('token_pairs')
    .columns(['psu_id', 'client_id', 'role'])
    .execute();
  await db.schema.createIndex('token_pairs_code').on('token_pairs').column('code_hash').execute();
}
