import type { onRequestAsyncHookHandler } from 'fastify';
import { Errors } from './api-error.ts';

/**
 * A per-TPP request quota on the STET API (seed: TMRQ "le nombre de requêtes possibles a été dépassé"):
 * at most `perSecond` calls per TPP in each one-second window, answered 429 with `Retry-After`. The
 * default is far above any real use; a sandbox started with a small `OPENSTET_TPP_RATE_LIMIT` lets TPPs
 * test their handling.
 */
export function tppQuota(perSecond: number, now: () => number = Date.now): onRequestAsyncHookHandler {
  let window = 0;
  let counts = new Map<string, number>();
  return async (request) => {
    const tpp = request.tpp?.organizationIdentifier;
    if (!tpp) return;
    const current = Math.floor(now() / 1000);
    if (current !== window) {
      window = current;
      counts = new Map();
    }
    const count = (counts.get(tpp) ?? 0) + 1;
    counts.set(tpp, count);
    if (count > perSecond)
      throw Errors.tooManyRequests(`More than ${perSecond} calls per second from ${tpp}: slow down`, 1);
  };
}
