import type { Kysely } from 'kysely';
import type { ClientRegistry } from '../core/tpp/client-registration.ts';
import { fromRow, pick } from './rows.ts';
import type { Database } from './schema.ts';

/** What a registration replaces when the TPP posts again; `clientId` and `createdAt` stay. */
const REPLACED = [
  'clientName',
  'redirectUris',
  'signingCertificate',
  'signingCertificateUrl',
  'requirePkce',
] as const;

export function clientRepository(db: Kysely<Database>, now: () => Date): ClientRegistry {
  return {
    async find(clientId) {
      const row = await db
        .selectFrom('clients')
        .select(['clientId', 'createdAt', ...REPLACED])
        .where('clientId', '=', clientId)
        .executeTakeFirst();
      return row && fromRow(row);
    },
    async save(registration) {
      const at = now();
      // RFC 7591 §3.2.1 client_id_issued_at: the first registration's time, kept when it is replaced.
      const values = { ...pick(registration, REPLACED), updatedAt: at };
      return db
        .insertInto('clients')
        .values({ clientId: registration.clientId, createdAt: at, ...values })
        .onConflict((conflict) => conflict.column('clientId').doUpdateSet(values))
        .returning('createdAt')
        .executeTakeFirstOrThrow();
    },
  };
}
