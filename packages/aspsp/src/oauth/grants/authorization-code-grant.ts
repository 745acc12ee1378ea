import { accessTokenExpiry, refreshTokenExpiry } from '../../core/tokens/token-lifetimes.ts';
import type { TppIdentity } from '../../core/tpp/authorise-tpp.ts';
import { hashSecret, randomSecret } from '../../security/secrets.ts';
import { OAuthError } from '../oauth-error.ts';
import { checkCodeVerifier } from '../pkce.ts';
import type { GrantDeps, TokenParameters } from './grant-deps.ts';
import { checkLicenceCovers } from './licence-covers.ts';

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly scopes: readonly string[];
}

/**
 * `grant_type=authorization_code` (RFC 6749 §4.1.3): the code is single use and short-lived, bound to the
 * client, the redirect URI and the PKCE challenge. A replayed code is refused and every token issued from
 * it revoked (§4.1.2). No `scope` parameter (seed: "les requêtes /token du flow Authorization Code doivent
 * être envoyées SANS le paramètre scope").
 */
export async function authorizationCodeGrant(
  deps: GrantDeps,
  tpp: TppIdentity,
  parameters: TokenParameters,
): Promise<IssuedTokens> {
  const { code, redirect_uri: redirectUri, code_verifier: verifier } = parameters;
  if (parameters.scope !== undefined)
    throw new OAuthError('invalid_request', 'Send no scope with the authorization_code grant');
  if (!code) throw new OAuthError('invalid_request', 'code is missing');
  if (!redirectUri)
    throw new OAuthError('invalid_request', 'redirect_uri is missing: send the one used at /authorize');
  const now = deps.now();
  const codeHash = hashSecret(code);
  const consumed = await deps.codes.consume(codeHash, now);
  if (!consumed) throw new OAuthError('invalid_grant', 'Unknown authorization code');
  if (!consumed.firstUse) {
    await deps.tokens.revokeIssuedFromCode(codeHash);
    throw new OAuthError(
      'invalid_grant',
      'Authorization code already used: the tokens issued from it are revoked',
    );
  }
  const granted = consumed.code;
  if (granted.clientId !== tpp.organizationIdentifier)
    throw new OAuthError('invalid_grant', 'The code was issued to another client');
  if (granted.expiresAt <= now)
    throw new OAuthError('invalid_grant', 'Authorization code expired (60 s): start again at /authorize');
  if (granted.redirectUri !== redirectUri)
    throw new OAuthError('invalid_grant', 'redirect_uri differs from the one used at /authorize');
  checkCodeVerifier(granted.codeChallenge, verifier);
  const consent = await deps.consents.find(granted.consentId);
  if (!consent) throw new OAuthError('invalid_grant', 'The consent behind this code no longer exists');
  await checkLicenceCovers(deps, tpp.organizationIdentifier, consent.role);
  const accessToken = randomSecret();
  const refreshToken = randomSecret();
  const issued = await deps.tokens.issue({
    id: randomSecret(),
    accessHash: hashSecret(accessToken),
    refreshHash: hashSecret(refreshToken),
    codeHash,
    clientId: tpp.organizationIdentifier,
    role: consent.role,
    scopes: consent.scopes,
    psuId: consent.psuId,
    consentId: consent.id,
    accounts: consent.accounts,
    certificateThumbprint: tpp.fingerprint256,
    accessExpiresAt: accessTokenExpiry(now),
    refreshExpiresAt: refreshTokenExpiry(consent.scaAt),
  });
  if (!issued)
    throw new OAuthError(
      'invalid_grant',
      'Authorization code already used: the tokens issued from it are revoked',
    );
  return { accessToken, refreshToken, scopes: consent.scopes };
}
