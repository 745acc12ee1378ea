import type { Money } from '@openstet/protocol';
import type { Kysely } from 'kysely';
import type { AccountStatus, Subscription } from '../core/ports/core-banking.ts';
import type { Database } from './schema.ts';

/** A populated customer as a load test needs them: who, and what each account would answer. */
export interface PopulatedCustomer {
  readonly ordinal: number;
  readonly psuId: string;
  readonly onlineBankingId: string;
  readonly subscription: Subscription;
  readonly accounts: readonly PopulatedAccount[];
}

export interface PopulatedAccount {
  readonly iban: string;
  readonly status: AccountStatus;
  /** What a funds check may cover: instant balance ("solde minute") + authorised overdraft. */
  readonly available: Money;
}

/**
 * One batch: the customers of ordinals [from, to) by the population's ordinal index, and each one's
 * accounts by the holder index. The lateral subquery (kept one by `offset 0`) makes that a nested loop of
 * index lookups: as a join, the planner would hash the whole accounts table at every batch.
 */
function batchQuery(db: Kysely<Database>, populationId: string, from: number, to: number) {
  return db
    .selectFrom('sandboxCustomers as c')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('sandboxAccounts')
          .select([
            'iban',
            'accountNumber',
            'status',
            'currency',
            'accountingBalance',
            'pendingCardDebits',
            'authorisedOverdraft',
          ])
          .whereRef('sandboxAccounts.psuId', '=', 'c.psuId')
          .offset(0)
          .as('a'),
      (join) => join.onTrue(),
    )
    .select([
      'c.ordinal',
      'c.psuId',
      'c.onlineBankingId',
      'c.subscription',
      'a.iban',
      'a.status',
      'a.currency',
      'a.accountingBalance',
      'a.pendingCardDebits',
      'a.authorisedOverdraft',
    ])
    .where('c.populationId', '=', populationId)
    .where('c.ordinal', '>=', from)
    .where('c.ordinal', '<', to)
    .orderBy('c.ordinal')
    .orderBy('a.accountNumber');
}

/**
 * A population's customers in ordinal order, `batch` customers per query, so that a million accounts are
 * never held in memory at once; each query costs the same whatever the population's size.
 */
export async function* populatedCustomers(
  db: Kysely<Database>,
  populationId: string,
  customers: number,
  batch = 10_000,
): AsyncGenerator<readonly PopulatedCustomer[]> {
  for (let from = 1; from <= customers; from += batch) {
    const rows = await batchQuery(db, populationId, from, from + batch).execute();
    const byOrdinal = new Map<number, PopulatedCustomer & { accounts: PopulatedAccount[] }>();
    for (const row of rows) {
      const customer = byOrdinal.get(row.ordinal) ?? { ...row, accounts: [] };
      byOrdinal.set(row.ordinal, customer);
      const minorUnits =
        BigInt(row.accountingBalance) - BigInt(row.pendingCardDebits) + BigInt(row.authorisedOverdraft);
      customer.accounts.push({
        iban: row.iban,
        status: row.status,
        available: { currency: row.currency, minorUnits },
      });
    }
    yield [...byOrdinal.values()].map(({ ordinal, psuId, onlineBankingId, subscription, accounts }) => ({
      ordinal,
      psuId,
      onlineBankingId,
      subscription,
      accounts,
    }));
  }
}
