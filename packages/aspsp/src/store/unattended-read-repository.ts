import { type Kysely, sql } from 'kysely';
import type { UnattendedReadLog } from '../core/accounts/unattended-quota.ts';
import type { Database } from './schema.ts';

/**
 * The unattended reads of AISPs (migration 009), counted in the database so that every worker and node
 * sees the same reads. A claim runs in one transaction under an advisory lock on its (TPP, subject, kind):
 * concurrent claims on the same key queue, so the fifth read is refused whichever node gets it.
 */
export function unattendedReadRepository(db: Kysely<Database>): UnattendedReadLog {
  return {
    claim(read, at, since, limit) {
      return db.transaction().execute(async (trx) => {
        const key = `${read.clientId} ${read.subject} ${read.kind}`;
        await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
        const recent = await trx
          .selectFrom('unattendedReads')
          .select('readAt')
          .where('clientId', '=', read.clientId)
          .where('subject', '=', read.subject)
          .where('readKind', '=', read.kind)
          .where('readAt', '>', since)
          .orderBy('readAt')
          .limit(limit)
          .execute();
        if (recent.length >= limit) return { oldest: new Date(recent[0]?.readAt ?? at) };
        const { id } = await trx
          .insertInto('unattendedReads')
          .values({ clientId: read.clientId, subject: read.subject, readKind: read.kind, readAt: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        return { readId: String(id) };
      });
    },
    async release(readId) {
      await db.deleteFrom('unattendedReads').where('id', '=', readId).execute();
    },
  };
}
