import type { FastifyInstance } from 'fastify';
import { CoreBankingUnavailable } from '../../core/ports/core-banking.ts';
import { refusedElement } from './check-factor.ts';
import { finish } from './finish.ts';
import { fill, messages } from './messages.ts';
import type { ScaDeps } from './sca-deps.ts';
import { field, openContext } from './session-context.ts';
import { CANCELLED, stepView, UNAVAILABLE } from './step-outcomes.ts';
import { showConsent, showOtp } from './step-pages.ts';

/**
 * `POST /sca/otp`: the SMS code (possession, RTS Art. 7), counted by the core's lockout rule; a right code
 * ends the authentication and shows the consent page with the customer's current accounts.
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
      await deps.sessions.update(session.id, { step: 'consent', failures: 0, lastActivityAt: deps.now() });
      const accounts = await deps.coreBanking.currentAccounts(psu.psuId);
      return showConsent(reply, deps, await stepView(deps, context), accounts);
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) return finish(reply, deps, session, UNAVAILABLE);
      throw error;
    }
  });
}
