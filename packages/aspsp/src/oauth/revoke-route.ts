import type { FastifyInstance } from 'fastify';
import type { TokenPair, TokenStore } from '../core/tokens/token-pair.ts';
import type { TrustChain } from '../http/trust-chain.ts';
import { hashSecret } from '../security/secrets.ts';
import { clientForm, oauthErrorHandler } from './oauth-endpoint.ts';
import { OAuthError } from './oauth-error.ts';

async function findPair(
  tokens: TokenStore,
  token: string,
  hint: string | undefined,
): Promise<TokenPair | undefined> {
  const hash = hashSecret(token);
  const byAccess = () => tokens.findByAccess(hash);
  const byRefresh = () => tokens.findByRefresh(hash);
  const [first, second] = hint === 'refresh_token' ? [byRefresh, byAccess] : [byAccess, byRefresh];
  return (await first()) ?? (await second());
}

/**
 * `POST /revoke` (RFC 7009): revoking the access token or the refresh token revokes both (seed:
 * "Si le jeton d'autorisation est révoqué alors le jeton de rafraîchissement doit l'être aussi et
 * réciproquement"). Unknown tokens answer 200 as well (§2.2); another client's token is refused.
 */
export function revokeRoute(
  app: FastifyInstance,
  deps: { readonly tokens: TokenStore; readonly trust: TrustChain },
): void {
  app.post(
    '/revoke',
    { ...deps.trust.tppRoute(), errorHandler: oauthErrorHandler },
    async (request, reply) => {
      const { tpp, parameters } = clientForm(request);
      if (!parameters.token) throw new OAuthError('invalid_request', 'token is missing');
      const pair = await findPair(deps.tokens, parameters.token, parameters.token_type_hint);
      if (pair && pair.clientId !== tpp.organizationIdentifier) {
        throw new OAuthError('unauthorized_client', 'This token was not issued to you');
      }
      // Another establishment's token is unknown here (RFC 7009 §2.2: 200, nothing revoked).
      if (pair && pair.establishment !== request.establishment.code)
        return reply.code(200).header('cache-control', 'no-store').send();
      if (pair) await deps.tokens.revoke(pair.id);
      return reply.code(200).header('cache-control', 'no-store').send();
    },
  );
}
