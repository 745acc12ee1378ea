import { OAuthError } from '../errors.ts';
import type { OAuthClient } from '../oauth-client.ts';
import type { StoredTokens, TokenStore } from '../token-store.ts';
import type { HttpResponse } from '../transport.ts';

/** Refreshed this long before expiry: a token that expires on the way to the bank is a wasted call. */
export const REFRESH_MARGIN_MS = 60_000;

/** The tokens of each key, kept fresh: what every STET call of a customer goes through. */
export interface TokenSession {
  /** The stored pair, refreshed first when it expires within a minute and can be refreshed. */
  fresh(key: string): Promise<StoredTokens>;
  /** A new pair from the stored refresh token (RFC 6749 §6), stored in place of the old one. */
  refresh(key: string): Promise<StoredTokens>;
  /** Sends with a fresh access token; after a 401 invalid_token, one refresh and one retry, never more. */
  withAccessToken<T extends { readonly response: HttpResponse }>(
    key: string,
    send: (accessToken: string) => Promise<T>,
  ): Promise<T>;
}

/** RFC 6750 §3.1: the bank says the access token is expired or revoked, not that the call is wrong. */
export function isInvalidToken(response: HttpResponse): boolean {
  return response.status === 401 && /invalid_token/.test(String(response.headers['www-authenticate'] ?? ''));
}

export function tokenSession(oauth: Pick<OAuthClient, 'refresh'>, store: TokenStore): TokenSession {
  const refresh = async (key: string): Promise<StoredTokens> => {
    const current = await store.get(key);
    if (!current?.refreshToken)
      throw new OAuthError(401, 'no_refresh_token', `No refresh token for "${key}": authorize again`);
    const renewed = await oauth.refresh(current.refreshToken);
    await store.set(key, renewed);
    return renewed;
  };
  const fresh = async (key: string): Promise<StoredTokens> => {
    const tokens = await store.get(key);
    if (!tokens) throw new OAuthError(401, 'no_tokens', `No tokens for "${key}": authorize first`);
    if (tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS || !tokens.refreshToken) return tokens;
    return refresh(key);
  };
  return {
    fresh,
    refresh,
    async withAccessToken(key, send) {
      const sent = await send((await fresh(key)).accessToken);
      // One retry only: a token refused again right after its refresh is not an expiry, and looping
      // would burn the refresh token's rotations at the bank.
      if (!isInvalidToken(sent.response) || !(await store.get(key))?.refreshToken) return sent;
      return send((await refresh(key)).accessToken);
    },
  };
}
