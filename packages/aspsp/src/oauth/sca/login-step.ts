import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PsuProfile } from '../../core/ports/core-banking.ts';
import { CoreBankingUnavailable } from '../../core/ports/core-banking.ts';
import { SCA_LOCKOUT } from '../../core/sca/sca-lockout.ts';
import type { ScaSession } from '../../core/sca/sca-session.ts';
import { hashSecret } from '../../security/secrets.ts';
import { LOCKED, refusedElement } from './check-factor.ts';
import { finish } from './finish.ts';
import { messages } from './messages.ts';
import { authenticatePayer } from './payment-authentication.ts';
import type { ScaDeps } from './sca-deps.ts';
import { field, openContext, type ScaContext } from './session-context.ts';
import { CANCELLED, stepView, UNAVAILABLE } from './step-outcomes.ts';
import { showLogin, showOtp } from './step-pages.ts';

/** An unknown online-banking id without a knowledge step: the fifth in a session ends the pass. True when it ended. */
async function unknownIdEnded(reply: FastifyReply, deps: ScaDeps, session: ScaSession): Promise<boolean> {
  const failures = session.failures + 1;
  if (failures < SCA_LOCKOUT.maxFailures) {
    await deps.sessions.update(session.id, { failures, lastActivityAt: deps.now() });
    return false;
  }
  reply.request.auditError = 'TOO_MANY_UNKNOWN_IDS';
  await finish(reply, deps, session, LOCKED);
  return true;
}

/** The attempt counter of an id no customer has: its hash, as ids are compared (trimmed, any case). */
function unknownCustomer(typed: string): string {
  return `unknown:${hashSecret(typed.trim().toUpperCase())}`;
}

/**
 * Id and password together (a bank with a knowledge step): an unknown id is refused like a wrong password,
 * counted and locked per typed id like a customer, so that the page tells no one which ids exist. True when
 * it answered.
 */
async function knowledgeRefused(
  reply: FastifyReply,
  deps: ScaDeps,
  context: ScaContext,
  typed: string,
  psu: PsuProfile | undefined,
): Promise<boolean> {
  const knowledge = deps.strongAuthentication.knowledge;
  if (!knowledge) return false;
  const password = field(context.form, 'password') ?? '';
  const answered = await refusedElement(reply, deps, context, psu?.psuId ?? unknownCustomer(typed), {
    check: async () => (psu ? knowledge.verify(psu, password) : false),
    endsAuthentication: false,
    wrong: psu ? 'WRONG_PASSWORD' : 'UNKNOWN_USER',
    retry: async () =>
      showLogin(reply, deps, await stepView(deps, context, messages(context.locale).wrongCredentials)),
  });
  return answered || !psu;
}

/**
 * `POST /sca/login`: the online-banking id (with a password when the bank runs a knowledge step), then an
 * SMS code is sent. A locked customer gets no SMS at all until the lock ends.
 */
export function loginStep(app: FastifyInstance, deps: ScaDeps): void {
  app.post('/sca/login', async (request, reply) => {
    const context = await openContext(request, reply, deps, 'login');
    if (!context) return reply;
    const { session, form } = context;
    if (field(form, 'action') === 'deny') return finish(reply, deps, session, CANCELLED);
    try {
      const typed = field(form, 'username') ?? '';
      const psu = await deps.coreBanking.findPsu(session.establishment, typed);
      if (psu) request.auditParties = { clientId: session.clientId, psuId: psu.psuId };
      if (await knowledgeRefused(reply, deps, context, typed, psu)) return reply;
      if (!psu) {
        request.auditError = 'UNKNOWN_USER';
        if (await unknownIdEnded(reply, deps, session)) return reply;
        return showLogin(reply, deps, await stepView(deps, context, messages(context.locale).unknownUser));
      }
      if (
        !deps.strongAuthentication.knowledge &&
        (await deps.scaAttempts.lockedUntil(psu.psuId, deps.now()))
      ) {
        request.auditError = 'SCA_LOCKED';
        return finish(reply, deps, session, LOCKED);
      }
      if (session.paymentRequestId !== undefined) {
        // Awaited here, so that the bank's systems failing on the way reach the catch below.
        await authenticatePayer(reply, deps, context, psu);
        return reply;
      }
      const challenge = await deps.strongAuthentication.challenge(psu);
      await deps.sessions.update(session.id, {
        step: 'otp',
        psuId: psu.psuId,
        failures: 0,
        lastActivityAt: deps.now(),
        otpDestination: challenge.maskedDestination,
      });
      return showOtp(reply, deps, await stepView(deps, context), challenge.maskedDestination);
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) return finish(reply, deps, session, UNAVAILABLE);
      throw error;
    }
  });
}
