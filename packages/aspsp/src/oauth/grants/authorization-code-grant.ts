import { type IssuedTokens, issueTokenPair } from '../../core/tokens/issue-token-pair.ts';
import type { TppIdentity } from '../../core/tpp/authorise-tpp.ts';
import { hashSecret } from '../../security/secrets.ts';
import { checkLicenceCovers } from '../licence-check.ts';
import { OAuthError } from '../oauth-error.ts';
import { checkCodeVerifier } from '../pkce.ts';
import type { GrantDeps, TokenParameters } from './grant-deps.ts';

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
  establishment: string,
): Promise<IssuedTokens> {
  const { code, redirect_uri: redirectUri, code_verifier: verifier } = parameters;
  if (parameters.scope !== undefined)
    throw new OAuthError('invalid_request', 'Send no scope with the authorization_code grant');
  if (!code) throw new OAuthError('invalid_request', 'code is missing');
  if (!redirectUri)
    throw new OAuthError('invalid_request', 'redirect_uri is missing: send the one used at /authorize');
  const now = deps.now();
  const codeHash = hashSecret(code);
  const consumed = await deps.codes.consume(codeHash, establishment, now);
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
  // A code from a payment approval (`/payment-approval/:id`, STET 1.4.2 o-confirmation) has no challenge: the
  // PISP never went through /authorize, where the bank requires PKCE; it is bound to the successfulReportUrl.
  checkCodeVerifier(granted.codeChallenge, verifier);
  const consent = await deps.consents.find(granted.consentId);
  if (!consent) throw new OAuthError('invalid_grant', 'The consent behind this code no longer exists');
  checkLicenceCovers(await deps.licence(tpp.organizationIdentifier), consent.role);
  const issued = await issueTokenPair(deps, {
    clientId: tpp.organizationIdentifier,
    establishment,
    role: consent.role,
    scopes: consent.scopes,
    certificateThumbprint: tpp.fingerprint256,
    consent,
    codeHash,
  });
  if (!issued)
    throw new OAuthError(
      'invalid_grant',
      'Authorization code already used: the tokens issued from it are revoked',
    );
  return issued;
}
