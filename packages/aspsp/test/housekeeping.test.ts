import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { PURGE_BATCH, purgeExpired } from '../src/store/housekeeping.ts';
import type { Store } from '../src/store/open-store.ts';
import type { Database } from '../src/store/schema.ts';
import { injectApp } from './helpers/inject-app.ts';
import { ENGINES, testStore } from './helpers/stores.ts';

/** The purge's reference time: now, so that nothing here depends on the date the suite runs. */
const NOW = new Date();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

async function consent(db: Kysely<Database>, id: string, createdAt: Date): Promise<void> {
  await db
    .insertInto('consents')
    .values({
      id,
      psuId: 'psu-marc',
      establishment: '13807',
      clientId: 'PSDFR-ACPR-12345',
      role: 'cbpii',
      scopes: sql`array['cbpii']`,
      accounts: sql`array['FR7613807008043001965405158']`,
      scaAt: createdAt,
      createdAt,
      revokedAt: null,
    })
    .execute();
}

async function code(
  db: Kysely<Database>,
  codeHash: string,
  consentId: string,
  expiresAt: Date,
): Promise<void> {
  await db
    .insertInto('authorizationCodes')
    .values({
      codeHash,
      establishment: '13807',
      clientId: 'PSDFR-ACPR-12345',
      redirectUri: 'https://tpp.example/callback',
      codeChallenge: null,
      consentId,
      expiresAt,
      usedAt: null,
    })
    .execute();
}

async function pair(
  db: Kysely<Database>,
  id: string,
  consentId: string,
  times: { access: Date; refresh: Date | null; revoked?: Date; codeHash?: string },
): Promise<void> {
  await db
    .insertInto('tokenPairs')
    .values({
      id,
      accessHash: `access-${id}`,
      refreshHash: times.refresh ? `refresh-${id}` : null,
      clientId: 'PSDFR-ACPR-12345',
      establishment: '13807',
      role: 'cbpii',
      scopes: sql`array['cbpii']`,
      psuId: 'psu-marc',
      consentId,
      accounts: sql`array['FR7613807008043001965405158']`,
      codeHash: times.codeHash ?? null,
      certificateThumbprint: 'AB:CD',
      accessExpiresAt: times.access,
      refreshExpiresAt: times.refresh,
      revokedAt: times.revoked ?? null,
    })
    .execute();
}

async function session(db: Kysely<Database>, id: string, lastActivityAt: Date): Promise<void> {
  await db
    .insertInto('scaSessions')
    .values({
      id,
      cookieHash: `cookie-${id}`,
      csrfHash: `csrf-${id}`,
      clientId: 'PSDFR-ACPR-12345',
      establishment: '13807',
      redirectUri: 'https://tpp.example/callback',
      scopes: sql`array['cbpii']`,
      state: null,
      codeChallenge: null,
      step: 'login',
      psuId: null,
      otpDestination: null,
      lastActivityAt,
    })
    .execute();
}

const ids = async (db: Kysely<Database>) => ({
  codes: (await db.selectFrom('authorizationCodes').select('codeHash').orderBy('codeHash').execute()).map(
    (row) => row.codeHash,
  ),
  pairs: (await db.selectFrom('tokenPairs').select('id').orderBy('id').execute()).map((row) => row.id),
  consents: (await db.selectFrom('consents').select('id').orderBy('id').execute()).map((row) => row.id),
  sessions: (await db.selectFrom('scaSessions').select('id').orderBy('id').execute()).map((row) => row.id),
  unattendedReads: (await db.selectFrom('unattendedReads').select('readAt').execute()).map((row) =>
    new Date(row.readAt).toISOString(),
  ),
});

for (const engine of ENGINES) {
  describe(`housekeeping deletes what can no longer serve, and nothing else (${engine})`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await testStore(engine);
    });
    afterEach(() => store.close());

    // 1000 rows per statement in production; one per statement shows a backlog goes in batches.
    for (const batchSize of [PURGE_BATCH, 1])
      test(`codes, token pairs, consents and SCA sessions past their grace go; live and recent ones stay (${batchSize} per statement)`, async () => {
        const { db } = store;
        await consent(db, 'consent-live', at(-200 * DAY));
        await consent(db, 'consent-of-code', at(-2 * DAY));
        await consent(db, 'consent-orphan-old', at(-2 * DAY));
        await consent(db, 'consent-orphan-new', at(-HOUR));
        await code(db, 'code-expired-2d', 'consent-of-code', at(-2 * DAY));
        await code(db, 'code-expired-1h', 'consent-of-code', at(-HOUR));
        // Exchanged 100 days ago: kept while its pair lives, so that a replay still revokes the pair.
        await code(db, 'code-of-live-pair', 'consent-of-code', at(-100 * DAY));
        await pair(db, 'pair-live', 'consent-live', {
          access: at(HOUR),
          refresh: at(100 * DAY),
          codeHash: 'code-of-live-pair',
        });
        await pair(db, 'pair-refresh-dead', 'consent-live', {
          access: at(-181 * DAY),
          refresh: at(-2 * DAY),
        });
        await pair(db, 'pair-revoked-2d', 'consent-live', {
          access: at(HOUR),
          refresh: at(100 * DAY),
          revoked: at(-2 * DAY),
        });
        await pair(db, 'pair-revoked-1h', 'consent-live', {
          access: at(HOUR),
          refresh: at(100 * DAY),
          revoked: at(-HOUR),
        });
        await pair(db, 'pair-client-credentials-dead', 'consent-live', {
          access: at(-2 * DAY),
          refresh: null,
        });
        await session(db, 'session-abandoned', at(-2 * HOUR));
        await session(db, 'session-active', at(-60_000));
        for (const readAt of [at(-3 * DAY), at(-HOUR)])
          await db
            .insertInto('unattendedReads')
            .values({ clientId: 'PSDFR-ACPR-12345', subject: 'FR76', readKind: 'balances', readAt })
            .execute();

        // Every DELETE statement the purge sends, with the rows it removed.
        const deleted: bigint[] = [];
        const watched = db.withPlugin({
          transformQuery: ({ node }) => node,
          transformResult: async ({ result }) => {
            if (result.numAffectedRows !== undefined) deleted.push(result.numAffectedRows);
            return result;
          },
        });
        assert.deepEqual(await purgeExpired(watched, NOW, batchSize), {
          codes: 1,
          tokenPairs: 3,
          consents: 1,
          scaSessions: 1,
          unattendedReads: 1,
          paymentRequests: 0,
          paymentReferences: 0,
        });
        assert.ok(
          deleted.every((rows) => rows <= BigInt(batchSize)),
          `no statement deletes more than ${batchSize}: ${deleted.join(', ')}`,
        );
        // After a full batch comes another statement for the same table: 3 + 1 pairs, 1 + 1 of the rest,
        // and one each for the payment requests and references (none here: payment-store.test.ts).
        assert.equal(deleted.length, batchSize === 1 ? 4 + 2 + 2 + 2 + 2 + 2 : 7);
        assert.deepEqual(await ids(db), {
          codes: ['code-expired-1h', 'code-of-live-pair'],
          pairs: ['pair-live', 'pair-revoked-1h'],
          consents: ['consent-live', 'consent-of-code', 'consent-orphan-new'],
          sessions: ['session-active'],
          unattendedReads: [at(-HOUR).toISOString()],
        });
        // Run again (another instance, the next tick): nothing left to delete.
        assert.deepEqual(await purgeExpired(db, NOW, batchSize), {
          codes: 0,
          tokenPairs: 0,
          consents: 0,
          scaSessions: 0,
          unattendedReads: 0,
          paymentRequests: 0,
          paymentReferences: 0,
        });
      });
  });
}

test('the bank purges once its listener is ready, and finishes before it closes', async () => {
  const bank = await injectApp(ENGINES[0] ?? 'PGlite');
  try {
    const { codes } = bank.app.services;
    await codes.save({
      codeHash: 'code-of-last-week',
      establishment: '13807',
      clientId: 'PSDFR-ACPR-12345',
      redirectUri: 'https://tpp.example/callback',
      codeChallenge: undefined,
      consentId: 'consent-x',
      expiresAt: new Date(Date.now() - 7 * DAY),
    });
    await bank.app.mtls.ready();
    await bank.app.mtls.close();
    assert.equal(await codes.consume('code-of-last-week', '13807', new Date()), undefined);
  } finally {
    await bank.close();
  }
});
