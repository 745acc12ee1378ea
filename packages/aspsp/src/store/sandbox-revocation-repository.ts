import type { Kysely } from 'kysely';
import type { RevocationList } from '../core/ports/revocation-list.ts';
import { fromRow } from './rows.ts';
import type { Database } from './schema.ts';

export function sandboxRevocationRepository(db: Kysely<Database>): RevocationList {
  return {
    async revoke({ serialNumber, revokedAt, reason }) {
      await db
        .insertInto('sandboxRevocations')
        .values({ serialNumber, revokedAt, reason })
        .onConflict((conflict) => conflict.column('serialNumber').doNothing())
        .execute();
    },
    async list() {
      const rows = await db.selectFrom('sandboxRevocations').selectAll().orderBy('revokedAt').execute();
      return rows.map(fromRow);
    },
  };
}
