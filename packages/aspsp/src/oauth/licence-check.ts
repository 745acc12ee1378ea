import { type ConsentRole, LICENCE_ROLE } from '../core/consent/scopes.ts';
import { licenceCovers } from '../core/tpp/licence-covers.ts';
import type { TppLicence } from '../core/tpp/tpp-licence.ts';
import { OAuthError } from './oauth-error.ts';

/**
 * The core's licence rule in RFC 6749 errors, at /authorize and again at /token (the licence may have been
 * withdrawn in between): not licensed → `unauthorized_client`, role not granted → `invalid_scope`.
 * Without `role`, only that the TPP is licensed. Returns the licence, for the TPP's registered name.
 */
export function checkLicenceCovers(licence: TppLicence | undefined, role?: ConsentRole): TppLicence {
  const refusal = licenceCovers(licence, role && LICENCE_ROLE[role]);
  if (refusal === 'role-not-licensed' && role)
    throw new OAuthError(
      'invalid_scope',
      `The TPP is not licensed for ${LICENCE_ROLE[role]}, needed for ${role}`,
    );
  if (refusal || !licence) throw new OAuthError('unauthorized_client', 'The TPP is not licensed');
  return licence;
}
