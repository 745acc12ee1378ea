import Type, { type Static } from 'typebox';
import { Links } from './generic-link.ts';
import { Text } from './schema-kit.ts';

/** STET 1.4.2 `EndUserIdentityLinks`. */
export const EndUserIdentityLinks = Links(
  'EndUserIdentityLinks',
  'Links of the end-user identity: self, parent-list (the accounts)',
  ['self'],
  ['parent-list'],
);

/**
 * STET 1.4.2 `HalEndUserIdentity` (`GET /end-user-identity`; field names and required fields from a
 * 1.4.2.17 generated client): the PSU's name, which 1.4.0.47 gave as `HalAccounts.connectedPsu`. Needs
 * `psuIdentity: true` in the consent. `connectedPsu` keeps the 70 characters of 1.4.0.47's field.
 */
export const HalEndUserIdentity = Type.Object(
  {
    connectedPsu: Text(70, {
      description: 'Last name and first name of the PSU who granted the AISP access',
    }),
    connectedPsuNamePrefix: Type.Optional(
      Type.String({
        title: 'NamePrefixCode',
        description: 'Name prefix of the PSU (ISO 20022 NamePrefix code)',
      }),
    ),
    connectedPsuFirstName: Type.Optional(Type.String({ description: 'First name of the PSU' })),
    connectedPsuLastName: Type.Optional(Type.String({ description: 'Last name of the PSU' })),
    _links: EndUserIdentityLinks,
  },
  { title: 'HalEndUserIdentity', description: 'The identity of the PSU who granted the AISP access' },
);
export type HalEndUserIdentity = Static<typeof HalEndUserIdentity>;
