import { createHash, randomBytes } from 'node:crypto';

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

/**
 * A fresh PKCE pair (RFC 7636 §4.1–4.2): 256 random bits, S256 challenge. `authorizationUrl` makes one for
 * you; this is for a TPP that builds its own authorization requests.
 * @example
 * const { verifier, challenge } = generatePkce();
 * const query = new URLSearchParams({ code_challenge: challenge, code_challenge_method: 'S256' });
 */
export function generatePkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}
