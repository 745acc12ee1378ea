import { type StetVersion, stetOperation } from '@openstet/protocol';
import { utcDate } from '../../../core/accounts/calendar-day.ts';
import { isRefusal } from '../../../core/accounts/consented-account.ts';
import { type AccountBalances, readBalances } from '../../../core/accounts/read-balances.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { amountType } from '../versioned-amount.ts';
import {
  accountIdParam,
  grantOf,
  halAnswer,
  type InformationEndpointDeps,
  informationDeps,
} from './information-call.ts';
import { accountPath, informationHref } from './information-links.ts';
import { informationRefusalError } from './information-refusal.ts';

/**
 * STET `BalanceResource`s: the booked balance (`CLBD`, the seed's "Solde", which STET requires) and the
 * instant one (`XPCD`, the seed's "solde minute": booked minus the card payments not yet booked), the very
 * balance a funds check compares the amount with.
 */
function balanceResources({ position }: AccountBalances, version: StetVersion, today: string) {
  return [
    {
      name: 'Solde comptable',
      balanceAmount: amountType(position.accountingBalance, version),
      balanceType: 'CLBD',
      referenceDate: today,
    },
    {
      name: 'Solde instantané',
      balanceAmount: amountType(position.instantBalance, version),
      balanceType: 'XPCD',
      referenceDate: today,
    },
  ];
}

/** `GET /accounts/{accountResourceId}/balances` on both versions (scope `aisp`): STET `HalBalances`. */
export function balancesEndpoint(deps: InformationEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('accountsBalancesGet'),
    async answer({ request, version, token }) {
      const accountId = accountIdParam(request.params);
      const grant = await grantOf(deps, token);
      const balances = await readBalances(informationDeps(deps, request), grant, accountId);
      if (isRefusal(balances)) throw informationRefusalError(balances);
      return halAnswer({
        balances: balanceResources(balances, version, utcDate(deps.now())),
        _links: {
          self: informationHref(version, accountPath(accountId, 'balances')),
          'parent-list': informationHref(version, '/accounts'),
          ...(grant.transactions.includes(balances.account.iban)
            ? { transactions: informationHref(version, accountPath(accountId, 'transactions')) }
            : {}),
        },
      });
    },
  };
}
