import type { FastifyInstance, FastifyReply } from 'fastify';
import { CoreBankingUnavailable } from '../../core/ports/core-banking.ts';
import { refusedElement } from './check-factor.ts';
import { finish } from './finish.ts';
import { fill, messages } from './messages.ts';
import { waitingRequest } from './payment-outcome.ts';
import { showPaymentStep } from './payment-page.ts';
import type { ScaDeps } from './sca-deps.ts';
import { field, openContext, type ScaContext } from './session-context.ts';
import { CANCELLED, PAYMENT_NOT_WAITING, stepView, UNAVAILABLE } from './step-outcomes.ts';
import { showConsent, showOtp } from './step-pages.ts';

/** A payment approval after the SMS code: the payment step, if the request still waits for the PSU. */
async function toPaymentStep(reply: FastifyReply, deps: ScaDeps, context: ScaContext, psuId: string) {
  const request = await waitingRequest(deps, context.session);
  if (!request) return finish(reply, deps, context.session, PAYMENT_NOT_WAITING);
  await deps.sessions.update(context.session.id, {
    step: 'payment',
    failures: 0,
    lastActivityAt: deps.now(),
  });
  return showPaymentStep(reply, deps, context, { request, psuId });
}

/**
 * `POST /sca/otp`: the SMS code (possession, RTS Art. 7), counted by the core's lockout rule; a right code
 * ends the authentication and shows the consent page with the customer's current accounts, or on a payment
 * approval the payment step.
 */
export function otpStep(app: FastifyInstance, deps: ScaDeps): void {
  app.post('/sca/otp', async (request, reply) => {
    const context = await openContext(request, reply, deps, 'otp');
    if (!context) return reply;
    const { session, form } = context;
    if (field(form, 'action') === 'deny') return finish(reply, deps, session, CANCELLED);
    try {
      const psu = session.psuId ? await deps.coreBanking.psuById(session.psuId) : undefined;
      if (!psu) return finish(reply, deps, session, CANCELLED);
      const otp = field(form, 'otp') ?? '';
      const answered = await refusedElement(reply, deps, context, psu.psuId, {
        check: () => deps.strongAuthentication.verify(psu, otp),
        endsAuthentication: true,
        wrong: 'WRONG_OTP',
        retry: async (left) => {
          const error = fill(messages(context.locale).wrongOtp, { left });
          return showOtp(reply, deps, await stepView(deps, context, error), session.otpDestination ?? '');
        },
      });
      if (answered) return reply;
      if (session.paymentRequestId !== undefined) {
        // Awaited here, so that the bank's systems failing on the way reach the catch below.
        await toPaymentStep(reply, deps, context, psu.psuId);
        return reply;
      }
      await deps.sessions.update(session.id, { step: 'consent', failures: 0, lastActivityAt: deps.now() });
      const accounts = await deps.coreBanking.currentAccounts(psu.psuId);
      return showConsent(reply, deps, await stepView(deps, context), accounts);
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) return finish(reply, deps, session, UNAVAILABLE);
      throw error;
    }
  });
}
