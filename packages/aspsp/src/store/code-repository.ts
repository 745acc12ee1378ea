import type { Kysely } from 'kysely';
import type { CodeStore } from '../core/tokens/token-pair.ts';
import { fromRow, pick } from './rows.ts';
import type { Database } from './schema.ts';

const COLUMNS = [
  'codeHash',
  'establishment',
  'clientId',
  'redirectUri',
  'codeChallenge',
  'consentId',
  'expiresAt',
] as const;

export function codeRepository(db: Kysely<Database>): CodeStore {
  return {
    async save(code) {
      await db.insertInto('authorizationCodes').values(pick(code, COLUMNS)).execute();
    },
    async consume(codeHash, establishment, now) {
      // One statement marks the code used only if it was not: concurrent replays cannot both win.
      const first = await db
        .updateTable('authorizationCodes')
        .set({ usedAt: now })
        .where('codeHash', '=', codeHash)
        .where('establishment', '=', establishment)
        .where('usedAt', 'is', null)
        .returning(COLUMNS)
        .executeTakeFirst();
      if (first) return { code: fromRow(first), firstUse: true };
      // A replay is recorded on the code: an exchange still in flight then refuses to issue (token store).
      const replayed = await db
        .updateTable('authorizationCodes')
        .set({ replayedAt: now })
        .where('codeHash', '=', codeHash)
        .where('establishment', '=', establishment)
        .returning(COLUMNS)
        .executeTakeFirst();
      return replayed ? { code: fromRow(replayed), firstUse: false } : undefined;
    },
  };
}
