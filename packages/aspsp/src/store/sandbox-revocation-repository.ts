import type { RevocationReason } from '@openstet/protocol';
import type { Kysely } from 'kysely';
import type { RevocationList } from '../core/ports/revocation-list.ts';
import type { Database } from './schema.ts';

export function sandboxRevocationRepository(db: Kysely<Database>): RevocationList {
  return {
    async revoke(revocation) {
      await db
        .insertInto('sandbox_revocations')
        .values({
          serial_number: revocation.serialNumber,
          revoked_at: revocation.revokedAt,
          reason: revocation.reason,
        })
        .onConflict((conflict) => conflict.column('serial_number').doNothing())
        .execute();
    },
    async list() {
      const rows = await db.selectFrom('sandbox_revocations').selectAll().orderBy('revoked_at').execute();
      return rows.map((row) =>
        Object.freeze({
          serialNumber: row.serial_number,
          revokedAt: row.revoked_at,
          reason: row.reason as RevocationReason,
        }),
      );
    },
  };
}
