import type { preHandlerAsyncHookHandler } from 'fastify';
import type { Scope } from '../core/consent/scopes.ts';
import type { TokenPair, TokenStore } from '../core/tokens/token-pair.ts';
import type { TppIdentity } from '../core/tpp/authorise-tpp.ts';
import { hashSecret } from '../security/secrets.ts';
import { Errors } from './api-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The valid token pair behind the request's access token (PSU context, consent, scopes). */
    accessToken: TokenPair | undefined;
  }
}

const BEARER = /^bearer +([A-Za-z0-9._~+/-]+=*)$/i;

/**
 * The OAuth2 resource-server check of every STET call (RFC 6750, RFC 8705 §3): a Bearer token in the
 * Authorization header (scheme case-insensitive; never in the URL), known by its hash, valid now, issued
 * to this TPP, bound to the QWAC of this connection, with one of the scopes the endpoint accepts.
 */
export function accessTokenCheck(
  deps: { readonly tokens: TokenStore; readonly now: () => Date },
  accepted: readonly Scope[],
): preHandlerAsyncHookHandler {
  const scopeNames = accepted.join(' or ');
  return async (request) => {
    // RFC 6750 §5.3: never in a URL. The parsed query, so that `access%5Ftoken=` is seen too.
    if (Object.hasOwn(request.query as object, 'access_token')) {
      throw Errors.invalidToken('Send the access token in the Authorization header, never in the URL');
    }
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match?.[1])
      throw Errors.invalidToken('Missing Authorization: Bearer <access token> (STET Part I §3.4)');
    const pair = await deps.tokens.findByAccess(hashSecret(match[1]));
    const tpp = request.tpp as TppIdentity;
    if (!pair || pair.clientId !== tpp.organizationIdentifier)
      throw Errors.invalidToken('Unknown access token');
    // DESIGN.md "Establishments": a token works only at the establishment that issued it.
    if (pair.establishment !== request.establishment.code)
      throw Errors.invalidToken(
        `Access token issued by establishment ${pair.establishment}: call the API at that establishment's host`,
      );
    if (pair.revoked) throw Errors.invalidToken('Access token revoked: a new authorization is needed');
    if (pair.accessExpiresAt <= deps.now())
      throw Errors.invalidToken('Access token expired: refresh it at /token');
    if (pair.certificateThumbprint !== tpp.fingerprint256) {
      throw Errors.invalidToken(
        'Access token bound to another certificate (RFC 8705 §3): use the QWAC that obtained it',
      );
    }
    if (!pair.scopes.some((scope) => accepted.includes(scope))) {
      throw Errors.badScope(
        `This endpoint needs a ${scopeNames} token; this one has ${pair.scopes.join(' ')}`,
      );
    }
    request.accessToken = pair;
  };
}
