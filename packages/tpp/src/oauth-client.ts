import { OAuthError } from './errors.ts';
import type { StoredTokens } from './token-store.ts';
import type { Transport } from './transport.ts';

export interface OAuthEndpoints {
  /** The bank's public base URL: `/authorize` lives there (the customer's browser). */
  readonly authorizationServer: string;
  /** Where `/token` and `/revoke` live (the mTLS listener, RFC 8705 endpoint aliases). */
  readonly tokenEndpoint: string;
  readonly revocationEndpoint: string;
}

interface TokenResponse {
  readonly access_token?: unknown;
  readonly refresh_token?: unknown;
  readonly expires_in?: unknown;
  readonly scope?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

function parse(body: Buffer): TokenResponse {
  try {
    return JSON.parse(body.toString('utf8')) as TokenResponse;
  } catch {
    return {};
  }
}

/**
 * The OAuth2 calls of a TPP, authenticated by its QWAC (`tls_client_auth`, RFC 8705 §2): `client_id` is
 * the organizationIdentifier of the certificate, sent with every call.
 */
export function oauthClient(send: Transport, endpoints: OAuthEndpoints, clientId: string, now: () => number) {
  const post = async (url: string, parameters: Record<string, string>) => {
    const body = new URLSearchParams({ ...parameters, client_id: clientId }).toString();
    const response = await send({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const parsed = parse(response.body);
    if (response.status >= 400) {
      const code = typeof parsed.error === 'string' ? parsed.error : 'invalid_response';
      const description =
        typeof parsed.error_description === 'string' ? parsed.error_description : `HTTP ${response.status}`;
      throw new OAuthError(response.status, code, description);
    }
    return parsed;
  };
  const tokens = (parsed: TokenResponse, previousRefresh?: string): StoredTokens => {
    if (typeof parsed.access_token !== 'string')
      throw new OAuthError(502, 'invalid_response', 'No access_token in the token response');
    const expiresIn = typeof parsed.expires_in === 'number' ? parsed.expires_in : 3600;
    return {
      accessToken: parsed.access_token,
      refreshToken: typeof parsed.refresh_token === 'string' ? parsed.refresh_token : previousRefresh,
      expiresAt: now() + expiresIn * 1000,
      scope: typeof parsed.scope === 'string' ? parsed.scope : '',
    };
  };
  return {
    async exchangeCode(
      code: string,
      redirectUri: string,
      codeVerifier: string | undefined,
    ): Promise<StoredTokens> {
      const parameters = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
      };
      return tokens(await post(endpoints.tokenEndpoint, parameters));
    },
    async refresh(refreshToken: string): Promise<StoredTokens> {
      return tokens(
        await post(endpoints.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: refreshToken }),
        refreshToken,
      );
    },
    async clientCredentials(scope: string): Promise<StoredTokens> {
      return tokens(await post(endpoints.tokenEndpoint, { grant_type: 'client_credentials', scope }));
    },
    async revoke(token: string): Promise<void> {
      await post(endpoints.revocationEndpoint, { token });
    },
  };
}

export type OAuthClient = ReturnType<typeof oauthClient>;
