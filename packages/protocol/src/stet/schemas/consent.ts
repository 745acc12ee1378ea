import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AccountIdentification } from './account-identification.ts';

function accessible<Account extends TSchema>(account: Account) {
  return Type.Array(account, {
    title: 'AccessibleAccounts',
    description: 'List of accessible accounts for one given functionality',
  });
}

export const AccessibleAccounts = {
  v1: accessible(AccountIdentification.v1),
  'v1.4.2': accessible(AccountIdentification['v1.4.2']),
} as const satisfies PerVersion<TSchema>;

/**
 * STET `Access` (`PUT /consents`, 201 without body): the accounts whose balances and transactions the AISP
 * may read, and whether it may read the trusted beneficiaries and the PSU's identity. "This consent
 * replaces any prior consent that was previously sent by the AISP" (mixed detailed consent model).
 */
function access<Accounts extends TSchema>(accounts: Accounts) {
  return Type.Object(
    {
      balances: accounts,
      transactions: accounts,
      trustedBeneficiaries: Type.Boolean({
        description: 'Whether the PSU granted the AISP access to the trusted beneficiaries list',
      }),
      psuIdentity: Type.Boolean({
        description: "Whether the PSU granted the AISP access to the PSU's first and last name",
      }),
    },
    { title: 'Access', description: 'Requested access services' },
  );
}

export const Access = {
  v1: access(AccessibleAccounts.v1),
  'v1.4.2': access(AccessibleAccounts['v1.4.2']),
} as const satisfies PerVersion<TSchema>;
export type Access<V extends StetVersion = StetVersion> = Static<(typeof Access)[V]>;
