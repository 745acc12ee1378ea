import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { PostalAddress } from './postal-address.ts';
import { expects, Text } from './schema-kit.ts';

/** The BIC pattern of STET 1.4.0.47 (ISO 9362), used by FinancialInstitutionIdentification and AccountResource. */
export const BIC_PATTERN = '^[A-Z]{6,6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3,3}){0,1}$';

export function BicFi() {
  return Type.String({
    description: 'Business identifier code of the financial institution (ISO 9362)',
    pattern: BIC_PATTERN,
    ...expects('a BIC such as BNKAFRPPXXX'),
  });
}

/** STET `ClearingSystemMemberIdentification`: a member of a clearing system (some international transfers). */
export const ClearingSystemMemberIdentification = Type.Object(
  {
    clearingSystemId: Type.Optional(Text(35, { description: 'Clearing system or channel' })),
    memberId: Type.Optional(Text(35, { description: 'Identification of a member of the clearing system' })),
  },
  {
    title: 'ClearingSystemMemberIdentification',
    description: 'Information used to identify a member within a clearing system (ISO 20022)',
  },
);

const options = {
  title: 'FinancialInstitutionIdentification',
  description: 'Unique identification of a financial institution (ISO 20022)',
};
const fields = {
  bicFi: BicFi(),
  clearingSystemMemberId: Type.Optional(ClearingSystemMemberIdentification),
  name: Type.Optional(Text(140, { description: 'Name of the financial institution' })),
};

/** STET `FinancialInstitutionIdentification` (its postal address follows the version's PostalAddress). */
export const FinancialInstitutionIdentification = {
  v1: Type.Object({ ...fields, postalAddress: Type.Optional(PostalAddress.v1) }, options),
  'v1.4.2': Type.Object({ ...fields, postalAddress: Type.Optional(PostalAddress['v1.4.2']) }, options),
} as const satisfies PerVersion<TSchema>;
export type FinancialInstitutionIdentification<V extends StetVersion = StetVersion> = Static<
  (typeof FinancialInstitutionIdentification)[V]
>;
