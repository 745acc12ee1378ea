import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AccountIdentification } from './account-identification.ts';
import { BalanceResource } from './balance.ts';
import { BicFi } from './financial-institution-identification.ts';
import { GenericIdentification } from './generic-identification.ts';
import { Links } from './generic-link.ts';
import { ResourceId } from './resource-id.ts';
import { StringEnum, Text } from './schema-kit.ts';

/** STET `AccountLinks`: the account's balances and transactions. */
export const AccountLinks = Links(
  'AccountLinks',
  'Links of one account: balances, transactions',
  [],
  ['balances', 'transactions'],
);

const head = {
  resourceId: Type.Optional(ResourceId),
  bicFi: Type.Optional(BicFi()),
};
const body = {
  name: Text(70, {
    description: 'Label of the account; for a delayed debit card, the holder name and imputation date',
  }),
  details: Type.Optional(Text(140, { description: 'Characteristics of the account or of the card' })),
  linkedAccount: Type.Optional(
    Text(70, { description: 'For card transactions, the cash account the card is set up on' }),
  ),
  usage: Type.Optional(
    StringEnum(['PRIV', 'ORGA'], {
      description: 'PRIV: private personal account; ORGA: professional account',
    }),
  ),
};
const tail = {
  product: Type.Optional(Text(35, { description: 'Product name of the bank for this account' })),
};
const psuStatus = Type.Optional(Text(35, { description: 'Account Holder, Co-account Holder or Attorney' }));
const cashAccountType = StringEnum(['CACC', 'CARD'], {
  description: 'CACC: cash account; CARD: card based transactions',
});
const options = { title: 'AccountResource', description: 'A PSU account made available to the TPP' };

/**
 * STET `AccountResource`. 1.4.2 moves `currency` into `accountId` and adds `company` (from a 1.4.2.17
 * generated client: required `name`, `cashAccountType`, `_links`).
 */
export const AccountResource = {
  v1: Type.Object(
    {
      ...head,
      accountId: Type.Optional(AccountIdentification.v1),
      ...body,
      cashAccountType,
      ...tail,
      currency: Text(3, { description: 'Currency used for the account' }),
      balances: Type.Optional(Type.Array(BalanceResource.v1, { minItems: 1 })),
      psuStatus,
      _links: AccountLinks,
    },
    options,
  ),
  'v1.4.2': Type.Object(
    {
      ...head,
      accountId: Type.Optional(AccountIdentification['v1.4.2']),
      ...body,
      company: Type.Optional(GenericIdentification),
      cashAccountType,
      ...tail,
      balances: Type.Optional(Type.Array(BalanceResource['v1.4.2'], { minItems: 1 })),
      psuStatus,
      _links: AccountLinks,
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type AccountResource<V extends StetVersion = StetVersion> = Static<(typeof AccountResource)[V]>;
