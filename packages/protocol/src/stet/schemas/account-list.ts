import Type, { type Static, type TSchema } from 'typebox';
import type { PerVersion, StetVersion } from '../versions.ts';
import { AccountResource } from './account.ts';
import { Links } from './generic-link.ts';
import { Text } from './schema-kit.ts';

const paging = ['beneficiaries', 'first', 'last', 'next', 'prev'] as const;
const description = 'Links of the PSU context: self (the accounts), beneficiaries, and the pages of the list';

/** STET `PsuContextLinks`; 1.4.2 adds `endUserIdentity` (the `GET /end-user-identity` resource). */
export const PsuContextLinks = {
  v1: Links('PsuContextLinks', description, ['self'], paging),
  'v1.4.2': Links('PsuContextLinks', description, ['self'], ['endUserIdentity', ...paging]),
} as const satisfies PerVersion<TSchema>;

const options = { title: 'HalAccounts', description: 'The list of the accounts available to the AISP' };

/**
 * STET `HalAccounts` (`GET /accounts`). 1.4.0.47 names the PSU in `connectedPsu` (CR197); 1.4.2 moves the
 * PSU's identity to `GET /end-user-identity`.
 */
export const HalAccounts = {
  v1: Type.Object(
    {
      connectedPsu: Type.Optional(
        Text(70, { description: 'Last name and first name of the PSU who granted the AISP access' }),
      ),
      accounts: Type.Array(AccountResource.v1, {
        description: 'List of PSU accounts made available to the TPP',
      }),
      _links: PsuContextLinks.v1,
    },
    options,
  ),
  'v1.4.2': Type.Object(
    {
      accounts: Type.Array(AccountResource['v1.4.2'], {
        description: 'List of PSU accounts made available to the TPP',
      }),
      _links: PsuContextLinks['v1.4.2'],
    },
    options,
  ),
} as const satisfies PerVersion<TSchema>;
export type HalAccounts<V extends StetVersion = StetVersion> = Static<(typeof HalAccounts)[V]>;
