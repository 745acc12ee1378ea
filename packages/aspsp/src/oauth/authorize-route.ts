import type { FastifyInstance } from 'fastify';
import { hashSecret, randomSecret } from '../security/secrets.ts';
import { BankPageError, RedirectError, validateAuthorize } from './authorize-request.ts';
import { tppRedirectUrl } from './sca/finish.ts';
import { negotiateLocale } from './sca/locale.ts';
import { messages } from './sca/messages.ts';
import { sendPage } from './sca/pages.ts';
import { sessionCookie } from './sca/sca-cookie.ts';
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
      const cookie = randomSecret();
      const csrf = randomSecret();
      const session = {
        id: randomSecret(),
        cookieHash: hashSecret(cookie),
        csrfHash: hashSecret(csrf),
        clientId: authorization.clientId,
        establishment: request.establishment.code,
        redirectUri: authorization.redirectUri,
        scopes: authorization.scopes,
        state: authorization.state,
        codeChallenge: authorization.codeChallenge,
        step: 'login' as const,
        psuId: undefined,
        failures: 0,
        otpDestination: undefined,
        lastActivityAt: deps.now(),
      };
      // Sessions abandoned for an hour (tab closed) are removed as new ones open.
      await deps.sessions.deleteIdleSince(new Date(deps.now().getTime() - 3_600_000));
      await deps.sessions.create(session);
      reply.header('set-cookie', sessionCookie(cookie, 3600));
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
