import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { isValidIban, subtractMoney } from '@openstet/protocol';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { POPULATION_CURRENCY } from '../src/bank/sandbox/population-profile.ts';
import { type PopulationPlan, populatedSecret, populationPlan } from '../src/bank/sandbox/population-seed.ts';
import { hashSecret } from '../src/security/secrets.ts';
import { recordBankKind, recordedBankKind } from '../src/store/bank-kind.ts';
import { PopulationConflict, populateLedger } from '../src/store/ledger-population.ts';
import { populatedCustomers } from '../src/store/ledger-population-read.ts';
import type { PopulationTpp } from '../src/store/ledger-population-sql.ts';
import { openStore, type Store } from '../src/store/open-store.ts';
import { sandboxLedgerRepository } from '../src/store/sandbox-ledger-repository.ts';
import type { Database } from '../src/store/schema.ts';
import { ENGINES, type Engine, uniqueSchema } from './helpers/stores.ts';

const CUSTOMERS = 300;
const PER_CUSTOMER = 2;
const TPP: PopulationTpp = { clientId: 'PSDFR-ACPR-12345', certificateThumbprint: 'ab'.repeat(32) };
// Longer than HMAC-SHA256's 64-byte block and not ASCII: the SQL must hash the key first, as RFC 2104 says.
const LONG_SEED = `graine-élevée-${'0123456789'.repeat(6)}`;

let pglite: PGlite | undefined;

/** A migrated store in a schema of its own, and that schema's name (the bulk SQL names it). */
interface LedgerStore extends Store {
  readonly schema: string;
}

const opened: LedgerStore[] = [];

async function ledgerStore(engine: Engine): Promise<LedgerStore> {
  const schema = uniqueSchema();
  pglite ??= new PGlite();
  const store = await openStore(
    engine === 'PostgreSQL' ? { databaseUrl: process.env.DATABASE_URL, schema } : { pglite, schema },
  );
  const ledger = { ...store, schema };
  opened.push(ledger);
  return ledger;
}

/**
 * On PostgreSQL, a database of its own for the VACUUM test: VACUUM marks a page all-visible only when no
 * transaction of the same database is older than the page's rows, so the suite's other files, running at
 * the same time on the shared test database, would hold it back at random. Dropped when the file ends.
 */
const ownDatabases: string[] = [];
async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
async function vacuumStore(engine: Engine): Promise<LedgerStore> {
  if (engine !== 'PostgreSQL') return ledgerStore(engine);
  const name = `t_vacuum_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  ownDatabases.push(name);
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  const schema = uniqueSchema();
  const store = { ...(await openStore({ databaseUrl: url.href, schema })), schema };
  opened.push(store);
  return store;
}

after(async () => {
  // PostgreSQL's t_… schemas go when the whole run ends (scripts/drop-test-schemas.mjs).
  for (const store of opened) {
    if (store.engine === 'pglite') await sql`drop schema ${sql.id(store.schema)} cascade`.execute(store.db);
    await store.close();
  }
  await pglite?.close();
  for (const name of ownDatabases) await adminQuery(`drop database if exists ${name}`);
});

/** One issue time for every population here, so that two runs' consents compare equal (whole seconds). */
const AT = new Date(Math.floor(Date.now() / 1000) * 1000);

function populate(store: LedgerStore, plan: PopulationPlan, { tpp = true } = {}) {
  return populateLedger(store.db, store.schema, plan, tpp ? TPP : undefined, AT);
}

/** Every row a population wrote, in a stable order and engine-neutral form (numbers as text, dates as ISO). */
async function rowsOf(db: Kysely<Database>, plan: PopulationPlan) {
  const neutral = (rows: readonly object[]) =>
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row)
          .filter(([column]) => column !== 'createdAt')
          .map(([column, value]) => [
            column,
            // node-postgres reads bigint as text, PGlite as a number: compare both as text.
            value instanceof Date
              ? value.toISOString()
              : typeof value === 'bigint' || typeof value === 'number'
                ? String(value)
                : value,
          ]),
      ),
    );
  const customers = db.selectFrom('sandboxCustomers').select('psuId').where('populationId', '=', plan.id);
  return {
    customers: neutral(
      await db
        .selectFrom('sandboxCustomers')
        .selectAll()
        .where('populationId', '=', plan.id)
        .orderBy('psuId')
        .execute(),
    ),
    accounts: neutral(
      (
        await db
          .selectFrom('sandboxAccounts')
          .selectAll()
          .where('psuId', 'in', customers)
          .orderBy('iban')
          .execute()
      ).map((row) => ({
        ...row,
        accountingBalance: String(row.accountingBalance),
        pendingCardDebits: String(row.pendingCardDebits),
        authorisedOverdraft: String(row.authorisedOverdraft),
      })),
    ),
    consents: neutral(
      await db.selectFrom('consents').selectAll().where('psuId', 'in', customers).orderBy('id').execute(),
    ),
    tokenPairs: neutral(
      await db
        .selectFrom('tokenPairs')
        .select(['id', 'accessHash', 'refreshHash', 'psuId', 'consentId', 'accounts', 'clientId', 'scopes'])
        .where('psuId', 'in', customers)
        .orderBy('id')
        .execute(),
    ),
  };
}

const count = async (
  db: Kysely<Database>,
  table: 'sandboxCustomers' | 'sandboxAccounts' | 'consents' | 'tokenPairs',
) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

for (const engine of ENGINES) {
  describe(`openstet sandbox populate's ledger (${engine})`, () => {
    test('populateLedger writes N customers, N×K accounts and, for a TPP, one cbpii consent and one token pair each', async () => {
      const store = await ledgerStore(engine);
      const plan = populationPlan('counts', '13807', CUSTOMERS, PER_CUSTOMER);
      const counts = await populate(store, plan);
      assert.deepEqual(counts, {
        customers: CUSTOMERS,
        accounts: CUSTOMERS * PER_CUSTOMER,
        consents: CUSTOMERS,
        tokenPairs: CUSTOMERS,
        replaced: false,
      });
      assert.deepEqual(
        await Promise.all(
          (['sandboxCustomers', 'sandboxAccounts', 'consents', 'tokenPairs'] as const).map((table) =>
            count(store.db, table),
          ),
        ),
        [CUSTOMERS, CUSTOMERS * PER_CUSTOMER, CUSTOMERS, CUSTOMERS],
      );
      const consent = await store.db.selectFrom('consents').selectAll().executeTakeFirstOrThrow();
      const held = await sandboxLedgerRepository(store.db).currentAccounts(consent.psuId);
      assert.deepEqual(
        [consent.role, consent.scopes, consent.clientId, consent.establishment, consent.accounts],
        ['cbpii', ['cbpii'], TPP.clientId, '13807', held.map((account) => account.iban)],
      );
    });

    test('populateLedger ends with VACUUM (ANALYZE): every page of the tables it wrote is all-visible, with fresh statistics', async () => {
      const store = await vacuumStore(engine);
      await populate(store, populationPlan('settled', '13807', CUSTOMERS, PER_CUSTOMER));
      const { rows } = await sql<{ relname: string; pages: number; visible: number; tuples: number }>`
        select c.relname, c.relpages as pages, c.relallvisible as visible, c.reltuples::integer as tuples
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${store.schema} and c.relname in ('sandbox_customers', 'sandbox_accounts', 'consents', 'token_pairs')
        order by c.relname`.execute(store.db);
      assert.deepEqual(
        rows.map(({ relname, pages, visible, tuples }) => [relname, visible === pages && pages > 0, tuples]),
        [
          ['consents', true, CUSTOMERS],
          ['sandbox_accounts', true, CUSTOMERS * PER_CUSTOMER],
          ['sandbox_customers', true, CUSTOMERS],
          ['token_pairs', true, CUSTOMERS],
        ],
      );
    });

    test('without a TPP: customers and accounts only', async () => {
      const store = await ledgerStore(engine);
      const counts = await populate(store, populationPlan('no-tpp', '13807', 50, 1), { tpp: false });
      assert.deepEqual(counts, { customers: 50, accounts: 50, consents: 0, tokenPairs: 0, replaced: false });
      assert.equal(await count(store.db, 'tokenPairs'), 0);
    });

    test('the same seed gives identical rows and secrets on another database; another seed gives others', async () => {
      const [first, second, third] = await Promise.all([
        ledgerStore(engine),
        ledgerStore(engine),
        ledgerStore(engine),
      ]);
      const plan = populationPlan('determinism', '13807', CUSTOMERS, PER_CUSTOMER);
      await populate(first, plan);
      await populate(second, populationPlan('determinism', '13807', CUSTOMERS, PER_CUSTOMER));
      const rows = await rowsOf(first.db, plan);
      assert.deepEqual(await rowsOf(second.db, plan), rows);

      const other = populationPlan('determinism!', '13807', CUSTOMERS, PER_CUSTOMER);
      await populate(third, other);
      const otherRows = await rowsOf(third.db, other);
      assert.notEqual(other.id, plan.id);
      const ibans = new Set(rows.accounts.map((account) => account.iban));
      assert.equal(otherRows.accounts.filter((account) => ibans.has(account.iban as string)).length, 0);
      const hashes = new Set(rows.tokenPairs.map((pair) => pair.accessHash));
      assert.equal(otherRows.tokenPairs.filter((pair) => hashes.has(pair.accessHash)).length, 0);
    });

    test('token hashes, pair and consent ids derived in SQL equal hashSecret(populatedSecret(…)) in JS', async () => {
      const store = await ledgerStore(engine);
      for (const [seed, establishment] of [
        ['hashes', '13807'],
        [LONG_SEED, '10207'],
      ] as const) {
        const plan = populationPlan(seed, establishment, CUSTOMERS, 1);
        await populate(store, plan);
        const pairs = await store.db
          .selectFrom('tokenPairs as t')
          .innerJoin('sandboxCustomers as c', 'c.psuId', 't.psuId')
          .select(['c.ordinal', 't.id', 't.accessHash', 't.refreshHash', 't.consentId', 't.establishment'])
          .where('c.populationId', '=', plan.id)
          .orderBy('c.ordinal')
          .execute();
        assert.equal(pairs.length, CUSTOMERS);
        const secret = (kind: 'access' | 'refresh' | 'pair' | 'consent', ordinal: number) =>
          populatedSecret(seed, kind, establishment, ordinal);
        assert.deepEqual(
          pairs,
          pairs.map(({ ordinal }) => ({
            ordinal,
            id: secret('pair', ordinal),
            accessHash: hashSecret(secret('access', ordinal)),
            refreshHash: hashSecret(secret('refresh', ordinal)),
            consentId: secret('consent', ordinal),
            establishment,
          })),
        );
      }
    });

    test("every IBAN passes the ISO 13616 check (RIB key included) and carries the establishment's bank code", async () => {
      const store = await ledgerStore(engine);
      for (const establishment of ['13807', '10907']) {
        const plan = populationPlan('ibans', establishment, CUSTOMERS, 3);
        await populate(store, plan, { tpp: false });
        const { accounts } = await rowsOf(store.db, plan);
        assert.equal(accounts.length, CUSTOMERS * 3);
        const invalid = accounts.map((account) => String(account.iban)).filter((iban) => !isValidIban(iban));
        assert.deepEqual(invalid, []);
        for (const account of accounts) {
          assert.equal(String(account.iban).slice(4, 14), `${establishment}${plan.branch}`);
          assert.equal(account.currency, POPULATION_CURRENCY);
        }
      }
    });

    test('running again with the same seed replaces the population: replaced, same counts, nothing doubled', async () => {
      const store = await ledgerStore(engine);
      const plan = populationPlan('again', '13807', CUSTOMERS, PER_CUSTOMER);
      await populate(store, plan);
      const rows = await rowsOf(store.db, plan);
      const counts = await populate(store, plan);
      assert.deepEqual(counts, {
        customers: CUSTOMERS,
        accounts: CUSTOMERS * PER_CUSTOMER,
        consents: CUSTOMERS,
        tokenPairs: CUSTOMERS,
        replaced: true,
      });
      assert.deepEqual(await rowsOf(store.db, plan), rows);
      assert.equal(await count(store.db, 'tokenPairs'), CUSTOMERS);
      assert.equal(await count(store.db, 'sandboxAccounts'), CUSTOMERS * PER_CUSTOMER);
    });

    test("another seed's population on the same IBAN range is refused with PopulationConflict, nothing written", async () => {
      const store = await ledgerStore(engine);
      const plan = populationPlan('range', '13807', 20, 1);
      await populate(store, plan);
      const other = populationPlan('range, again', '13807', 20, 1);
      const clashing = Object.freeze({ ...other, branch: plan.branch, accountPrefix: plan.accountPrefix });
      await assert.rejects(
        populate(store, clashing),
        (error) =>
          error instanceof PopulationConflict &&
          error.message ===
            `Population ${plan.id} already uses the IBANs of branch ${plan.branch} and prefix ${plan.accountPrefix}: choose another seed`,
      );
      assert.equal(await count(store.db, 'sandboxCustomers'), 20);
      assert.equal(
        (await store.db.selectFrom('sandboxPopulations').select('id').execute()).map((row) => row.id).join(),
        plan.id,
      );
    });

    test("fundsCheck reads a populated account's subscription, status and position as stored; other cases", async () => {
      const store = await ledgerStore(engine);
      const plan = populationPlan('funds', '13807', CUSTOMERS, PER_CUSTOMER);
      await populate(store, plan);
      const ledger = sandboxLedgerRepository(store.db);
      const stored = await store.db
        .selectFrom('sandboxAccounts as a')
        .innerJoin('sandboxCustomers as c', 'c.psuId', 'a.psuId')
        .selectAll('a')
        .select('c.subscription')
        .where('c.populationId', '=', plan.id)
        .orderBy('a.iban')
        .execute();
      const statuses = new Set(stored.map((row) => `${row.subscription} ${row.status}`));
      for (const seen of ['active open', 'active closed', 'terminated open'])
        assert.ok(statuses.has(seen), `the population has a ${seen} account`);
      const eur = (minorUnits: string | number | bigint) => ({
        currency: 'EUR',
        minorUnits: BigInt(minorUnits),
      });
      for (const row of stored) {
        const facts = await ledger.fundsCheck('13807', row.psuId, row.iban.toLowerCase());
        assert.deepEqual(facts, {
          subscription: row.subscription,
          account: {
            iban: row.iban,
            accountNumber: row.accountNumber,
            name: row.name,
            currency: 'EUR',
            status: row.status,
            psuId: row.psuId,
            position: {
              accountingBalance: eur(row.accountingBalance),
              instantBalance: subtractMoney(eur(row.accountingBalance), eur(row.pendingCardDebits)),
              authorisedOverdraft: eur(row.authorisedOverdraft),
            },
          },
        });
      }
      const [first] = stored;
      assert.ok(first);
      // A PSU the bank does not know has no subscription (IPSU); the account is still found (NGAC later).
      const unknown = await ledger.fundsCheck('13807', 'psu-nobody', first.iban);
      assert.equal(unknown.subscription, 'terminated');
      assert.equal(unknown.account?.iban, first.iban);
      // Each establishment has its own customers: the account is not found at another one.
      const elsewhere = await ledger.fundsCheck('10207', first.psuId, first.iban);
      assert.deepEqual(elsewhere, { subscription: first.subscription, account: undefined });
      assert.deepEqual(await ledger.fundsCheck('13807', first.psuId, 'FR7613807000010000000000000'), {
        subscription: first.subscription,
        account: undefined,
      });
    });

    test('populatedCustomers reads back every customer in order, available = balance − pending debits + overdraft', async () => {
      const store = await ledgerStore(engine);
      const plan = populationPlan('read-back', '13807', CUSTOMERS, PER_CUSTOMER);
      await populate(store, plan);
      const read = [];
      for await (const batch of populatedCustomers(store.db, plan.id, plan.customers, 70))
        read.push(...batch);
      assert.deepEqual(
        read.map((customer) => customer.ordinal),
        Array.from({ length: CUSTOMERS }, (_, index) => index + 1),
      );
      const { accounts } = await rowsOf(store.db, plan);
      const byIban = new Map(accounts.map((account) => [account.iban, account]));
      for (const customer of read) {
        assert.equal(customer.accounts.length, PER_CUSTOMER);
        for (const account of customer.accounts) {
          const row = byIban.get(account.iban);
          assert.ok(row && row.psuId === customer.psuId);
          const expected =
            BigInt(row.accountingBalance as string) -
            BigInt(row.pendingCardDebits as string) +
            BigInt(row.authorisedOverdraft as string);
          assert.deepEqual(account.available, { currency: 'EUR', minorUnits: expected });
          assert.equal(account.status, row.status);
        }
      }
    });

    test('bank_kind is recorded once: the first kind stays whatever opens the database next', async () => {
      const store = await ledgerStore(engine);
      assert.equal(await recordedBankKind(store.db), undefined);
      const at = new Date(AT.getTime() - 60_000);
      assert.equal(await recordBankKind(store.db, 'production', at), 'production');
      assert.equal(await recordBankKind(store.db, 'sandbox', new Date()), 'production');
      assert.deepEqual(await recordedBankKind(store.db), { kind: 'production', recordedAt: at });
    });
  });
}

test('PGlite and PostgreSQL write the same rows for the same seed', {
  skip: !process.env.DATABASE_URL && 'needs DATABASE_URL',
}, async () => {
  const [embedded, server] = await Promise.all([ledgerStore('PGlite'), ledgerStore('PostgreSQL')]);
  const plan = populationPlan('engines', '13807', CUSTOMERS, PER_CUSTOMER);
  await Promise.all([populate(embedded, plan), populate(server, plan)]);
  assert.deepEqual(await rowsOf(server.db, plan), await rowsOf(embedded.db, plan));
});
