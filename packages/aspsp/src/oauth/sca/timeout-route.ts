import type { FastifyInstance } from 'fastify';
import { hashSecret } from '../../security/secrets.ts';
import { finish, inactivityOutcome } from './finish.ts';
import { negotiateLocale } from './locale.ts';
import { messages } from './messages.ts';
import { sendPage } from './pages.ts';
import { readSessionCookie } from './sca-cookie.ts';
import type { ScaDeps } from './sca-deps.ts';

/**
 * `GET /sca/timeout`, reached by the pages' <meta http-equiv="refresh"> after the inactivity delay (RTS
 * Art. 4(3)(d)): works without JavaScript, and the TPP gets the customer back with an error.
 */
export function timeoutRoute(app: FastifyInstance, deps: ScaDeps): void {
  app.get('/sca/timeout', async (request, reply) => {
    const cookie = readSessionCookie(request.headers.cookie);
    const found = cookie ? await deps.sessions.findByCookie(hashSecret(cookie)) : undefined;
    // As on every step: a session opened at one establishment's host never ends at another's.
    const session = found?.establishment === request.establishment.code ? found : undefined;
    if (session) request.auditParties = { clientId: session.clientId, psuId: session.psuId };
    request.auditError = session ? 'INACTIVE' : 'SESSION_UNKNOWN';
    if (!session) {
      const locale = negotiateLocale(request.headers['accept-language']);
      return sendPage(reply, 'error', {
        locale,
        status: 400,
        data: { message: messages(locale).sessionExpired, sandbox: deps.sandbox },
      });
    }
    return finish(reply, deps, session, inactivityOutcome(deps.inactivitySeconds));
  });
}
