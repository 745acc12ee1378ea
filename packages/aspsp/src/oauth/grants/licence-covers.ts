import { type ConsentRole, LICENCE_ROLE } from '../../core/consent/scopes.ts';
import { OAuthError } from '../oauth-error.ts';
import type { GrantDeps } from './grant-deps.ts';

/** The licence is checked again at /token: it may have been withdrawn since /authorize. */
export async function checkLicenceCovers(
  deps: GrantDeps,
  clientId: string,
  role: ConsentRole,
): Promise<void> {
  const licence = await deps.licence(clientId);
  if (licence?.status !== 'licensed') throw new OAuthError('unauthorized_client', 'The TPP is not licensed');
  if (!licence.roles.includes(LICENCE_ROLE[role])) {
    throw new OAuthError(
      'invalid_scope',
      `The TPP is not licensed for ${LICENCE_ROLE[role]}, needed for ${role}`,
    );
  }
}
