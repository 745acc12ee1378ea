import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tpp_registry')
    .addColumn('organization_id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('nca_name', 'text', (column) => column.notNull())
    .addColumn('nca_id', 'text', (column) => column.notNull())
    .addColumn('roles', sql`text[]`, (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('licensed', 'withdrawn')`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('clients')
    .addColumn('client_id', 'text', (column) => column.primaryKey())
    .addColumn('client_name', 'text', (column) => column.notNull())
    .addColumn('redirect_uris', sql`text[]`, (column) => column.notNull())
    .addColumn('signing_certificate', 'text', (column) => column.notNull())
    .addColumn('signing_certificate_url', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}
