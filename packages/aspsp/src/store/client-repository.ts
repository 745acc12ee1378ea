import type { Kysely } from 'kysely';
import type { ClientRegistry } from '../core/tpp/client-registration.ts';
import type { Database } from './schema.ts';

export function clientRepository(db: Kysely<Database>): ClientRegistry {
  return {
    async find(clientId) {
      const row = await db
        .selectFrom('clients')
        .selectAll()
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      if (!row) return undefined;
      return Object.freeze({
        clientId: row.client_id,
        clientName: row.client_name,
        redirectUris: Object.freeze([...row.redirect_uris]),
        signingCertificate: row.signing_certificate,
        signingCertificateUrl: row.signing_certificate_url ?? undefined,
        requirePkce: row.require_pkce,
        createdAt: row.created_at,
      });
    },
    async save(registration) {
      const values = {
        client_name: registration.clientName,
        redirect_uris: [...registration.redirectUris],
        signing_certificate: registration.signingCertificate,
        signing_certificate_url: registration.signingCertificateUrl ?? null,
        require_pkce: registration.requirePkce,
        updated_at: new Date(),
      };
      const row = await db
        .insertInto('clients')
        .values({ client_id: registration.clientId, ...values })
        .onConflict((conflict) => conflict.column('client_id').doUpdateSet(values))
        .returning('created_at')
        .executeTakeFirstOrThrow();
      return { createdAt: row.created_at };
    },
  };
}
