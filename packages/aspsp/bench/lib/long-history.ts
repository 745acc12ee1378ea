/**
 * One populated account with a long history, and an AISP's access to it, written straight into the bank's
 * database before the bank starts (PGlite allows one process at a time): `entries` entries spread evenly
 * over `days` days up to today, in ONE `insert … select … from generate_series` (the rows never cross the
 * wire), references growing with the dates as a bank books them; the account's `last_entry_reference`;
 * `VACUUM (ANALYZE)` so the first reads start on a settled table (as `sandbox populate` ends); then an aisp
 * consent on that account and a token pair for the bench TPP, bound to its QWAC, with
 * `extended_transaction_history` (the whole 13 months readable).
 */

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { addDays, utcDate } from '../../src/core/accounts/calendar-day.ts';
import { accessTokenExpiry, refreshTokenExpiry } from '../../src/core/tokens/token-lifetimes.ts';
import { hashSecret, randomSecret } from '../../src/security/secrets.ts';
import { consentRepository } from '../../src/store/consent-repository.ts';
import type { Store } from '../../src/store/open-store.ts';
import { tokenRepository } from '../../src/store/token-repository.ts';

export interface LongHistoryPlan {
  /** An open account of an active populated customer. */
  readonly iban: string;
  readonly entries: number;
  readonly days: number;
  /** The TPP the AISP token is for: its client id and its QWAC's SHA-256 fingerprint (lower-case hex). */
  readonly clientId: string;
  readonly certificateThumbprint: string;
}

export interface LongHistory {
  readonly iban: string;
  readonly entries: number;
  readonly days: number;
  readonly accessToken: string;
  /** The oldest entry's date (`YYYY-MM-DD`). */
  readonly oldest: string;
  readonly today: string;
  readonly seconds: number;
}

const KINDS = ['card-payment', 'direct-debit', 'cash-withdrawal', 'fee'] as const;

/** The entries, oldest first: entry n (1…N) on day ⌊(N − n) × days ÷ N⌋ before today; every 10th a credit. */
function insertEntries(schema: string, plan: LongHistoryPlan, today: string) {
  const n = sql`g.n`;
  const count = sql.lit(plan.entries);
  // The three newest entries are card payments not yet booked (pending), dated on their transaction day.
  const pending = sql`${n} > ${count} - 3`;
  const kind = sql`case when ${n} % 10 = 0 then 'credit-transfer'
    else (${sql.val(KINDS)}::text[])[1 + ${n} % ${sql.lit(KINDS.length)}] end`;
  return sql`insert into ${sql.table(`${schema}.sandbox_entries`)}
      (iban, entry_reference, status, entry_date, value_date, transaction_date, amount, direction, kind, label)
    select ${plan.iban}::text, ${n}, case when ${pending} then 'pending' else 'booked' end, d.day,
      case when ${pending} then null else d.day end,
      case when ${pending} then d.day when k.kind = 'card-payment' then d.day - 1 end,
      100 + (${n} * 7919) % 25000,
      case when ${n} % 10 = 0 then 'credit' else 'debit' end,
      case when ${pending} then 'card-payment' else k.kind end,
      case when k.kind = 'credit-transfer' then 'VIR SEPA BENCH ' else 'CB BENCH ' end || ${n}
    from generate_series(1, ${count}) as g(n)
    cross join lateral (select ${today}::date
      - ((${count} - ${n}) * ${sql.lit(plan.days)} / ${count})::int as day offset 0) d
    cross join lateral (select ${kind} as kind offset 0) k`;
}

/** Writes the history and the AISP's consent and token pair; `schema` qualifies the raw SQL (`public` on PGlite). */
export async function prepareLongHistory(
  store: Store,
  schema: string,
  plan: LongHistoryPlan,
  now: Date,
): Promise<LongHistory> {
  const started = performance.now();
  const { db } = store;
  const today = utcDate(now);
  const holder = await db
    .selectFrom('sandboxAccounts as account')
    .innerJoin('sandboxCustomers as customer', 'customer.psuId', 'account.psuId')
    .select(['customer.psuId', 'customer.establishment'])
    .where('account.iban', '=', plan.iban)
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await insertEntries(schema, plan, today).execute(trx);
    await trx
      .updateTable('sandboxAccounts')
      .set({ lastEntryReference: BigInt(plan.entries) })
      .where('iban', '=', plan.iban)
      .execute();
  });
  const tables = ['sandbox_entries', 'sandbox_accounts'].map((name) => sql.table(`${schema}.${name}`));
  await sql`vacuum (analyze) ${sql.join(tables)}`.execute(db);
  const consentId = randomUUID();
  const scopes = ['aisp', 'extended_transaction_history'] as const;
  const grant = {
    psuId: holder.psuId,
    establishment: holder.establishment,
    clientId: plan.clientId,
    role: 'aisp' as const,
    scopes,
    accounts: [plan.iban],
  };
  await consentRepository(db, () => now).save({ id: consentId, ...grant, scaAt: now });
  const accessToken = randomSecret();
  const issued = await tokenRepository(db, () => now).issue(
    {
      id: randomUUID(),
      ...grant,
      consentId,
      certificateThumbprint: plan.certificateThumbprint,
      accessExpiresAt: accessTokenExpiry(now),
      refreshExpiresAt: refreshTokenExpiry(now),
      accessHash: hashSecret(accessToken),
      refreshHash: hashSecret(randomSecret()),
      codeHash: undefined,
    },
    undefined,
  );
  if (!issued) throw new Error('the AISP token pair was not stored');
  return {
    iban: plan.iban,
    entries: plan.entries,
    days: plan.days,
    accessToken,
    oldest: addDays(today, -Math.floor(((plan.entries - 1) * plan.days) / plan.entries)),
    today,
    seconds: (performance.now() - started) / 1000,
  };
}
