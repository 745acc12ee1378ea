import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preValidationAsyncHookHandler,
} from 'fastify';
import { queryOrFormProblem } from '../../http/input-guard.ts';
import { toApiError } from '../../http/render-error.ts';
import { authorizeRoute } from '../authorize-route.ts';
import { negotiateLocale } from './locale.ts';
import { fill, messages } from './messages.ts';
import { pageRateLimit } from './page-rate-limit.ts';
import { sendPage } from './pages.ts';
import type { ScaDeps } from './sca-deps.ts';
import { scaRoutes } from './sca-routes.ts';

/** A query string or form field with a control character: the error page, before any handler or store. */
function pageInputGuard(sandbox: boolean): preValidationAsyncHookHandler {
  return async (request, reply) => {
    const problem = queryOrFormProblem(request);
    if (!problem) return;
    request.auditError = 'INPUT_REFUSED';
    const locale = negotiateLocale(request.headers['accept-language']);
    await sendPage(reply, 'error', {
      locale,
      status: 400,
      data: { message: fill(messages(locale).inputRefused, { problem }), sandbox },
    });
  };
}

/**
 * Whatever fails on a customer's page (a form over 16 KiB, an unreadable body, a bug) is answered with the
 * error page, in the customer's language: never JSON, never internal detail (5xx are logged).
 */
function pageErrorHandler(sandbox: boolean) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const refusal = toApiError(error);
    if (refusal.status >= 500) request.log.error({ err: error }, 'PSU page failed');
    request.auditError ??= refusal.code;
    const locale = negotiateLocale(request.headers['accept-language']);
    const text = messages(locale);
    const message =
      refusal.status >= 500 ? text.internalError : fill(text.inputRefused, { problem: refusal.message });
    return sendPage(reply, 'error', { locale, status: refusal.status, data: { message, sandbox } });
  };
}

/**
 * The customer's pages (`/authorize` and the SCA screens) in a scope of their own, so that their guards
 * apply to exactly these routes as the router matched them, never to a raw URL: the per-address quota
 * (before anything is read), the input guard (before any handler) and the error page.
 */
export function psuPages(app: FastifyInstance, deps: ScaDeps & { readonly psuRateLimit: number }): void {
  app.register((pages, _options, done) => {
    pages.addHook(
      'onRequest',
      pageRateLimit(deps.psuRateLimit, deps.sandbox, () => deps.now().getTime()),
    );
    pages.addHook('preValidation', pageInputGuard(deps.sandbox));
    pages.setErrorHandler(pageErrorHandler(deps.sandbox));
    authorizeRoute(pages, deps);
    scaRoutes(pages, deps);
    done();
  });
}
