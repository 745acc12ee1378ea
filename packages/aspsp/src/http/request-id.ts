import type { onRequestAsyncHookHandler } from 'fastify';
import { Errors } from './api-error.ts';

/** STET declares `X-Request-ID` with maxLength 70 on every operation. */
const MAX_LENGTH = 70;

/**
 * Echoes `X-Request-ID` on every response, errors included (RTS Art. 29(a): a unique identifier per
 * session). Required on the STET API, where its absence is a 400; generated elsewhere (Fastify's
 * `genReqId`), so PSU pages and OAuth endpoints answer with one too.
 */
export function requestIdHook(isStetApi: (path: string) => boolean): onRequestAsyncHookHandler {
  return async (request, reply) => {
    const given = request.headers['x-request-id'];
    const value = Array.isArray(given) ? given[0] : given;
    if (value !== undefined && value !== '') {
      reply.header('x-request-id', value);
      if (value.length > MAX_LENGTH)
        throw Errors.invalidHeader(`X-Request-ID must be at most ${MAX_LENGTH} characters`);
      return;
    }
    reply.header('x-request-id', request.id);
    // The route as the router matched it (`/%73tet/…` is `/stet/…`), the raw path when none matched.
    if (isStetApi(request.routeOptions.url ?? request.url)) {
      throw Errors.invalidHeader(
        'Missing X-Request-ID header: send a unique id with every STET request (max 70 characters)',
      );
    }
  };
}
