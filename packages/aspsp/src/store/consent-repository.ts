import type { Kysely } from 'kysely';
import type { ConsentStore } from '../core/consent/consent.ts';
import { fromRow, pick } from './rows.ts';
import type { Database } from './schema.ts';

const COLUMNS = ['id', 'psuId', 'establishment', 'clientId', 'role', 'scopes', 'accounts', 'scaAt'] as const;
const READ = [...COLUMNS, 'access'] as const;

export function consentRepository(db: Kysely<Database>, now: () => Date): ConsentStore {
  return {
    async save(consent) {
      // The housekeeping purge ages consents by the same clock (housekeeping.ts), not the database's.
      await db
        .insertInto('consents')
        .values({ ...pick(consent, COLUMNS), createdAt: now() })
        .execute();
    },
    async find(id) {
      const row = await db.selectFrom('consents').select(READ).where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },
    async forwardAccess(id, access) {
      await db
        .updateTable('consents')
        .set({ access: JSON.stringify(access) })
        .where('id', '=', id)
        .execute();
    },
  };
}
