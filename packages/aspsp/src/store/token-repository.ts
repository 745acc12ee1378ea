import { type Kysely, sql } from 'kysely';
import type { TokenPair, TokenStore } from '../core/tokens/token-pair.ts';
import { precompiledRead } from './precompiled-read.ts';
import { fromRow, pick } from './rows.ts';
import type { Database } from './schema.ts';

const COLUMNS = [
  'id',
  'clientId',
  'establishment',
  'role',
  'scopes',
  'psuId',
  'consentId',
  'accounts',
  'certificateThumbprint',
  'accessExpiresAt',
  'refreshExpiresAt',
] as const;
const ISSUED = [...COLUMNS, 'accessHash', 'refreshHash', 'codeHash'] as const;

export function tokenRepository(db: Kysely<Database>, now: () => Date): TokenStore {
  // Every STET call reads its access token: built once (`precompiledRead`), and a prepared statement.
  const reader = (column: 'accessHash' | 'refreshHash') =>
    precompiledRead(
      db,
      (hash: string) =>
        db
          .selectFrom('tokenPairs')
          .select([...COLUMNS, 'revokedAt'])
          .where(column, '=', hash),
      1,
    );
  const readers = { accessHash: reader('accessHash'), refreshHash: reader('refreshHash') };
  const find = async (column: 'accessHash' | 'refreshHash', hash: string): Promise<TokenPair | undefined> => {
    const [row] = await readers[column](hash);
    if (!row) return undefined;
    // The domain needs only whether the pair was revoked, not when.
    const { revokedAt, ...pair } = fromRow(row);
    return Object.freeze({ ...pair, revoked: revokedAt !== undefined });
  };
  return {
    async issue(pair, replacing) {
      return db.transaction().execute(async (trx) => {
        if (pair.codeHash !== undefined) {
          // Locks the code row: a concurrent replay either sees this pair (and revokes it) or is seen here.
          const code = await trx
            .selectFrom('authorizationCodes')
            .select('replayedAt')
            .where('codeHash', '=', pair.codeHash)
            .forUpdate()
            .executeTakeFirst();
          if (code?.replayedAt) return false;
        }
        if (replacing !== undefined) {
          // The core's one-pair rule (`core/tokens/issue-token-pair.ts`), applied atomically: the advisory
          // lock makes concurrent issues for the same key take turns (READ COMMITTED). Raw SQL: its text is
          // not renamed by the CamelCasePlugin (and its one value is a parameter).
          const key = `${replacing.psuId}|${replacing.clientId}|${replacing.role}`;
          await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
          await trx
            .updateTable('tokenPairs')
            .set({ revokedAt: now() })
            .where('psuId', '=', replacing.psuId)
            .where('clientId', '=', replacing.clientId)
            .where('role', '=', replacing.role)
            .where('revokedAt', 'is', null)
            .execute();
        }
        await trx.insertInto('tokenPairs').values(pick(pair, ISSUED)).execute();
        return true;
      });
    },
    findByAccess: (accessHash) => find('accessHash', accessHash),
    findByRefresh: (refreshHash) => find('refreshHash', refreshHash),
    async renewAccess(id, access) {
      const result = await db
        .updateTable('tokenPairs')
        .set({
          accessHash: access.hash,
          accessExpiresAt: access.expiresAt,
          certificateThumbprint: access.certificateThumbprint,
        })
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async revoke(id) {
      await db
        .updateTable('tokenPairs')
        .set({ revokedAt: now() })
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .execute();
    },
    async revokeIssuedFromCode(codeHash) {
      await db
        .updateTable('tokenPairs')
        .set({ revokedAt: now() })
        .where('codeHash', '=', codeHash)
        .where('revokedAt', 'is', null)
        .execute();
    },
  };
}
