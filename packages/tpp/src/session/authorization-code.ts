import { randomBytes } from 'node:crypto';
import { DEFAULT_TOKEN_KEY } from '../client-options.ts';
import type { OAuthClient } from '../oauth-client.ts';
import { generatePkce } from '../pkce.ts';
import type { StoredTokens, TokenStore } from '../token-store.ts';

export interface AuthorizationCodeOptions {
  readonly clientId: string;
  /** The bank's public base URL: `/authorize` is where the customer's browser goes. */
  readonly authorizationServer: string;
}

/**
 * The authorization code grant (RFC 6749 §4.1) with PKCE (RFC 7636): the verifier of each request stays
 * in this client, by `state`, until its code comes back; it never travels through the browser.
 */
export function authorizationCodeMethods(
  options: AuthorizationCodeOptions,
  oauth: Pick<OAuthClient, 'exchangeCode'>,
  store: TokenStore,
) {
  const verifiers = new Map<string, string>();
  return {
    /**
     * The URL to send the customer's browser to (RFC 6749 §4.1.1), with PKCE S256 generated and kept for
     * `exchangeCode`.
     * @example const { url } = bank.authorizationUrl({ scope: 'cbpii', redirectUri: 'https://tpp.example/cb' });
     */
    authorizationUrl(request: { scope: string; redirectUri: string; state?: string; pkce?: boolean }): {
      url: string;
      state: string;
    } {
      const state = request.state ?? randomBytes(16).toString('base64url');
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: request.redirectUri,
        scope: request.scope,
        state,
      });
      if (request.pkce !== false) {
        const pkce = generatePkce();
        verifiers.set(state, pkce.verifier);
        query.set('code_challenge', pkce.challenge);
        query.set('code_challenge_method', pkce.method);
      }
      return { url: `${options.authorizationServer}/authorize?${query}`, state };
    },
    /**
     * Exchanges the code the bank sent back for tokens, and keeps them under `tokenKey`.
     * @example await bank.exchangeCode({ code, state, redirectUri: 'https://tpp.example/cb' });
     */
    async exchangeCode(request: {
      code: string;
      redirectUri: string;
      state?: string;
      tokenKey?: string;
    }): Promise<StoredTokens> {
      const verifier = request.state === undefined ? undefined : verifiers.get(request.state);
      const tokens = await oauth.exchangeCode(request.code, request.redirectUri, verifier);
      if (request.state !== undefined) verifiers.delete(request.state);
      await store.set(request.tokenKey ?? DEFAULT_TOKEN_KEY, tokens);
      return tokens;
    },
  };
}
