import type { FastifyInstance } from 'fastify';
import type { TrustChain } from '../http/trust-chain.ts';
import { authorizationCodeGrant } from './grants/authorization-code-grant.ts';
import { clientCredentialsGrant } from './grants/client-credentials-grant.ts';
import type { GrantDeps } from './grants/grant-deps.ts';
import { refreshTokenGrant } from './grants/refresh-token-grant.ts';
import { clientForm, oauthErrorHandler } from './oauth-endpoint.ts';
import { OAuthError } from './oauth-error.ts';
import { sendTokens } from './token-response.ts';

const GRANTS = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
} as const;

/** `POST /token` on the mTLS listener, client authenticated by its QWAC (`tls_client_auth`, RFC 8705 §2.1). */
export function tokenRoute(app: FastifyInstance, deps: GrantDeps & { readonly trust: TrustChain }): void {
  app.post(
    '/token',
    { ...deps.trust.tppRoute(), errorHandler: oauthErrorHandler },
    async (request, reply) => {
      const { tpp, parameters } = clientForm(request);
      const grantType = parameters.grant_type;
      if (!grantType) throw new OAuthError('invalid_request', 'grant_type is missing');
      if (!Object.hasOwn(GRANTS, grantType)) {
        throw new OAuthError(
          'unsupported_grant_type',
          'grant_type must be authorization_code, refresh_token or client_credentials',
        );
      }
      const grant = GRANTS[grantType as keyof typeof GRANTS];
      return sendTokens(reply, await grant(deps, tpp, parameters, request.establishment.code));
    },
  );
}
