import { stetOperation } from '@openstet/protocol';
import { initiatePayment } from '../../../core/payments/initiate-payment.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { parsePaymentRequest } from './payment-asked.ts';
import { halAnswer, type PaymentEndpointDeps, paymentDeps } from './payment-call.ts';
import { halPaymentRequestCreation } from './payment-creation.ts';
import { approvalUrl, paymentRequestPath } from './payment-links.ts';
import { initiationRefusalError } from './payment-refusal.ts';

/**
 * `POST /payment-requests` on both versions (client-credentials token, scope `pisp`): the request read by
 * schema and by what this bank takes (400 naming the field), recorded by the core (`received`), answered 201
 * with `Location` (the request on the mTLS listener, STET's `location` header) and the approval page where
 * the PISP sends the PSU. The same `paymentInformationId` posted again within 24 hours answers the same.
 */
export function paymentRequestsEndpoint(deps: PaymentEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('paymentRequestsPost'),
    async answer({ request, version, token }) {
      const { establishment } = request;
      const { asked, dateFields } = parsePaymentRequest({
        body: request.body,
        query: request.query,
        version,
        establishment: establishment.code,
        clientId: token.clientId,
      });
      const outcome = await initiatePayment(paymentDeps(deps), asked);
      if ('refusal' in outcome) throw initiationRefusalError(outcome.refusal, dateFields);
      const { id } = outcome.request;
      return {
        ...halAnswer(halPaymentRequestCreation(approvalUrl(establishment.publicUrl, id))),
        headers: { location: `${establishment.mtlsUrl}${paymentRequestPath(version, id)}` },
      };
    },
  };
}
