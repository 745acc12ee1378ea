import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { expects, Text } from './schema-kit.ts';

const country = Type.String({
  description: 'Country of the address (ISO 3166 alpha-2)',
  pattern: '^([A-Z]{2,2})$',
  ...expects('an ISO 3166 country code such as FR'),
});
const addressLine = Type.Array(Text(70, { description: 'Address line' }), {
  description: 'Unstructured address. The two lines must embed zip code and town name',
});
const options = {
  title: 'PostalAddress',
  description: 'Information that locates and identifies a specific address (ISO 20022)',
};
/**
 * The structured ISO 20022 fields of 1.4.2. The only 1.4.2 source at hand (a client generated from
 * 1.4.2.17) gives their names and string type, not their lengths, so none is bounded here.
 */
const text = Type.Optional(Type.String());

/** STET `PostalAddress`: country and unstructured lines; 1.4.2 adds the structured fields. */
export const PostalAddress = {
  v1: Type.Object({ country, addressLine }, options),
  'v1.4.2': Type.Object(
    {
      addressType: text,
      department: text,
      subDepartment: text,
      streetName: text,
      buildingNumber: text,
      buildingName: text,
      postCode: text,
      townName: text,
      countrySubDivision: text,
      country,
      addressLine,
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type PostalAddress<V extends StetVersion = StetVersion> = Static<(typeof PostalAddress)[V]>;
