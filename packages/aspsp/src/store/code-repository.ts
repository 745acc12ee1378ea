import type { Kysely, Selectable } from 'kysely';
import type { AuthorizationCode, CodeStore } from '../core/tokens/token-pair.ts';
import type { AuthorizationCodeTable, Database } from './schema.ts';

function toCode(row: Selectable<AuthorizationCodeTable>): AuthorizationCode {
  return Object.freeze({
    codeHash: row.code_hash,
    clientId: row.client_id,
    redirectUri: row.redirect_uri,
    codeChallenge: row.code_challenge ?? undefined,
    consentId: row.consent_id,
    expiresAt: row.expires_at,
  });
}

export function codeRepository(db: Kysely<Database>): CodeStore {
  return {
    async save(code) {
      await db
        .insertInto('authorization_codes')
        .values({
          code_hash: code.codeHash,
          client_id: code.clientId,
          redirect_uri: code.redirectUri,
          code_challenge: code.codeChallenge ?? null,
          consent_id: code.consentId,
          expires_at: code.expiresAt,
          used_at: null,
        })
        .execute();
    },
    async consume(codeHash, now) {
      // One statement marks the code used only if it was not: concurrent replays cannot both win.
      const first = await db
        .updateTable('authorization_codes')
        .set({ used_at: now })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (first) return { code: toCode(first), firstUse: true };
      // A replay is recorded on the code: an exchange still in flight then refuses to issue (token store).
      const replayed = await db
        .updateTable('authorization_codes')
        .set({ replayed_at: now })
        .where('code_hash', '=', codeHash)
        .returningAll()
        .executeTakeFirst();
      return replayed ? { code: toCode(replayed), firstUse: false } : undefined;
    },
  };
}
