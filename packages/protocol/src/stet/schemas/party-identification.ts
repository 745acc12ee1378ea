import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { GenericIdentification } from './generic-identification.ts';
import { PostalAddress } from './postal-address.ts';
import { IsoDate, Text } from './schema-kit.ts';

/** STET 1.4.2 `DateAndPlaceOfBirth` (field names and requirement from a 1.4.2.17 generated client). */
export const DateAndPlaceOfBirth = Type.Object(
  {
    birthDate: IsoDate({ description: 'Date on which a person is born' }),
    cityOfBirth: Type.String({ description: 'City where a person was born' }),
    countryOfBirth: Type.String({ description: 'Country where a person was born' }),
  },
  { title: 'DateAndPlaceOfBirth', description: 'Date and place of birth of a person (ISO 20022)' },
);

const name = Text(140, { description: 'Name by which a party is known and usually identified' });
const options = {
  title: 'PartyIdentification',
  description: 'A party: a person or an organisation',
};

/** STET `PartyIdentification`; 1.4.2 adds `dateAndPlaceOfBirth`. */
export const PartyIdentification = {
  v1: Type.Object(
    {
      name,
      postalAddress: Type.Optional(PostalAddress.v1),
      organisationId: Type.Optional(GenericIdentification),
      privateId: Type.Optional(GenericIdentification),
    },
    options,
  ),
  'v1.4.2': Type.Object(
    {
      name,
      dateAndPlaceOfBirth: Type.Optional(DateAndPlaceOfBirth),
      postalAddress: Type.Optional(PostalAddress['v1.4.2']),
      organisationId: Type.Optional(GenericIdentification),
      privateId: Type.Optional(GenericIdentification),
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type PartyIdentification<V extends StetVersion = StetVersion> = Static<
  (typeof PartyIdentification)[V]
>;
