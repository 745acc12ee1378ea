import type { FastifyInstance } from 'fastify';
import { BankPageError, RedirectError, validateAuthorize } from './authorize-request.ts';
import { tppRedirectUrl } from './sca/finish.ts';
import { negotiateLocale } from './sca/locale.ts';
import { messages } from './sca/messages.ts';
import { openScaSession } from './sca/open-session.ts';
import { sendPage } from './sca/pages.ts';
import type { ScaDeps } from './sca/sca-deps.ts';
import { showLogin } from './sca/step-pages.ts';

/**
 * `GET /authorize` (RFC 6749 §4.1.1, STET Part I §3.4.3): checks the request, opens the customer's
 * session at the bank and shows the login page directly — no redirect, so the SameSite=Strict session
 * cookie set here is sent with the forms that follow.
 */
export function authorizeRoute(app: FastifyInstance, deps: ScaDeps): void {
  app.get('/authorize', async (request, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    try {
      const authorization = await validateAuthorize(request.query as Record<string, string | string[]>, deps);
      request.auditParties = { clientId: authorization.clientId };
      const { session, csrf } = await openScaSession(reply, deps, {
        clientId: authorization.clientId,
        establishment: request.establishment.code,
        redirectUri: authorization.redirectUri,
        scopes: authorization.scopes,
        state: authorization.state,
        codeChallenge: authorization.codeChallenge,
        paymentRequestId: undefined,
      });
      return showLogin(reply, deps, { session, csrf, locale, clientName: authorization.clientName });
    } catch (error) {
      if (error instanceof BankPageError) {
        request.auditError = 'INVALID_AUTHORIZATION_REQUEST';
        return sendPage(reply, 'error', {
          locale,
          status: 400,
          data: { message: error.message, title: messages(locale).errorTitle, sandbox: deps.sandbox },
        });
      }
      if (error instanceof RedirectError) {
        request.auditError = error.code;
        request.auditParties = { clientId: error.clientId };
        const parameters = {
          error: error.code,
          error_description: error.description,
          state: error.state,
          iss: request.establishment.publicUrl,
        };
        return reply
          .header('cache-control', 'no-store')
          .redirect(tppRedirectUrl(error.redirectUri, parameters), 303);
      }
      throw error;
    }
  });
}
