import { type IssuedTokens, renewAccessToken } from '../../core/tokens/issue-token-pair.ts';
import type { TppIdentity } from '../../core/tpp/authorise-tpp.ts';
import { hashSecret } from '../../security/secrets.ts';
import { checkLicenceCovers } from '../licence-check.ts';
import { OAuthError } from '../oauth-error.ts';

import type { GrantDeps, TokenParameters } from './grant-deps.ts';

/**
 * `grant_type=refresh_token` (RFC 6749 §6) with the seed's rules ("Rafraîchir votre jeton"): a new access
 * token, the same refresh token returned, the previous access token invalidated, the refresh token valid
 * 180 days from the last SCA. The refresh token is bound to the client, not to the certificate (RFC 8705
 * §3: a renewed QWAC keeps working); the new access token is bound to the certificate presented now.
 * A refused refresh changes nothing.
 */
export async function refreshTokenGrant(
  deps: GrantDeps,
  tpp: TppIdentity,
  parameters: TokenParameters,
  establishment: string,
): Promise<IssuedTokens> {
  const refreshToken = parameters.refresh_token;
  if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token is missing');
  const pair = await deps.tokens.findByRefresh(hashSecret(refreshToken));
  const now = deps.now();
  if (!pair || pair.clientId !== tpp.organizationIdentifier)
    throw new OAuthError('invalid_grant', 'Unknown refresh token');
  if (pair.establishment !== establishment)
    throw new OAuthError(
      'invalid_grant',
      'The refresh token was issued by another establishment: use its token endpoint',
    );
  if (pair.revoked)
    throw new OAuthError('invalid_grant', 'Refresh token revoked: a new authorization is needed');
  if (!pair.refreshExpiresAt || pair.refreshExpiresAt <= now) {
    throw new OAuthError(
      'invalid_grant',
      'Refresh token expired (180 days after SCA): a new authorization is needed',
    );
  }
  if (parameters.scope?.split(' ').some((scope) => !pair.scopes.includes(scope as never))) {
    throw new OAuthError('invalid_scope', 'A refresh cannot widen the scope');
  }
  checkLicenceCovers(await deps.licence(tpp.organizationIdentifier), pair.role);
  const accessToken = await renewAccessToken(deps, pair.id, tpp.fingerprint256);
  if (!accessToken)
    throw new OAuthError('invalid_grant', 'Refresh token revoked: a new authorization is needed');
  // RTS Art. 10a(1)(b): only the last 90 days without a new SCA, so a refreshed access token no longer
  // carries `extended_transaction_history` (ADR 0006), and the answer says so (RFC 6749 §5.1 `scope`).
  return {
    accessToken,
    refreshToken,
    scopes: pair.scopes.filter((scope) => scope !== 'extended_transaction_history'),
  };
}
