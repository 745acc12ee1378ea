import type { Kysely } from 'kysely';
import { UNATTENDED_WINDOW_MS } from '../core/accounts/unattended-quota.ts';
import { PAYMENT_RULES } from '../core/payments/payment-rules.ts';
import type { Database } from './schema.ts';

/**
 * How long a dead record stays before it is deleted: a day, to leave support a day to look at what just
 * happened. The audit trail keeps every call meanwhile.
 */
export const PURGE_GRACE_MS = 86_400_000;
/** SCA sessions the customer left (tab closed): an hour, as `GET /authorize` already uses. */
export const ABANDONED_SESSION_MS = 3_600_000;

/** Rows per DELETE statement: a large backlog goes in many short statements, not one long lock. */
export const PURGE_BATCH = 1000;

/** How many rows each purge removed. */
export interface PurgeReport {
  readonly codes: number;
  readonly tokenPairs: number;
  readonly consents: number;
  readonly scaSessions: number;
  readonly unattendedReads: number;
  readonly paymentRequests: number;
  readonly paymentReferences: number;
}

/**
 * Deletes what can no longer serve: token pairs a day after their refresh token expired (or their access
 * token, without one) or they were revoked; authorization codes expired a day ago that no remaining pair
 * was issued from; consents no code or token refers to any more, a day old; SCA sessions idle for an
 * hour; unattended AISP reads two days old; payment requests past `PAYMENT_RULES.keptDays` but those still
 * running (a standing order), and the initiators' payment references a day after their 24 hours. Never the
 * audit trail, the register, the TPP registrations or the SCA lockout counters. Each table goes
 * `batchSize` rows per statement. Idempotent: several instances may run it at once.
 */
export async function purgeExpired(
  db: Kysely<Database>,
  now: Date,
  batchSize = PURGE_BATCH,
): Promise<PurgeReport> {
  const dead = new Date(now.getTime() - PURGE_GRACE_MS);
  const batches = (deleteSome: (limit: number) => Promise<{ numDeletedRows: bigint }>) =>
    inBatches(deleteSome, batchSize);
  // A code stays as long as a token pair issued from it: replayed any time, it still revokes them
  // (RFC 6749 §4.1.2). The pairs go first, so a code whose pairs just died goes in the same run.
  const tokenPairs = await batches((limit) =>
    db
      .deleteFrom('tokenPairs')
      .where('id', 'in', (row) =>
        row
          .selectFrom('tokenPairs')
          .select('id')
          .where((pair) =>
            pair.or([
              pair('revokedAt', '<', dead),
              pair('refreshExpiresAt', '<', dead),
              pair.and([pair('refreshExpiresAt', 'is', null), pair('accessExpiresAt', '<', dead)]),
            ]),
          )
          .limit(limit),
      )
      .executeTakeFirstOrThrow(),
  );
  const codes = await batches((limit) =>
    db
      .deleteFrom('authorizationCodes')
      .where('codeHash', 'in', (row) =>
        row
          .selectFrom('authorizationCodes as code')
          .select('code.codeHash')
          .where('code.expiresAt', '<', dead)
          .where((code) =>
            code.not(
              code.exists(
                code
                  .selectFrom('tokenPairs')
                  .select('id')
                  .whereRef('tokenPairs.codeHash', '=', 'code.codeHash'),
              ),
            ),
          )
          .limit(limit),
      )
      .executeTakeFirstOrThrow(),
  );
  const consents = await batches((limit) =>
    db
      .deleteFrom('consents')
      .where('id', 'in', (row) =>
        row
          .selectFrom('consents as consent')
          .select('consent.id')
          .where('consent.createdAt', '<', dead)
          .where((consent) =>
            consent.and([
              consent.not(
                consent.exists(
                  consent
                    .selectFrom('tokenPairs')
                    .select('id')
                    .whereRef('tokenPairs.consentId', '=', 'consent.id'),
                ),
              ),
              consent.not(
                consent.exists(
                  consent
                    .selectFrom('authorizationCodes')
                    .select('codeHash')
                    .whereRef('authorizationCodes.consentId', '=', 'consent.id'),
                ),
              ),
            ]),
          )
          .limit(limit),
      )
      .executeTakeFirstOrThrow(),
  );
  const abandoned = new Date(now.getTime() - ABANDONED_SESSION_MS);
  const scaSessions = await batches((limit) =>
    db
      .deleteFrom('scaSessions')
      .where('id', 'in', (row) =>
        row.selectFrom('scaSessions').select('id').where('lastActivityAt', '<', abandoned).limit(limit),
      )
      .executeTakeFirstOrThrow(),
  );
  // An unattended read counts for 24 hours (RTS Art. 36(5)(b)); then a day of grace like the rest.
  const uncounted = new Date(dead.getTime() - UNATTENDED_WINDOW_MS);
  const unattendedReads = await batches((limit) =>
    db
      .deleteFrom('unattendedReads')
      .where('id', 'in', (row) =>
        row.selectFrom('unattendedReads').select('id').where('readAt', '<', uncounted).limit(limit),
      )
      .executeTakeFirstOrThrow(),
  );
  return {
    codes,
    tokenPairs,
    consents,
    scaSessions,
    unattendedReads,
    ...(await purgePayments(db, now, batches)),
  };
}

type Batches = (deleteSome: (limit: number) => Promise<{ numDeletedRows: bigint }>) => Promise<number>;

/**
 * Payment requests stay readable `PAYMENT_RULES.keptDays` (STET: at least 30 days), and longer while they
 * run (an accepted standing order executes until its end date or its cancellation). A payment reference
 * is the idempotency key for 24 hours, then a day of grace like the rest.
 */
async function purgePayments(db: Kysely<Database>, now: Date, batches: Batches) {
  const old = new Date(now.getTime() - PAYMENT_RULES.keptDays * 86_400_000);
  const paymentRequests = await batches((limit) =>
    db
      .deleteFrom('paymentRequests')
      .where('id', 'in', (row) =>
        row
          .selectFrom('paymentRequests')
          .select('id')
          .where('createdAt', '<', old)
          .where('status', '!=', 'accepted')
          .limit(limit),
      )
      .executeTakeFirstOrThrow(),
  );
  const unused = new Date(now.getTime() - PAYMENT_RULES.idempotencyHours * 3_600_000 - PURGE_GRACE_MS);
  const paymentReferences = await batches((limit) =>
    db
      .deleteFrom('paymentReferences')
      .where((eb) =>
        eb(
          eb.refTuple('establishment', 'clientId', 'paymentInformationId'),
          'in',
          eb
            .selectFrom('paymentReferences')
            .select(['establishment', 'clientId', 'paymentInformationId'])
            .where('createdAt', '<', unused)
            .limit(limit)
            .$asTuple('establishment', 'clientId', 'paymentInformationId'),
        ),
      )
      .executeTakeFirstOrThrow(),
  );
  return { paymentRequests, paymentReferences };
}

/** Runs a bounded delete until it deletes less than a batch: short statements, short locks. */
async function inBatches(
  deleteSome: (limit: number) => Promise<{ numDeletedRows: bigint }>,
  batchSize: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = Number((await deleteSome(batchSize)).numDeletedRows);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
