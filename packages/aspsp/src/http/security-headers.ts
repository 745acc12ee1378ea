import type { onSendAsyncHookHandler } from 'fastify';

/** Headers every response carries: HTTPS only (RFC 6797), no MIME sniffing, no framing, no referrer leak. */
export const securityHeaders: onSendAsyncHookHandler<unknown> = async (_request, reply, payload) => {
  reply.header('strict-transport-security', 'max-age=31536000');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  return payload;
};
