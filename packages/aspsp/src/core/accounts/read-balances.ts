import type { AccountPosition, CurrentAccount } from '../ports/core-banking.ts';
import {
  consentedAccount,
  type InformationDeps,
  type InformationRefusal,
  isRefusal,
  refusingUnavailable,
} from './consented-account.ts';
import type { InformationGrant } from './information-grant.ts';
import { unattendedRead } from './unattended-read.ts';

export interface AccountBalances {
  readonly account: CurrentAccount;
  readonly position: AccountPosition;
}

/**
 * The balances of one consented account (STET "Retrieval of an account balances report"): the booked
 * balance and the instant one, read as a funds check reads them, so both services agree.
 */
export function readBalances(
  deps: InformationDeps,
  grant: InformationGrant,
  accountId: string,
): Promise<AccountBalances | InformationRefusal> {
  return refusingUnavailable(async () => {
    const account = await consentedAccount(deps, grant, accountId, 'balances');
    if (isRefusal(account)) return account;
    return unattendedRead(deps, grant, account.iban, 'balances', async () => {
      const position = await deps.coreBanking.balances(account.iban);
      return position ? Object.freeze({ account, position }) : { reason: 'unknown-account' as const };
    });
  });
}
