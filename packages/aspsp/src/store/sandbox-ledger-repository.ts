import { type Money, normaliseIban, subtractMoney } from '@openstet/protocol';
import { type Kysely, sql } from 'kysely';
import type {
  CoreBanking,
  CurrentAccount,
  FundsCheckAccount,
  PsuProfile,
} from '../core/ports/core-banking.ts';
import { precompiledRead } from './precompiled-read.ts';
import { sandboxEntryPage } from './sandbox-entries.ts';
import { sandboxLedgerPayments } from './sandbox-ledger-payments.ts';
import type { Database } from './schema.ts';

const PROFILE = [
  'psuId',
  'establishment as establishmentCode',
  'onlineBankingId',
  'firstName',
  'lastName',
  'segment',
] as const;
const ACCOUNT = ['iban', 'accountNumber', 'name', 'currency', 'status', 'psuId'] as const;

const money = (minorUnits: string | number | bigint, currency: string): Money =>
  Object.freeze({ currency, minorUnits: BigInt(minorUnits) });

/**
 * The populated sandbox ledger (migration 008) as a core banking connector: what `openstet sandbox
 * populate` wrote, read by the sandbox bank for every PSU and account its in-memory personas do not have.
 * Each method is one query on an index; `fundsCheck` is one query for the whole funds check. Payments
 * debit its accounts in its own tables (`sandbox-ledger-payments.ts`), by the bank's clock `now`.
 */
export function sandboxLedgerRepository(
  db: Kysely<Database>,
  now: () => Date = () => new Date(),
): CoreBanking {
  // One row whatever is found: the token's PSU and the establishment's account are looked up
  // independently (each by its primary key), since the account may be another PSU's (NGAC). Built once
  // (`precompiledRead`): it runs at every card payment.
  const fundsCheckRead = precompiledRead(
    db,
    (psuId: string, iban: string, establishment: string) =>
      db
        .selectFrom(sql<{ one: number }>`(select 1)`.as('one'))
        .leftJoin('sandboxCustomers as who', (join) => join.on('who.psuId', '=', psuId))
        .leftJoin('sandboxAccounts as account', (join) => join.on('account.iban', '=', iban))
        .leftJoin('sandboxCustomers as holder', (join) =>
          join.onRef('holder.psuId', '=', 'account.psuId').on('holder.establishment', '=', establishment),
        )
        .select([
          'who.subscription',
          'holder.psuId as holder',
          ...ACCOUNT.map((column) => `account.${column}` as const),
          'account.accountingBalance',
          'account.pendingCardDebits',
          'account.authorisedOverdraft',
        ]),
    3,
  );
  return {
    ...sandboxLedgerPayments(db, now),
    async findPsu(establishment, onlineBankingId) {
      const row = await db
        .selectFrom('sandboxCustomers')
        .select(PROFILE)
        .where('establishment', '=', establishment)
        .where('onlineBankingId', '=', onlineBankingId.trim().toUpperCase())
        .executeTakeFirst();
      return row && (Object.freeze(row) satisfies PsuProfile);
    },
    async psuById(psuId) {
      const row = await db
        .selectFrom('sandboxCustomers')
        .select(PROFILE)
        .where('psuId', '=', psuId)
        .executeTakeFirst();
      return row && (Object.freeze(row) satisfies PsuProfile);
    },
    async currentAccounts(psuId) {
      const rows = await db
        .selectFrom('sandboxAccounts')
        .select(ACCOUNT)
        .where('psuId', '=', psuId)
        .orderBy('accountNumber')
        .execute();
      return Object.freeze(rows.map((row) => Object.freeze(row) satisfies CurrentAccount));
    },
    async fundsCheck(establishment, psuId, iban) {
      const [row] = await fundsCheckRead(psuId, normaliseIban(iban), establishment);
      if (!row) throw new Error('the funds check query returns one row');
      // A PSU the bank does not know has no subscription: IPSU "numéro d'abonné non référencé" (seed).
      const subscription = row.subscription ?? 'terminated';
      if (row.holder === null) return Object.freeze({ subscription, account: undefined });
      // The holder was found, so the account row was: its columns are all NOT NULL (migration 008).
      return Object.freeze({ subscription, account: fundsCheckAccount(row as Present<typeof row>) });
    },
    async balances(iban) {
      const row = await db
        .selectFrom('sandboxAccounts')
        .select([...ACCOUNT, 'accountingBalance', 'pendingCardDebits', 'authorisedOverdraft'])
        .where('iban', '=', normaliseIban(iban))
        .executeTakeFirst();
      return row && fundsCheckAccount(row).position;
    },
    entries: (query) => sandboxEntryPage(db, query),
    // The populated customers trust no beneficiary: load tests read accounts, balances and entries.
    trustedBeneficiaries: async () => Object.freeze([]),
  };
}

type Present<Row> = { readonly [K in keyof Row]: NonNullable<Row[K]> };

interface AccountRow extends CurrentAccount {
  readonly accountingBalance: string | number | bigint;
  readonly pendingCardDebits: string | number | bigint;
  readonly authorisedOverdraft: string | number | bigint;
}

/** "Solde minute" = the booked balance minus the card payments not yet booked (seed funds-check rule). */
function fundsCheckAccount(row: AccountRow): FundsCheckAccount {
  const { iban, accountNumber, name, currency, status, psuId } = row;
  const accountingBalance = money(row.accountingBalance, currency);
  return Object.freeze({
    iban,
    accountNumber,
    name,
    currency,
    status,
    psuId,
    position: Object.freeze({
      accountingBalance,
      instantBalance: subtractMoney(accountingBalance, money(row.pendingCardDebits, currency)),
      authorisedOverdraft: money(row.authorisedOverdraft, currency),
    }),
  });
}
