import type { FastifyInstance } from 'fastify';
import { giveConsent } from '../../core/consent/give-consent.ts';
import { CoreBankingUnavailable } from '../../core/ports/core-banking.ts';
import { finish, finishWithCode } from './finish.ts';
import { messages } from './messages.ts';
import type { ScaDeps } from './sca-deps.ts';
import { field, openContext } from './session-context.ts';
import { REFUSED, stepView, UNAVAILABLE } from './step-outcomes.ts';
import { showConsent } from './step-pages.ts';

/**
 * `POST /sca/consent`: the accounts the customer ticks become the consent (`core/consent/give-consent.ts`),
 * then a single-use authorization code bound to it goes back to the TPP (`finishWithCode`).
 */
export function consentStep(app: FastifyInstance, deps: ScaDeps): void {
  app.post('/sca/consent', async (request, reply) => {
    const context = await openContext(request, reply, deps, 'consent');
    if (!context) return reply;
    const { session, form } = context;
    if (field(form, 'action') === 'deny') return finish(reply, deps, session, REFUSED);
    try {
      const psuId = session.psuId ?? '';
      const offered = await deps.coreBanking.currentAccounts(psuId);
      const now = deps.now();
      const consent = await giveConsent(deps.consents, {
        psuId,
        establishment: session.establishment,
        clientId: session.clientId,
        scopes: session.scopes,
        offered: offered.map((account) => account.iban),
        chosen: [form.accounts ?? []].flat().filter((value) => typeof value === 'string'),
        scaAt: now,
      });
      if (!consent) {
        await deps.sessions.update(session.id, { lastActivityAt: now });
        const error = messages(context.locale).noAccountChosen;
        return showConsent(reply, deps, await stepView(deps, context, error), offered);
      }
      return finishWithCode(reply, deps, session, consent.id);
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) return finish(reply, deps, session, UNAVAILABLE);
      throw error;
    }
  });
}
