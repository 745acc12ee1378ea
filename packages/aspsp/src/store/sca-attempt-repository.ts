import { type Kysely, sql } from 'kysely';
import type { ScaAttempts } from '../core/sca/sca-attempts.ts';
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
    async reserve(psuId, now) {
      // One statement, so concurrent posts each get their own number; a lock that has ended starts the
      // count again, a lock still running keeps counting (every attempt then exceeds the maximum).
      const expired = sql<boolean>`sca_attempts.locked_until is not null and sca_attempts.locked_until <= ${now}`;
      const row = await db
        .insertInto('sca_attempts')
        .values({ psu_id: psuId, failures: 1, locked_until: null })
        .onConflict((conflict) =>
          conflict.column('psu_id').doUpdateSet({
            failures: sql`case when ${expired} then 1 else sca_attempts.failures + 1 end`,
            locked_until: sql`case when ${expired} then null else sca_attempts.locked_until end`,
          }),
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
    async release(psuId) {
      await db
        .updateTable('sca_attempts')
        .set({ failures: sql`greatest(sca_attempts.failures - 1, 0)` })
        .where('psu_id', '=', psuId)
        .execute();
    },
    async lock(psuId, until) {
      await db.updateTable('sca_attempts').set({ locked_until: until }).where('psu_id', '=', psuId).execute();
    },
  };
}
