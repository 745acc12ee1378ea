import type { Kysely } from 'kysely';

/**
 * Each consent, SCA session and token pair belongs to one establishment (`cdetab`, DESIGN.md
 * "Establishments"). Rows written before there was more than one belong to the seed's 13807, the only
 * establishment served until then; new rows always name theirs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['consents', 'sca_sessions', 'token_pairs']) {
    await db.schema
      .alterTable(table)
      .addColumn('establishment', 'text', (column) => column.notNull().defaultTo('13807'))
      .execute();
  }
}
