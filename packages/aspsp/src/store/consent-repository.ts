import type { Kysely } from 'kysely';
import type { ConsentStore } from '../core/consent/consent.ts';
import type { ConsentRole, Scope } from '../core/consent/scopes.ts';
import type { Database } from './schema.ts';

export function consentRepository(db: Kysely<Database>): ConsentStore {
  return {
    async save(consent) {
      await db
        .insertInto('consents')
        .values({
          id: consent.id,
          psu_id: consent.psuId,
          client_id: consent.clientId,
          role: consent.role,
          scopes: [...consent.scopes],
          accounts: [...consent.accounts],
          sca_at: consent.scaAt,
          revoked_at: null,
        })
        .execute();
    },
    async find(id) {
      const row = await db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return Object.freeze({
        id: row.id,
        psuId: row.psu_id,
        clientId: row.client_id,
        role: row.role as ConsentRole,
        scopes: Object.freeze(row.scopes as Scope[]),
        accounts: Object.freeze([...row.accounts]),
        scaAt: row.sca_at,
      });
    },
  };
}
