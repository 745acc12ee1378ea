import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AmountType } from './amount-type.ts';
import { Links } from './generic-link.ts';
import { DateTime, IsoDate, StringEnum, Text } from './schema-kit.ts';

/** STET `BalanceStatus`: CLBD accounting, XPCD instant, VALU value-date, OTHR other balance. */
export const BalanceStatus = StringEnum(['CLBD', 'XPCD', 'VALU', 'OTHR'], {
  title: 'BalanceStatus',
  description: 'Type of balance: CLBD accounting, XPCD instant, VALU value-date, OTHR other',
});

/** STET `BalanceResource`. "The ASPSP must provide at least the accounting balance on the account" (CLBD). */
function balance<Amount extends TSchema>(amount: Amount) {
  return Type.Object(
    {
      name: Text(70, { description: 'Label of the balance' }),
      balanceAmount: amount,
      balanceType: BalanceStatus,
      lastChangeDateTime: Type.Optional(
        DateTime({ description: 'Timestamp of the last change of the balance amount' }),
      ),
      referenceDate: Type.Optional(IsoDate({ description: 'Reference date for the balance' })),
      lastCommittedTransaction: Type.Optional(
        Text(40, {
          description: 'Identification of the last committed transaction (useful for instant balance)',
        }),
      ),
    },
    { title: 'BalanceResource', description: 'Structure of an account balance' },
  );
}

export const BalanceResource = {
  v1: balance(AmountType.v1),
  'v1.4.2': balance(AmountType['v1.4.2']),
} as const satisfies PerVersion<TSchema>;
export type BalanceResource<V extends StetVersion = StetVersion> = Static<(typeof BalanceResource)[V]>;

export const BalancesLinks = Links(
  'BalancesLinks',
  'Links of the balances of an account: self, parent-list (the accounts), transactions',
  ['self'],
  ['parent-list', 'transactions'],
);

/** STET `HalBalances` (`GET /accounts/{accountResourceId}/balances`): at least one balance. Not paged. */
function halBalances<Balance extends TSchema>(item: Balance) {
  return Type.Object(
    {
      balances: Type.Array(item, { minItems: 1, description: 'List of account balances' }),
      _links: BalancesLinks,
    },
    { title: 'HalBalances', description: 'The balances of a given account, returned to the AISP' },
  );
}

export const HalBalances = {
  v1: halBalances(BalanceResource.v1),
  'v1.4.2': halBalances(BalanceResource['v1.4.2']),
} as const satisfies PerVersion<TSchema>;
export type HalBalances<V extends StetVersion = StetVersion> = Static<(typeof HalBalances)[V]>;
