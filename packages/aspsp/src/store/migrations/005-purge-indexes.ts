import type { Kysely } from 'kysely';

/**
 * What the housekeeping purge (store/housekeeping.ts) looks rows up by, so that each run reads only the
 * dead rows instead of whole tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('token_pairs_refresh_expiry')
    .on('token_pairs')
    .column('refresh_expires_at')
    .execute();
  await db.schema.createIndex('token_pairs_revoked').on('token_pairs').column('revoked_at').execute();
  await db.schema.createIndex('token_pairs_consent').on('token_pairs').column('consent_id').execute();
  await db.schema
    .createIndex('authorization_codes_expiry')
    .on('authorization_codes')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('authorization_codes_consent')
    .on('authorization_codes')
    .column('consent_id')
    .execute();
  await db.schema.createIndex('consents_created').on('consents').column('created_at').execute();
}
