import Type, { type Static } from 'typebox';
import { Text } from './schema-kit.ts';

/**
 * STET `GenericIdentification`: an identification of an account, a person or an organisation by its
 * issuer. `schemeName` values listed by STET: BANK, COID, SREN, SRET, NIDN; others are allowed (OAUT, CPAN).
 */
export const GenericIdentification = Type.Object(
  {
    identification: Text(70, { description: 'Identifier' }),
    schemeName: Text(70, {
      description: 'Identification scheme: BANK, COID, SREN, SRET, NIDN, or another such as OAUT or CPAN',
    }),
    issuer: Type.Optional(Text(35, { description: 'Entity that assigns the identification' })),
  },
  {
    title: 'GenericIdentification',
    description: 'Unique identification of an account, a person or an organisation, as assigned by an issuer',
  },
);
export type GenericIdentification = Static<typeof GenericIdentification>;
