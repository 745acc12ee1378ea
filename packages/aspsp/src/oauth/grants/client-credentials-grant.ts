import { parseScopes } from '../../core/consent/scopes.ts';
import { accessTokenExpiry } from '../../core/tokens/token-lifetimes.ts';
import type { TppIdentity } from '../../core/tpp/authorise-tpp.ts';
import { hashSecret, randomSecret } from '../../security/secrets.ts';
import { OAuthError } from '../oauth-error.ts';
import type { IssuedTokens } from './authorization-code-grant.ts';
import type { GrantDeps, TokenParameters } from './grant-deps.ts';
import { checkLicenceCovers } from './licence-covers.ts';

/**
 * `grant_type=client_credentials` (RFC 6749 §4.4): a token for the TPP itself, no PSU, no refresh token.
 * STET uses it for PISP (`pisp`, the default scope as BPCE documents it); the bank chooses which roles
 * may use it (`OPENSTET_CLIENT_CREDENTIALS_ROLES`).
 */
export async function clientCredentialsGrant(
  deps: GrantDeps,
  tpp: TppIdentity,
  parameters: TokenParameters,
): Promise<IssuedTokens> {
  const scope = parseScopes(parameters.scope ?? 'pisp');
  if (!scope.ok) throw new OAuthError('invalid_scope', scope.description);
  if (!deps.clientCredentialsRoles.includes(scope.role)) {
    throw new OAuthError(
      'unauthorized_client',
      `This bank grants ${scope.role} by authorization code, not client credentials`,
    );
  }
  await checkLicenceCovers(deps, tpp.organizationIdentifier, scope.role);
  const now = deps.now();
  const accessToken = randomSecret();
  await deps.tokens.issue({
    id: randomSecret(),
    accessHash: hashSecret(accessToken),
    refreshHash: undefined,
    codeHash: undefined,
    clientId: tpp.organizationIdentifier,
    role: scope.role,
    scopes: scope.scopes,
    psuId: undefined,
    consentId: undefined,
    accounts: [],
    certificateThumbprint: tpp.fingerprint256,
    accessExpiresAt: accessTokenExpiry(now),
    refreshExpiresAt: undefined,
  });
  return { accessToken, refreshToken: undefined, scopes: scope.scopes };
}
