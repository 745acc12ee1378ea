import type { StetVersion } from '@openstet/protocol';
import { stetOperation } from '@openstet/protocol';
import { isRefusal } from '../../../core/accounts/consented-account.ts';
import { type ListedAccount, listAccounts } from '../../../core/accounts/list-accounts.ts';
import type { PsuProfile } from '../../../core/ports/core-banking.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { grantOf, halAnswer, type InformationEndpointDeps, informationDeps } from './information-call.ts';
import { accountPath, informationHref } from './information-links.ts';
import { informationRefusalError } from './information-refusal.ts';

/** "Last name and first name of the PSU" (STET `connectedPsu`, at most 70 characters). */
export function connectedPsu(psu: PsuProfile): string {
  return `${psu.lastName} ${psu.firstName}`.slice(0, 70);
}

/** STET `AccountResource`: 1.4.2 moves the currency into `accountId`; links only to consented reads. */
function accountResource({ id, account, balances, transactions }: ListedAccount, version: StetVersion) {
  const { iban, currency, name } = account;
  return {
    resourceId: id,
    accountId: version === 'v1' ? { iban } : { iban, currency },
    name,
    cashAccountType: 'CACC',
    ...(version === 'v1' ? { currency } : {}),
    psuStatus: 'Account Holder',
    _links: {
      ...(balances ? { balances: informationHref(version, accountPath(id, 'balances')) } : {}),
      ...(transactions ? { transactions: informationHref(version, accountPath(id, 'transactions')) } : {}),
    },
  };
}

/**
 * `GET /accounts` on both versions (scope `aisp`): the accounts the PSU made available to the AISP at the
 * bank, as STET `HalAccounts`. An empty list is 200 with `accounts: []`, never 204 (ADR 0006).
 */
export function accountsEndpoint(deps: InformationEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('accountsGet'),
    async answer({ request, version, token }) {
      const grant = await grantOf(deps, token);
      const list = await listAccounts(informationDeps(deps, request), grant);
      if (isRefusal(list)) throw informationRefusalError(list);
      // The PSU's name only with `psuIdentity` in the forwarded consent: `connectedPsu` on 1.4.0.47, a link
      // to GET /end-user-identity on 1.4.2.
      const identity = grant.psuIdentity && list.psu;
      return halAnswer({
        ...(identity && version === 'v1' ? { connectedPsu: connectedPsu(identity) } : {}),
        accounts: list.accounts.map((listed) => accountResource(listed, version)),
        _links: {
          self: informationHref(version, '/accounts'),
          ...(grant.trustedBeneficiaries
            ? { beneficiaries: informationHref(version, '/trusted-beneficiaries') }
            : {}),
          ...(identity && version !== 'v1'
            ? { endUserIdentity: informationHref(version, '/end-user-identity') }
            : {}),
        },
      });
    },
  };
}
