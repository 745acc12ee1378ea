import type { CurrentAccount, PsuProfile } from '../ports/core-banking.ts';
import { accountResourceId } from './account-id.ts';
import { type InformationDeps, type InformationRefusal, refusingUnavailable } from './consented-account.ts';
import type { InformationGrant } from './information-grant.ts';
import { unattendedRead } from './unattended-read.ts';

export interface ListedAccount {
  readonly id: string;
  readonly account: CurrentAccount;
  /** Whether the AISP may read this account's balances, and its transactions. */
  readonly balances: boolean;
  readonly transactions: boolean;
}

export interface AccountList {
  /** The PSU who granted the access, when the bank still knows them. */
  readonly psu: PsuProfile | undefined;
  readonly accounts: readonly ListedAccount[];
}

/**
 * The PSU's accounts made available to the AISP (STET "Retrieval of the PSU accounts"): those it may read
 * the balances or the transactions of (ticked at the bank, narrowed by `PUT /consents`) that are still
 * open, in the bank's order. None is an empty list, not an error.
 */
export function listAccounts(
  deps: InformationDeps,
  grant: InformationGrant,
): Promise<AccountList | InformationRefusal> {
  return refusingUnavailable(async () => {
    const { psuId } = grant;
    if (psuId === undefined) return { reason: 'not-consented', what: 'no-customer' };
    return unattendedRead(deps, grant, `psu:${psuId}`, 'accounts', async () => {
      const [psu, held] = await Promise.all([
        deps.coreBanking.psuById(psuId),
        deps.coreBanking.currentAccounts(psuId),
      ]);
      const readable = (iban: string) => grant.balances.includes(iban) || grant.transactions.includes(iban);
      const accounts = held
        .filter((account) => readable(account.iban) && account.status !== 'closed')
        .map((account) =>
          Object.freeze({
            id: accountResourceId(deps.key, grant, account.iban),
            account,
            balances: grant.balances.includes(account.iban),
            transactions: grant.transactions.includes(account.iban),
          }),
        );
      return Object.freeze({ psu, accounts: Object.freeze(accounts) });
    });
  });
}
