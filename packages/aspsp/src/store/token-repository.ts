import { type Kysely, type Selectable, sql } from 'kysely';
import type { ConsentRole, Scope } from '../core/consent/scopes.ts';
import type { TokenPair, TokenStore } from '../core/tokens/token-pair.ts';
import type { Database, TokenPairTable } from './schema.ts';

function toPair(row: Selectable<TokenPairTable>): TokenPair {
  return Object.freeze({
    id: row.id,
    clientId: row.client_id,
    role: row.role as ConsentRole,
    scopes: Object.freeze(row.scopes as Scope[]),
    psuId: row.psu_id ?? undefined,
    consentId: row.consent_id ?? undefined,
    accounts: Object.freeze([...row.accounts]),
    certificateThumbprint: row.certificate_thumbprint,
    accessExpiresAt: row.access_expires_at,
    refreshExpiresAt: row.refresh_expires_at ?? undefined,
    revoked: row.revoked_at !== null,
  });
}

export function tokenRepository(db: Kysely<Database>): TokenStore {
  return {
    async issue(pair) {
      return db.transaction().execute(async (trx) => {
        if (pair.codeHash !== undefined) {
          // Locks the code row: a concurrent replay either sees this pair (and revokes it) or is seen here.
          const code = await trx
            .selectFrom('authorization_codes')
            .select('replayed_at')
            .where('code_hash', '=', pair.codeHash)
            .forUpdate()
            .executeTakeFirst();
          if (code?.replayed_at) return false;
        }
        if (pair.psuId !== undefined) {
          // Seed: at most one valid pair per (PSU, TPP, role); a new authorization replaces the old pair.
          // The advisory lock makes concurrent issues for the same triple take turns (READ COMMITTED).
          await sql`select pg_advisory_xact_lock(hashtext(${`${pair.psuId}|${pair.clientId}|${pair.role}`}))`.execute(
            trx,
          );
          await trx
            .updateTable('token_pairs')
            .set({ revoked_at: new Date() })
            .where('psu_id', '=', pair.psuId)
            .where('client_id', '=', pair.clientId)
            .where('role', '=', pair.role)
            .where('revoked_at', 'is', null)
            .execute();
        }
        await trx
          .insertInto('token_pairs')
          .values({
            id: pair.id,
            access_hash: pair.accessHash,
            refresh_hash: pair.refreshHash ?? null,
            client_id: pair.clientId,
            role: pair.role,
            scopes: [...pair.scopes],
            psu_id: pair.psuId ?? null,
            consent_id: pair.consentId ?? null,
            accounts: [...pair.accounts],
            code_hash: pair.codeHash ?? null,
            certificate_thumbprint: pair.certificateThumbprint,
            access_expires_at: pair.accessExpiresAt,
            refresh_expires_at: pair.refreshExpiresAt ?? null,
            revoked_at: null,
          })
          .execute();
        return true;
      });
    },
    async findByAccess(accessHash) {
      const row = await db
        .selectFrom('token_pairs')
        .selectAll()
        .where('access_hash', '=', accessHash)
        .executeTakeFirst();
      return row ? toPair(row) : undefined;
    },
    async findByRefresh(refreshHash) {
      const row = await db
        .selectFrom('token_pairs')
        .selectAll()
        .where('refresh_hash', '=', refreshHash)
        .executeTakeFirst();
      return row ? toPair(row) : undefined;
    },
    async renewAccess(id, access) {
      const result = await db
        .updateTable('token_pairs')
        .set({
          access_hash: access.hash,
          access_expires_at: access.expiresAt,
          certificate_thumbprint: access.certificateThumbprint,
        })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async revoke(id) {
      await db
        .updateTable('token_pairs')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async revokeIssuedFromCode(codeHash) {
      await db
        .updateTable('token_pairs')
        .set({ revoked_at: new Date() })
        .where('code_hash', '=', codeHash)
        .where('revoked_at', 'is', null)
        .execute();
    },
  };
}
