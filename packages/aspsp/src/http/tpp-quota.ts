import type { onRequestAsyncHookHandler } from 'fastify';
import { fixedWindowCounter } from '../security/fixed-window.ts';
import { Errors } from './api-error.ts';

/**
 * A per-TPP request quota on the STET API (seed: TMRQ "le nombre de requêtes possibles a été dépassé"):
 * at most `perSecond` calls per TPP in each one-second window, answered 429 with `Retry-After`. The
 * default is far above any real use; a sandbox started with a small `OPENSTET_TPP_RATE_LIMIT` lets TPPs
 * test their handling.
 */
export function tppQuota(perSecond: number, now: () => number = Date.now): onRequestAsyncHookHandler {
  const counter = fixedWindowCounter(1000, now);
  return async (request) => {
    const tpp = request.tpp?.organizationIdentifier;
    if (!tpp) return;
    if (counter.hit(tpp).count > perSecond) {
      throw Errors.tooManyRequests(`More than ${perSecond} calls per second from ${tpp}: slow down`, 1);
    }
  };
}
