import { type Money, normaliseIban } from '@openstet/protocol';
import { type Kysely, type QueryCreator, sql } from 'kysely';
import type {
  AccountEntry,
  EntryKind,
  EntryPage,
  EntryPageQuery,
} from '../core/ports/account-information.ts';
import type { Database } from './schema.ts';

const ISO_DATE = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** The page's rows by keyset on the index (iban, entry_date, entry_reference), from `query.after`. */
function keysetPage(qb: QueryCreator<Database>, query: EntryPageQuery) {
  const older = query.towards === 'older';
  const { after, to, lowestReference } = query;
  const past = sql`(${after?.entryDate}::date, ${BigInt(after?.entryReference ?? 0)}::bigint)`;
  return qb
    .selectFrom('sandboxEntries')
    .select([
      'entryReference',
      'status',
      ISO_DATE('entry_date').as('entryDate'),
      ISO_DATE('value_date').as('valueDate'),
      ISO_DATE('transaction_date').as('transactionDate'),
      'amount',
      'direction',
      'kind',
      'label',
    ])
    .where('iban', '=', normaliseIban(query.iban))
    .where('entryDate', '>=', query.from)
    .where('entryReference', '<=', BigInt(query.highestReference))
    .$if(to !== undefined, (page) => page.where('entryDate', '<', to as string))
    .$if(lowestReference !== undefined, (page) =>
      page.where('entryReference', '>=', BigInt(lowestReference ?? 0)),
    )
    .$if(after !== undefined, (page) =>
      page.where(sql<boolean>`(entry_date, entry_reference) ${sql.raw(older ? '<' : '>')} ${past}`),
    )
    .orderBy('sandboxEntries.entryDate', older ? 'desc' : 'asc')
    .orderBy('sandboxEntries.entryReference', older ? 'desc' : 'asc')
    .limit(query.limit);
}

/**
 * One page of a populated account's entries (migration 009), in ONE query: the account's last reference
 * and the page (`keysetPage`), never by OFFSET. A page deep in a history of 100 000 entries reads the same
 * 51 index entries as the first.
 */
export async function sandboxEntryPage(db: Kysely<Database>, query: EntryPageQuery): Promise<EntryPage> {
  const rows = await db
    .with('page', (qb) => keysetPage(qb, query))
    .selectFrom('sandboxAccounts as account')
    .leftJoin('page', (join) => join.onTrue())
    .select([
      'account.lastEntryReference',
      'account.currency',
      'page.entryReference',
      'page.status',
      'page.entryDate',
      'page.valueDate',
      'page.transactionDate',
      'page.amount',
      'page.direction',
      'page.kind',
      'page.label',
    ])
    .where('account.iban', '=', normaliseIban(query.iban))
    .orderBy('page.entryDate', 'desc')
    .orderBy('page.entryReference', 'desc')
    .execute();
  const entries = rows.flatMap((row) =>
    row.entryReference === null ? [] : [toEntry(row as Present<typeof row>)],
  );
  return Object.freeze({
    entries: Object.freeze(entries),
    lastReference: Number(rows[0]?.lastEntryReference ?? 0),
  });
}

type Present<Row> = { readonly [K in keyof Row]: NonNullable<Row[K]> } & {
  readonly valueDate: string | null;
  readonly transactionDate: string | null;
};

interface EntryRow {
  readonly currency: string;
  readonly entryReference: string | number | bigint;
  readonly status: AccountEntry['status'];
  readonly entryDate: string;
  readonly valueDate: string | null;
  readonly transactionDate: string | null;
  readonly amount: string | number | bigint;
  readonly direction: AccountEntry['direction'];
  readonly kind: string;
  readonly label: string;
}

function toEntry(row: EntryRow): AccountEntry {
  const amount: Money = Object.freeze({ currency: row.currency, minorUnits: BigInt(row.amount) });
  return Object.freeze({
    entryReference: Number(row.entryReference),
    status: row.status,
    entryDate: row.entryDate,
    valueDate: row.valueDate ?? undefined,
    transactionDate: row.transactionDate ?? undefined,
    amount,
    direction: row.direction,
    kind: row.kind as EntryKind,
    label: row.label,
  });
}

/** An entry to record on a populated account: the ledger gives it the account's next reference. */
export type NewEntry = Omit<AccountEntry, 'entryReference'>;

/**
 * Records an entry on a populated sandbox account, in one transaction: the account's next reference
 * (`last_entry_reference` + 1, the row locked by the update), its booked balance moved by a booked entry
 * or its pending card debits by a pending one, the entry written. Returns the entry's reference.
 */
export async function recordSandboxEntry(
  db: Kysely<Database>,
  iban: string,
  entry: NewEntry,
): Promise<number> {
  const signed = entry.direction === 'credit' ? entry.amount.minorUnits : -entry.amount.minorUnits;
  return db.transaction().execute(async (trx) => {
    const account = await trx
      .updateTable('sandboxAccounts')
      .set({
        lastEntryReference: sql`last_entry_reference + 1`,
        ...(entry.status === 'booked'
          ? { accountingBalance: sql`accounting_balance + ${signed}` }
          : { pendingCardDebits: sql`pending_card_debits - ${signed}` }),
      })
      .where('iban', '=', normaliseIban(iban))
      .returning('lastEntryReference')
      .executeTakeFirstOrThrow();
    const entryReference = BigInt(account.lastEntryReference);
    await trx
      .insertInto('sandboxEntries')
      .values({
        iban: normaliseIban(iban),
        entryReference,
        status: entry.status,
        entryDate: entry.entryDate,
        valueDate: entry.valueDate ?? null,
        transactionDate: entry.transactionDate ?? null,
        amount: entry.amount.minorUnits,
        direction: entry.direction,
        kind: entry.kind,
        label: entry.label,
      })
      .execute();
    return Number(entryReference);
  });
}
