import type { OAuthClient } from '../oauth-client.ts';
import type { StoredTokens, TokenStore } from '../token-store.ts';
import { isInvalidToken, REFRESH_MARGIN_MS, type TokenSession } from './token-session.ts';

/**
 * The TPP's own token (client credentials, RFC 6749 §4.4; STET: the PISP calls, scope `pisp`), kept under
 * a key: asked for when none is kept or it expires within a minute, and asked for again once after a
 * `401 invalid_token`. There is no refresh token (§4.4.3): a new grant is one call to `/token`.
 */
export function clientCredentialsSession(
  oauth: Pick<OAuthClient, 'clientCredentials'>,
  store: TokenStore,
  scope: string,
): TokenSession {
  const renew = async (key: string): Promise<StoredTokens> => {
    const tokens = await oauth.clientCredentials(scope);
    await store.set(key, tokens);
    return tokens;
  };
  const fresh = async (key: string): Promise<StoredTokens> => {
    const tokens = await store.get(key);
    if (tokens && tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS) return tokens;
    return renew(key);
  };
  return {
    fresh,
    refresh: renew,
    async withAccessToken(key, send) {
      const sent = await send((await fresh(key)).accessToken);
      if (!isInvalidToken(sent.response)) return sent;
      return send((await renew(key)).accessToken);
    },
  };
}
