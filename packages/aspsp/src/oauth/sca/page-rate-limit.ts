import type { onRequestAsyncHookHandler } from 'fastify';
import { fixedWindowCounter } from '../../security/fixed-window.ts';
import { negotiateLocale } from './locale.ts';
import { messages } from './messages.ts';
import { sendPage } from './pages.ts';

/**
 * Bounds the requests one address makes to the PSU pages per minute: the pages are unauthenticated and
 * each login may make the bank send an SMS. Installed in the pages' own scope (`psu-pages.ts`), so it
 * counts the routes the router matched: `/%61uthorize` is `/authorize` to the router and to the limit
 * alike. Behind a reverse proxy every customer shares the proxy's address, so set
 * `OPENSTET_PSU_RATE_LIMIT` accordingly.
 */
export function pageRateLimit(
  perMinute: number,
  sandbox: boolean,
  now: () => number,
): onRequestAsyncHookHandler {
  const counter = fixedWindowCounter(60_000, now);
  return async (request, reply) => {
    const { count, resetInMs } = counter.hit(request.raw.socket.remoteAddress ?? '');
    if (count <= perMinute) return;
    const locale = negotiateLocale(request.headers['accept-language']);
    reply.header('retry-after', String(Math.ceil(resetInMs / 1000)));
    await sendPage(reply, 'error', {
      locale,
      status: 429,
      data: { message: messages(locale).tooManyRequests, sandbox },
    });
  };
}
