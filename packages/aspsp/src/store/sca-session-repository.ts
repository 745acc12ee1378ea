import type { Kysely } from 'kysely';
import type { ScaSessionStore } from '../core/sca/sca-session.ts';
import { fromRow, pick } from './rows.ts';
import type { Database } from './schema.ts';

const COLUMNS = [
  'id',
  'csrfHash',
  'clientId',
  'establishment',
  'redirectUri',
  'scopes',
  'state',
  'codeChallenge',
  'step',
  'psuId',
  'failures',
  'otpDestination',
  'lastActivityAt',
  'paymentRequestId',
  'paymentBinding',
  'exempted',
] as const;

/** What a session's pages change as the customer goes on; undefined fields are left as they are. */
const CHANGING = [
  'step',
  'psuId',
  'failures',
  'lastActivityAt',
  'otpDestination',
  'paymentBinding',
  'exempted',
] as const;

export function scaSessionRepository(db: Kysely<Database>): ScaSessionStore {
  return {
    async create(session) {
      await db
        .insertInto('scaSessions')
        .values({ ...pick(session, COLUMNS), cookieHash: session.cookieHash })
        .execute();
    },
    async findByCookie(cookieHash) {
      const row = await db
        .selectFrom('scaSessions')
        .select(COLUMNS)
        .where('cookieHash', '=', cookieHash)
        .executeTakeFirst();
      return row && fromRow(row);
    },
    async update(id, change) {
      await db.updateTable('scaSessions').set(pick(change, CHANGING)).where('id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('scaSessions').where('id', '=', id).execute();
    },
    async deleteIdleSince(idleSince) {
      await db.deleteFrom('scaSessions').where('lastActivityAt', '<', idleSince).execute();
    },
  };
}
