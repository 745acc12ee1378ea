import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A bearer secret (token, code, session, CSRF): 256 random bits, base64url. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are stored as SHA-256 hashes only: a database leak gives no usable token or code. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Constant-time equality of two strings of any lengths (both hashed first). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
