import { parseScopes } from '../../core/consent/scopes.ts';
import { type IssuedTokens, issueTokenPair } from '../../core/tokens/issue-token-pair.ts';
import type { TppIdentity } from '../../core/tpp/authorise-tpp.ts';
import { checkLicenceCovers } from '../licence-check.ts';
import { OAuthError } from '../oauth-error.ts';

import type { GrantDeps, TokenParameters } from './grant-deps.ts';

/**
 * `grant_type=client_credentials` (RFC 6749 §4.4): a token for the TPP itself, no PSU, no refresh token.
 * STET uses it for PISP (`pisp`, the default scope as BPCE documents it); the bank chooses which roles
 * may use it (`OPENSTET_CLIENT_CREDENTIALS_ROLES`).
 */
export async function clientCredentialsGrant(
  deps: GrantDeps,
  tpp: TppIdentity,
  parameters: TokenParameters,
  establishment: string,
): Promise<IssuedTokens> {
  const scope = parseScopes(parameters.scope ?? 'pisp');
  if (!scope.ok) throw new OAuthError('invalid_scope', scope.description);
  if (!deps.clientCredentialsRoles.includes(scope.role)) {
    throw new OAuthError(
      'unauthorized_client',
      `This bank grants ${scope.role} by authorization code, not client credentials`,
    );
  }
  checkLicenceCovers(await deps.licence(tpp.organizationIdentifier), scope.role);
  const issued = await issueTokenPair(deps, {
    clientId: tpp.organizationIdentifier,
    establishment,
    role: scope.role,
    scopes: scope.scopes,
    certificateThumbprint: tpp.fingerprint256,
  });
  // Nothing replaced, no code to replay: always issued.
  return issued as IssuedTokens;
}
