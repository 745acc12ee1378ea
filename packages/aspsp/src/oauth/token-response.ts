import type { FastifyReply } from 'fastify';
import { LIFETIMES } from '../core/tokens/token-lifetimes.ts';

/** RFC 6749 §5.1: the token response, never cached (`no-store`, `Pragma: no-cache`). */
export function sendTokens(
  reply: FastifyReply,
  tokens: {
    readonly accessToken: string;
    readonly refreshToken: string | undefined;
    readonly scopes: readonly string[];
  },
): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send({
      access_token: tokens.accessToken,
      token_type: 'Bearer',
      expires_in: LIFETIMES.accessTokenSeconds,
      ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
      scope: tokens.scopes.join(' '),
    });
}
