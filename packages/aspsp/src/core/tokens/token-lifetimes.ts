/** Lifetimes of the authorization server, each from its source. */
export const LIFETIMES = Object.freeze({
  /** Authorization code: short-lived and single use (RFC 6749 §4.1.2 recommends at most 10 minutes). */
  codeSeconds: 60,
  /** Access token: "de l'ordre d'une heure maximum" (seed, "Rafraîchir votre jeton"). */
  accessTokenSeconds: 3600,
  /** Refresh token: 180 days from the last SCA (seed; RTS Art. 10a(2)(b) as amended by 2022/2360). */
  refreshTokenDays: 180,
});

const DAY_MS = 86_400_000;

export function refreshTokenExpiry(scaAt: Date): Date {
  return new Date(scaAt.getTime() + LIFETIMES.refreshTokenDays * DAY_MS);
}

export function accessTokenExpiry(now: Date): Date {
  return new Date(now.getTime() + LIFETIMES.accessTokenSeconds * 1000);
}

export function codeExpiry(now: Date): Date {
  return new Date(now.getTime() + LIFETIMES.codeSeconds * 1000);
}
