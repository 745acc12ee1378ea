import { DEFAULT_TOKEN_KEY } from '../client-options.ts';
import type { OAuthClient } from '../oauth-client.ts';
import type { StoredTokens, TokenStore } from '../token-store.ts';
import type { TokenSession } from './token-session.ts';

/** The token calls a TPP makes itself: refresh (RFC 6749 §6), revoke (RFC 7009), client credentials (§4.4). */
export function tokenGrantMethods(
  oauth: Pick<OAuthClient, 'revoke' | 'clientCredentials'>,
  store: TokenStore,
  session: TokenSession,
) {
  return {
    /** @example await bank.refresh(); */
    refresh: (tokenKey = DEFAULT_TOKEN_KEY) => session.refresh(tokenKey),
    /** Revokes the pair at the bank (RFC 7009) and forgets it. @example await bank.revoke(); */
    async revoke(tokenKey = DEFAULT_TOKEN_KEY): Promise<void> {
      const tokens = await store.get(tokenKey);
      // The refresh token first: the bank should then revoke its access tokens too (RFC 7009 §2.1).
      if (tokens) await oauth.revoke(tokens.refreshToken ?? tokens.accessToken);
      await store.delete(tokenKey);
    },
    /**
     * A token for the TPP itself (RFC 6749 §4.4), kept under `tokenKey`. The PISP methods need no call to it:
     * they ask for theirs when they have none and keep it under `pisp`.
     * @example await bank.clientCredentials('pisp');
     */
    async clientCredentials(scope = 'pisp', tokenKey = DEFAULT_TOKEN_KEY): Promise<StoredTokens> {
      const tokens = await oauth.clientCredentials(scope);
      await store.set(tokenKey, tokens);
      return tokens;
    },
  };
}
