import { stetOperation } from '@openstet/protocol';
import { cancelPayment } from '../../../core/payments/cancel-payment.ts';
import type { PaymentRequest } from '../../../core/payments/payment-request.ts';
import type { StetEndpoint } from '../stet-endpoint.ts';
import { checkedPaymentBody } from './payment-body.ts';
import { halAnswer, ownPaymentRequest, type PaymentEndpointDeps, paymentDeps } from './payment-call.ts';
import { cancellationAsked } from './payment-cancellation.ts';
import { halPaymentRequestCreation } from './payment-creation.ts';
import { approvalUrl } from './payment-links.ts';
import { cancellationRefusalError } from './payment-refusal.ts';

/** Whether the PSU has something to approve: the request itself, or a cancellation of it. */
function awaitsPsu(request: PaymentRequest): boolean {
  return (
    request.status === 'received' || (request.modification !== undefined && !request.modification.approvedAt)
  );
}

/** The same cancellation asked again while it waits for the PSU: answered as is, its approval kept. */
function waitingAlready(request: PaymentRequest, ids: readonly string[]): boolean {
  const cancel = request.modification?.cancel;
  return cancel !== undefined && cancel.length === ids.length && ids.every((id) => cancel.includes(id));
}

/**
 * `PUT /payment-requests/{paymentRequestResourceId}` on both versions (scope `pisp`): the cancellation of a
 * request or of some instructions, the only change STET allows (`cancellationAsked`). Applied at once when
 * nothing approved is left to move; otherwise the PSU approves it at `_links.consentApproval` (RTS Art. 5(3))
 * and the PISP confirms it. A settled or rejected request is 409.
 */
export function cancellationEndpoint(deps: PaymentEndpointDeps): StetEndpoint {
  return {
    operation: stetOperation('paymentRequestPut'),
    async answer(call) {
      const body = checkedPaymentBody(call.request.body, call.version);
      const payment = paymentDeps(deps);
      const { request, document } = await ownPaymentRequest(payment, call);
      const asked = cancellationAsked(request, document, body);
      const approval = approvalUrl(call.request.establishment.publicUrl, request.id);
      if ('repeated' in asked)
        return halAnswer(halPaymentRequestCreation(awaitsPsu(request) ? approval : undefined));
      if (waitingAlready(request, asked.ids)) return halAnswer(halPaymentRequestCreation(approval));
      const outcome = await cancelPayment(payment, request, asked.ids);
      if ('refusal' in outcome) throw cancellationRefusalError(outcome.refusal);
      return halAnswer(halPaymentRequestCreation('needsApproval' in outcome ? approval : undefined));
    },
  };
}
