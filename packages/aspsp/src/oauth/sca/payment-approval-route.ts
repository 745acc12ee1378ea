import type { FastifyInstance } from 'fastify';
import { currentRequest } from '../../core/payments/current-request.ts';
import { negotiateLocale } from './locale.ts';
import { messages } from './messages.ts';
import { openScaSession } from './open-session.ts';
import { sendPage } from './pages.ts';
import { isWaitingForPsu } from './payment-outcome.ts';
import { paymentSummary } from './payment-summary.ts';
import type { ScaDeps } from './sca-deps.ts';
import { showLogin } from './step-pages.ts';

/** The bank's request ids (hex) and any other standard's: letters, digits, `-` and `_`; anything else is unknown. */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `GET /payment-approval/:id`, the `consentApproval` link a payment request's answer gives the initiator
 * (STET Part I §4.4, REDIRECT approach): opens the customer's pass like /authorize does, for the request's
 * initiator and its `successfulReportUrl`, and shows the login page with the payment (RTS Art. 5(1)(a)). A
 * request no longer waiting for the customer gets the error page.
 */
export function paymentApprovalRoute(app: FastifyInstance, deps: ScaDeps): void {
  app.get('/payment-approval/:id', async (request, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    const { id } = request.params as { readonly id: string };
    const establishment = request.establishment.code;
    const payment = REQUEST_ID.test(id) ? await currentRequest(deps, establishment, id) : undefined;
    if (!payment || !isWaitingForPsu(payment)) {
      request.auditError = 'PAYMENT_NOT_WAITING';
      return sendPage(reply, 'error', {
        locale,
        status: 400,
        data: { message: messages(locale).paymentNotWaiting, sandbox: deps.sandbox },
      });
    }
    request.auditParties = { clientId: payment.clientId };
    const { session, csrf } = await openScaSession(reply, deps, {
      clientId: payment.clientId,
      establishment,
      redirectUri: payment.successUrl,
      scopes: ['pisp'],
      state: undefined,
      codeChallenge: undefined,
      paymentRequestId: payment.id,
    });
    // The initiator's name from the register of licensed TPPs, as on every step (`stepView`).
    const clientName = (await deps.licence(payment.clientId))?.name ?? payment.clientId;
    const summary = paymentSummary(payment, locale, clientName);
    return showLogin(reply, deps, { session, csrf, locale, clientName, payment: summary });
  });
}
