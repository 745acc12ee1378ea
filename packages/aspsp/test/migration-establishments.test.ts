import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrationProvider } from '../src/store/migrations/index.ts';
import { openStore } from '../src/store/open-store.ts';

describe('migration 007: rows from before establishments (ADR 0005)', () => {
  test('belong to the configured default establishment, so the tokens in use keep working there', async () => {
    const pglite = new PGlite();
    const before = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
    const migrated = await new Migrator({ db: before, provider: migrationProvider('13807') }).migrateTo(
      '006-sandbox-revocations',
    );
    assert.equal(migrated.error, undefined);
    await sql`insert into token_pairs (id, access_hash, client_id, role, scopes, accounts, certificate_thumbprint, access_expires_at)
      values ('pair-1', 'hash-1', 'PSDFR-ACPR-12345', 'cbpii', array['cbpii'], array[]::text[], 'ab', now())`.execute(
      before,
    );
    const store = await openStore({ pglite, defaultEstablishment: '16807' });
    try {
      const row = await store.db
        .selectFrom('tokenPairs')
        .select('establishment')
        .where('id', '=', 'pair-1')
        .executeTakeFirstOrThrow();
      assert.equal(row.establishment, '16807');
      // New rows name their establishment: the column has no default to fall back on.
      await assert.rejects(
        sql`insert into consents (id, psu_id, client_id, role, scopes, accounts, sca_at)
          values ('c-1', 'psu-marc', 'PSDFR-ACPR-12345', 'cbpii', array['cbpii'], array[]::text[], now())`.execute(
          store.db,
        ),
        /establishment/,
      );
    } finally {
      await store.close();
      await pglite.close();
    }
  });
});
