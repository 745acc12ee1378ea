import { stetOperation } from '@openstet/protocol';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { halAnswer, ownPaymentRequest, type PaymentEndpointDeps, paymentDeps } from './payment-call.ts';
import { halPaymentRequest } from './payment-request-resource.ts';

/**
 * `GET /payment-requests/{paymentRequestResourceId}` on both versions (scope `pisp`): the request as posted,
 * with the bank's ids, statuses and reasons (STET §4.6), as it stands now (an unapproved request past its
 * deadline reads RJCT NOAS). Kept `PAYMENT_RULES.keptDays` (STET: at least 30 days).
 */
export function paymentRequestEndpoint(deps: PaymentEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('paymentRequestsGet'),
    async answer(call) {
      const { request, document } = await ownPaymentRequest(paymentDeps(deps), call);
      return halAnswer(halPaymentRequest(request, document));
    },
  };
}
