import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AccountIdentification } from './account-identification.ts';
import { FinancialInstitutionIdentification } from './financial-institution-identification.ts';
import { Links } from './generic-link.ts';
import { PartyIdentification } from './party-identification.ts';
import { Identifier } from './resource-id.ts';

/** STET `Beneficiary` (trusted-beneficiaries list and payment requests; `isTrusted` from CR179/CR198). */
function beneficiary<Agent extends TSchema, Party extends TSchema, Account extends TSchema>(
  agent: Agent,
  party: Party,
  account: Account,
) {
  return Type.Object(
    {
      id: Type.Optional(Identifier('Id of the beneficiary')),
      isTrusted: Type.Optional(
        Type.Boolean({
          description:
            'Set by an ASPSP that keeps a trusted list: whether the beneficiary is in it; a PISP may send true to ask for its insertion',
        }),
      ),
      creditorAgent: Type.Optional(agent),
      creditor: party,
      creditorAccount: Type.Optional(account),
    },
    { title: 'Beneficiary', description: 'Specification of a beneficiary' },
  );
}

export const Beneficiary = {
  v1: beneficiary(FinancialInstitutionIdentification.v1, PartyIdentification.v1, AccountIdentification.v1),
  'v1.4.2': beneficiary(
    FinancialInstitutionIdentification['v1.4.2'],
    PartyIdentification['v1.4.2'],
    AccountIdentification['v1.4.2'],
  ),
} as const satisfies PerVersion<TSchema>;
export type Beneficiary<V extends StetVersion = StetVersion> = Static<(typeof Beneficiary)[V]>;

export const BeneficiariesLinks = Links(
  'BeneficiariesLinks',
  'Links of the trusted beneficiaries: self, parent-list (the accounts), and the pages of the list',
  ['self'],
  ['parent-list', 'first', 'last', 'next', 'prev'],
);

/** STET `HalBeneficiaries` (`GET /trusted-beneficiaries`, CR158): needs `trustedBeneficiaries: true` in the consent. */
function halBeneficiaries<Item extends TSchema>(item: Item) {
  return Type.Object(
    {
      beneficiaries: Type.Array(item, { description: 'List of trusted beneficiaries' }),
      _links: BeneficiariesLinks,
    },
    { title: 'HalBeneficiaries', description: 'The list of the trusted beneficiaries' },
  );
}

export const HalBeneficiaries = {
  v1: halBeneficiaries(Beneficiary.v1),
  'v1.4.2': halBeneficiaries(Beneficiary['v1.4.2']),
} as const satisfies PerVersion<TSchema>;
export type HalBeneficiaries<V extends StetVersion = StetVersion> = Static<(typeof HalBeneficiaries)[V]>;
