import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * How long a dead record stays before it is deleted: a day, to leave support a day to look at what just
 * happened. The audit trail keeps every call meanwhile.
 */
export const PURGE_GRACE_MS = 86_400_000;
/** SCA sessions the customer left (tab closed): an hour, as `GET /authorize` already uses. */
export const ABANDONED_SESSION_MS = 3_600_000;

/** How many rows each purge removed. */
export interface PurgeReport {
  readonly codes: number;
  readonly tokenPairs: number;
  readonly consents: number;
  readonly scaSessions: number;
}

const count = (result: { numDeletedRows: bigint }) => Number(result.numDeletedRows);

/**
 * Deletes what can no longer serve: token pairs a day after their refresh token expired (or their access
 * token, without one) or they were revoked; authorization codes expired a day ago that no remaining pair
 * was issued from; consents no code or token refers to any more, a day old; SCA sessions idle for an hour. Never the audit trail, the
 * register, the TPP registrations or the SCA lockout counters. Idempotent: several instances may run it.
 */
export async function purgeExpired(db: Kysely<Database>, now: Date): Promise<PurgeReport> {
  const dead = new Date(now.getTime() - PURGE_GRACE_MS);
  // A code stays as long as a token pair issued from it: replayed any time, it still revokes them
  // (RFC 6749 §4.1.2). The pairs go first, so a code whose pairs just died goes in the same run.
  const tokenPairs = await db
    .deleteFrom('token_pairs')
    .where((row) =>
      row.or([
        row('revoked_at', '<', dead),
        row('refresh_expires_at', '<', dead),
        row.and([row('refresh_expires_at', 'is', null), row('access_expires_at', '<', dead)]),
      ]),
    )
    .executeTakeFirst();
  const codes = await db
    .deleteFrom('authorization_codes')
    .where('expires_at', '<', dead)
    .where((row) =>
      row.not(
        row.exists(
          row
            .selectFrom('token_pairs')
            .select('id')
            .whereRef('token_pairs.code_hash', '=', 'authorization_codes.code_hash'),
        ),
      ),
    )
    .executeTakeFirst();
  const consents = await db
    .deleteFrom('consents')
    .where('created_at', '<', dead)
    .where((row) =>
      row.and([
        row.not(
          row.exists(
            row.selectFrom('token_pairs').select('id').whereRef('token_pairs.consent_id', '=', 'consents.id'),
          ),
        ),
        row.not(
          row.exists(
            row
              .selectFrom('authorization_codes')
              .select('code_hash')
              .whereRef('authorization_codes.consent_id', '=', 'consents.id'),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  const scaSessions = await db
    .deleteFrom('sca_sessions')
    .where('last_activity_at', '<', new Date(now.getTime() - ABANDONED_SESSION_MS))
    .executeTakeFirst();
  return {
    codes: count(codes),
    tokenPairs: count(tokenPairs),
    consents: count(consents),
    scaSessions: count(scaSessions),
  };
}
