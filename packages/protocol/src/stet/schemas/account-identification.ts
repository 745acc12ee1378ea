import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { GenericIdentification } from './generic-identification.ts';
import { CurrencyCode, expects } from './schema-kit.ts';

const IBAN = Type.String({
  description:
    'International Bank Account Number in electronic format (ISO 13616: no spaces, capital letters)',
  pattern: '^[A-Z]{2,2}[0-9]{2,2}[a-zA-Z0-9]{1,30}$',
  ...expects('an IBAN in electronic format such as FR7613807008043001965405158 (ISO 13616)'),
});
const options = {
  title: 'AccountIdentification',
  description: 'Identification of the account between the account owner and the account servicer',
  ...expects('{ "iban": "FR76..." }'),
};

/**
 * STET `AccountIdentification`: an IBAN or another identification (a card's masked PAN, …). 1.4.2 adds the
 * account `currency`, which leaves `AccountResource`.
 */
export const AccountIdentification = {
  v1: Type.Object({ iban: Type.Optional(IBAN), other: Type.Optional(GenericIdentification) }, options),
  'v1.4.2': Type.Object(
    {
      iban: Type.Optional(IBAN),
      other: Type.Optional(GenericIdentification),
      currency: Type.Optional(CurrencyCode({ description: 'Currency of the account (ISO 4217)' })),
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type AccountIdentification<V extends StetVersion = StetVersion> = Static<
  (typeof AccountIdentification)[V]
>;
