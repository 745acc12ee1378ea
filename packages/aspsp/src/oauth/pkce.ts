import { createHash } from 'node:crypto';
import { sameSecret } from '../security/secrets.ts';
import { OAuthError } from './oauth-error.ts';

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) must equal the code_challenge of the authorization. */
export function checkCodeVerifier(challenge: string | undefined, verifier: string | undefined): void {
  if (challenge === undefined) {
    if (verifier !== undefined)
      throw new OAuthError(
        'invalid_grant',
        'code_verifier given but the authorization had no code_challenge',
      );
    return;
  }
  if (verifier === undefined) throw new OAuthError('invalid_grant', 'code_verifier is missing (PKCE)');
  if (!VERIFIER.test(verifier))
    throw new OAuthError('invalid_grant', 'code_verifier must be 43-128 unreserved characters');
  const computed = createHash('sha256').update(verifier).digest('base64url');
  if (!sameSecret(computed, challenge))
    throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
}
