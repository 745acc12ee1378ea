import { type Kysely, sql } from 'kysely';
import type { ScaAttempts } from '../domain/sca-attempts.ts';
import type { Database } from './schema.ts';

export function scaAttemptRepository(db: Kysely<Database>): ScaAttempts {
  return {
    async lockedUntil(psuId, now) {
      const row = await db
        .selectFrom('sca_attempts')
        .select('locked_until')
        .where('psu_id', '=', psuId)
        .executeTakeFirst();
      return row?.locked_until && row.locked_until > now ? row.locked_until : undefined;
    },
    async reserve(psuId) {
      // One statement: concurrent posts each get their own number.
      const row = await db
        .insertInto('sca_attempts')
        .values({ psu_id: psuId, failures: 1, locked_until: null })
        .onConflict((conflict) =>
          conflict.column('psu_id').doUpdateSet({ failures: sql`sca_attempts.failures + 1` }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      return row.failures;
    },
    async succeeded(psuId) {
      await db
        .updateTable('sca_attempts')
        .set({ failures: 0, locked_until: null })
        .where('psu_id', '=', psuId)
        .execute();
    },
    async lock(psuId, until) {
      await db
        .updateTable('sca_attempts')
        .set({ failures: 0, locked_until: until })
        .where('psu_id', '=', psuId)
        .execute();
    },
  };
}
