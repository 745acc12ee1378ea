import { type Kysely, sql, type Transaction } from 'kysely';
import type { PopulationPlan } from '../bank/sandbox/population-seed.ts';
import { accessTokenExpiry, refreshTokenExpiry } from '../core/tokens/token-lifetimes.ts';
import {
  insertAccounts,
  insertConsentsAndTokens,
  insertCustomers,
  type PopulationTpp,
} from './ledger-population-sql.ts';
import type { Database } from './schema.ts';

export interface PopulationCounts {
  readonly customers: number;
  readonly accounts: number;
  readonly consents: number;
  readonly tokenPairs: number;
  /** Whether a population of the same seed and establishment was there before, and is now replaced. */
  readonly replaced: boolean;
}

/** Another seed's population at the establishment has the same IBAN range: refused, nothing written. */
export class PopulationConflict extends Error {
  override readonly name = 'PopulationConflict';
}

/**
 * Deletes a population: its customers' token pairs, consents and the authorization codes of those
 * consents (whichever TPP they are for, those given on the SCA pages included), its accounts, its
 * customers. Each statement reads the customers by the population's index; none goes row by row.
 */
async function removePopulation(trx: Transaction<Database>, id: string): Promise<boolean> {
  const customers = trx.selectFrom('sandboxCustomers').select('psuId').where('populationId', '=', id);
  const consents = trx.selectFrom('consents').select('id').where('psuId', 'in', customers);
  await trx.deleteFrom('tokenPairs').where('psuId', 'in', customers).execute();
  await trx.deleteFrom('authorizationCodes').where('consentId', 'in', consents).execute();
  await trx.deleteFrom('consents').where('psuId', 'in', customers).execute();
  const accounts = trx.selectFrom('sandboxAccounts').select('iban').where('psuId', 'in', customers);
  await trx.deleteFrom('sandboxEntries').where('iban', 'in', accounts).execute();
  await trx.deleteFrom('sandboxAccounts').where('psuId', 'in', customers).execute();
  await trx.deleteFrom('sandboxCustomers').where('populationId', '=', id).execute();
  const removed = await trx.deleteFrom('sandboxPopulations').where('id', '=', id).executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

async function checkRange(trx: Transaction<Database>, plan: PopulationPlan): Promise<void> {
  const clash = await trx
    .selectFrom('sandboxPopulations')
    .select('id')
    .where('establishment', '=', plan.establishment)
    .where('branch', '=', plan.branch)
    .where('accountPrefix', '=', plan.accountPrefix)
    .where('id', '<>', plan.id)
    .executeTakeFirst();
  if (clash)
    throw new PopulationConflict(
      `Population ${clash.id} already uses the IBANs of branch ${plan.branch} and prefix ${plan.accountPrefix}: choose another seed`,
    );
}

const affected = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

/**
 * Writes `plan`'s population in one transaction, replacing the previous population of the same seed and
 * establishment (same id): re-running is idempotent, and a failure leaves the previous one as it was.
 * With a TPP, each customer gets a cbpii consent on all their accounts and a token pair, issued `now`
 * with the lifetimes of `token-lifetimes.ts`. `schema` is the store's PostgreSQL schema (the bulk
 * statements are raw SQL, see `ledger-population-sql.ts`). It ends with `settle`, so a load test starts on
 * a settled database.
 */
export async function populateLedger(
  db: Kysely<Database>,
  schema: string,
  plan: PopulationPlan,
  tpp: PopulationTpp | undefined,
  now: Date,
): Promise<PopulationCounts> {
  const counts = await db.transaction().execute(async (trx) => {
    // Room to sort a million accounts by customer in memory rather than on disk (this transaction only).
    await sql`set local work_mem = '128MB'`.execute(trx);
    await checkRange(trx, plan);
    const replaced = await removePopulation(trx, plan.id);
    await trx
      .insertInto('sandboxPopulations')
      .values({
        id: plan.id,
        establishment: plan.establishment,
        customers: plan.customers,
        accountsPerCustomer: plan.accountsPerCustomer,
        branch: plan.branch,
        accountPrefix: plan.accountPrefix,
        clientId: tpp?.clientId ?? null,
        createdAt: now,
      })
      .execute();
    const customers = affected(await insertCustomers(schema, plan).execute(trx));
    const accounts = affected(await insertAccounts(schema, plan).execute(trx));
    // Fresh statistics, so that the join below and the bank's first queries plan for the real sizes.
    await sql`analyze ${sql.table(`${schema}.sandbox_customers`)}, ${sql.table(`${schema}.sandbox_accounts`)}`.execute(
      trx,
    );
    const times = { now, accessExpiresAt: accessTokenExpiry(now), refreshExpiresAt: refreshTokenExpiry(now) };
    const tokenPairs = tpp
      ? affected(await insertConsentsAndTokens(schema, plan, tpp, times).execute(trx))
      : 0;
    return { customers, accounts, consents: tokenPairs, tokenPairs, replaced };
  });
  await settle(db, schema);
  return counts;
}

/**
 * `VACUUM (ANALYZE)` of the tables a population writes, once it is committed (VACUUM cannot run in a
 * transaction). Without it, the first reads of each freshly written page set its hint bits (dirtying it)
 * and autovacuum wakes up on the new rows in the middle of whatever load test comes next: the p99 of a
 * funds check then grows with the population (ADR 0003). With it the visibility map is set, so the bank's
 * reads start on the state a long-running database is in.
 */
async function settle(db: Kysely<Database>, schema: string): Promise<void> {
  const tables = ['sandbox_customers', 'sandbox_accounts', 'consents', 'token_pairs'].map((name) =>
    sql.table(`${schema}.${name}`),
  );
  await sql`vacuum (analyze) ${sql.join(tables)}`.execute(db);
}
