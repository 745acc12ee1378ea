import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

const TABLES = ['consents', 'sca_sessions', 'authorization_codes', 'token_pairs'];

/**
 * Each consent, SCA session, authorization code and token pair belongs to one establishment (`cdetab`, DESIGN.md
 * "Establishments"). Rows written before there was more than one belong to the bank's default
 * establishment (`OPENSTET_DEFAULT_CDETAB` when the migration runs), so that no token in use stops working;
 * new rows always name theirs (no column default).
 */
export function establishments(defaultEstablishment: string): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of TABLES) {
        await db.schema.alterTable(table).addColumn('establishment', 'text').execute();
        // The query builder, not raw SQL: it names the table in the schema the migrator runs in.
        const rows = db as Kysely<Record<string, { establishment: string }>>;
        await rows.updateTable(table).set({ establishment: defaultEstablishment }).execute();
        await db.schema
          .alterTable(table)
          .alterColumn('establishment', (column) => column.setNotNull())
          .execute();
      }
    },
  };
}
