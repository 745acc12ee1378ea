import { stetOperation } from '@openstet/protocol';
import { confirmPayment } from '../../../core/payments/confirm-payment.ts';
import { Errors } from '../../../http/api-error.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { checkConfirmationBody } from './confirmation-body.ts';
import { halAnswer, ownPaymentRequest, type PaymentEndpointDeps, paymentDeps } from './payment-call.ts';
import { confirmationRefusalError } from './payment-refusal.ts';
import { halPaymentRequest } from './payment-request-resource.ts';

/**
 * `POST /payment-requests/{id}/confirmation` (both versions, client credentials) and, on 1.4.2,
 * `…/o-confirmation` (the access token the PISP got from the code the bank gave after the PSU's approval:
 * it must carry that approval's consent, a client-credentials token has none). The core executes the
 * request only after the PSU approved it, once (409 for a second confirmation); the answer is the
 * HalPaymentRequest with the statuses the execution reached.
 */
export function confirmationEndpoint(
  deps: PaymentEndpointDeps,
  id: 'paymentRequestConfirmationPost' | 'paymentRequestOConfirmationPost',
): StetEndpoint {
  const authorizationCode = id === 'paymentRequestOConfirmationPost';
  return {
    operation: stetOperation(id),
    async answer(call) {
      const { token } = call;
      checkConfirmationBody(call.request.body, call.version);
      if (authorizationCode && token.consentId === undefined)
        throw Errors.forbidden(
          'o-confirmation takes the token of the PSU approval (authorization code); confirm a client-credentials one at /confirmation',
        );
      const payment = paymentDeps(deps);
      const { request, document } = await ownPaymentRequest(payment, call);
      const confirmer = {
        establishment: request.establishment,
        clientId: token.clientId,
        ...(token.consentId !== undefined ? { consentId: token.consentId } : {}),
      };
      const outcome = await confirmPayment(payment, confirmer, request.id);
      if ('refusal' in outcome) throw confirmationRefusalError(outcome.refusal);
      return halAnswer(halPaymentRequest(outcome.confirmed, document));
    },
  };
}
