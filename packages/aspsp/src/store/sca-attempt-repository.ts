import { type Kysely, sql } from 'kysely';
import type { ScaAttempts } from '../core/sca/sca-attempts.ts';
import type { Database } from './schema.ts';

export function scaAttemptRepository(db: Kysely<Database>): ScaAttempts {
  return {
    async lockedUntil(psuId, now) {
      const row = await db
        .selectFrom('scaAttempts')
        .select('lockedUntil')
        .where('psuId', '=', psuId)
        .executeTakeFirst();
      return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : undefined;
    },
    async reserve(psuId, now) {
      // One statement, so concurrent posts each get their own number; a lock that has ended starts the
      // count again, a lock still running keeps counting (every attempt then exceeds the maximum).
      // Raw SQL text is not renamed by the CamelCasePlugin: it names the real snake_case columns.
      const expired = sql<boolean>`sca_attempts.locked_until is not null and sca_attempts.locked_until <= ${now}`;
      const row = await db
        .insertInto('scaAttempts')
        .values({ psuId, failures: 1, lockedUntil: null })
        .onConflict((conflict) =>
          conflict.column('psuId').doUpdateSet({
            failures: sql`case when ${expired} then 1 else sca_attempts.failures + 1 end`,
            lockedUntil: sql`case when ${expired} then null else sca_attempts.locked_until end`,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      return row.failures;
    },
    async succeeded(psuId) {
      await db
        .updateTable('scaAttempts')
        .set({ failures: 0, lockedUntil: null })
        .where('psuId', '=', psuId)
        .execute();
    },
    async release(psuId) {
      await db
        .updateTable('scaAttempts')
        .set({ failures: sql`greatest(sca_attempts.failures - 1, 0)` })
        .where('psuId', '=', psuId)
        .execute();
    },
    async lock(psuId, until) {
      await db.updateTable('scaAttempts').set({ lockedUntil: until }).where('psuId', '=', psuId).execute();
    },
  };
}
