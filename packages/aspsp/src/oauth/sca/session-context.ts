import type { FastifyReply, FastifyRequest } from 'fastify';
import { isInactive, type ScaSession, type ScaStep } from '../../core/sca/sca-session.ts';
import { hashSecret, sameSecret } from '../../security/secrets.ts';
import { finish, inactivityOutcome } from './finish.ts';
import { type Locale, negotiateLocale } from './locale.ts';
import { messages } from './messages.ts';
import { sendPage } from './pages.ts';
import { readSessionCookie } from './sca-cookie.ts';
import type { ScaDeps } from './sca-deps.ts';

export type Form = Readonly<Record<string, string | string[] | undefined>>;

export interface ScaContext {
  readonly session: ScaSession;
  readonly form: Form;
  readonly locale: Locale;
}

/** A form field as a string; anything else (a JSON body, a repeated field's extra values) is ignored. */
export function field(form: Form, name: string): string | undefined {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/**
 * Loads the session behind a form post and checks it: cookie known, CSRF token of this session
 * (synchronizer token), the expected step, and no more than the allowed inactivity (RTS Art. 4(3)(d)) —
 * in which case the customer goes back to the TPP with `access_denied`. Answers and returns undefined
 * when the request must go no further.
 */
export async function openContext(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ScaDeps,
  step: ScaStep,
): Promise<ScaContext | undefined> {
  const locale = negotiateLocale(request.headers['accept-language']);
  const text = messages(locale);
  const cookie = readSessionCookie(request.headers.cookie);
  const found = cookie ? await deps.sessions.findByCookie(hashSecret(cookie)) : undefined;
  // A session opened at one establishment's host never continues at another's.
  const session = found?.establishment === request.establishment.code ? found : undefined;
  if (session) request.auditParties = { clientId: session.clientId, psuId: session.psuId };
  if (!session) {
    request.auditError = 'SESSION_UNKNOWN';
    await sendPage(reply, 'error', {
      locale,
      status: 400,
      data: { message: text.sessionExpired, sandbox: deps.sandbox },
    });
    return undefined;
  }
  const form = (request.body ?? {}) as Form;
  const csrf = field(form, 'csrf');
  if (!csrf || !sameSecret(hashSecret(csrf), session.csrfHash) || session.step !== step) {
    request.auditError = 'CSRF_OR_STEP_INVALID';
    await sendPage(reply, 'error', {
      locale,
      status: 403,
      data: { message: text.sessionExpired, sandbox: deps.sandbox },
    });
    return undefined;
  }
  if (isInactive(session, deps.now(), deps.inactivitySeconds)) {
    request.auditError = 'INACTIVE';
    await finish(reply, deps, session, inactivityOutcome(deps.inactivitySeconds));
    return undefined;
  }
  return { session, form, locale };
}
