/**
 * The customer's session on the bank's pages. `__Host-` pins it to this origin over HTTPS (RFC 6265bis
 * §4.1.3.2); HttpOnly keeps it from scripts; SameSite=Strict means no other site can post with it.
 */
export const SCA_COOKIE = '__Host-openstet-sca';

export function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${SCA_COOKIE}=${value}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

export function clearedCookie(): string {
  return `${SCA_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;
}

export function readSessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SCA_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}
