import { formatAmount, parseAmount, type StetVersion } from '@openstet/protocol';
import type { Account, Transaction } from '@openstet/tpp';
import type { CaseContext } from './answers.ts';
import { MARC_5158, MARC_5255 } from './cases.ts';

/**
 * Marc is there: his IP address (TEST-NET-1, RFC 5737) makes each read attended, never counted against the
 * four unattended reads a day (RTS Art. 36(5)(b)). The aisp tokens are kept under `aisp`.
 */
export const attended = (version: StetVersion) =>
  ({ version, tokenKey: 'aisp', psuHeaders: { 'PSU-IP-Address': '192.0.2.10' } }) as const;

/** `…5158` for Marc's accounts; any other IBAN in full, so that a wrong one shows. */
export const short = (iban: string | undefined) =>
  iban === MARC_5158 || iban === MARC_5255 ? `…${iban.slice(-4)}` : (iban ?? 'no IBAN');

/** What the AISP may read of an account, from the links the bank gave. */
export function readsOf(account: Account): string {
  if (account.balancesAvailable && account.transactionsAvailable) return 'balances, transactions';
  if (account.balancesAvailable) return 'balances only';
  return account.transactionsAvailable ? 'transactions only' : 'nothing';
}

/** An amount as the bank gave it (text or number), with the currency's decimals: exact, never a float. */
export function decimal(amount: string, currency: string): string {
  try {
    return formatAmount(parseAmount(amount, currency));
  } catch {
    return amount;
  }
}

/** `2026-12-02  BOOK    -12.40 EUR  CB MONOPRIX 01/12`: one line of a statement. */
export function transactionLine(entry: Transaction): string {
  const amount = `${entry.creditDebit === 'DBIT' ? '-' : '+'}${decimal(entry.amount, entry.currency)}`;
  return `${entry.date ?? '----------'}  ${entry.status}  ${amount.padStart(9)} ${entry.currency}  ${entry.label}`;
}

/** Newest first: each entry dated on or before the one above it. */
export const newestFirst = (entries: readonly Transaction[]) =>
  entries.every((entry, index) => index === 0 || (entry.date ?? '') <= (entries[index - 1]?.date ?? ''));

/** The 1st of the month 13 months back (UTC): where the sandbox's history of an account starts. */
export function thirteenMonthsBack(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 13, 1)).toISOString().slice(0, 10);
}

/**
 * The bank's `accountResourceId` of an IBAN, as `GET /accounts` first listed it. Ids stay the same across
 * consents (ADR 0006), so a case after `PUT /consents` can still name an account it narrowed out.
 */
export function accountIds(): (context: CaseContext, iban: string) => Promise<string> {
  const ids = new Map<string, string>();
  return async (context, iban) => {
    if (!ids.has(iban))
      for (const account of (await context.bank.accounts(attended('v1.4.2'))).accounts)
        if (account.iban) ids.set(account.iban, account.id);
    const id = ids.get(iban);
    if (id === undefined) throw new Error(`${iban} is not among the accounts GET /accounts listed`);
    return id;
  };
}
