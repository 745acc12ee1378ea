import { refusePayment } from '../../core/payments/approve-payment.ts';
import { currentRequest } from '../../core/payments/current-request.ts';
import type { PaymentRequest, RejectionReason } from '../../core/payments/payment-request.ts';
import type { ScaSession } from '../../core/sca/sca-session.ts';
import { isCancellation } from './payment-summary.ts';
import type { ScaDeps } from './sca-deps.ts';

/** Why a payment approval ended without the PSU's approval, as the request records it. */
export type PsuRefusal = Extract<RejectionReason, 'customer-refused' | 'no-answer' | 'authentication-failed'>;

/** A request the PSU can still approve: received, or a cancellation of a confirmed one not yet approved. */
export function isWaitingForPsu(request: PaymentRequest): boolean {
  if (request.status === 'received') return true;
  return isCancellation(request) && request.modification?.approvedAt === undefined;
}

/** The session's payment request as it stands now, if it still waits for the PSU. */
export async function waitingRequest(
  deps: ScaDeps,
  session: ScaSession,
): Promise<PaymentRequest | undefined> {
  if (session.paymentRequestId === undefined) return undefined;
  const request = await currentRequest(deps, session.establishment, session.paymentRequestId);
  return request && isWaitingForPsu(request) ? request : undefined;
}

/**
 * A payment approval that ends without an approval: the request records why (`refusal`: the PSU refused,
 * left the pages idle, failed the authentication; none when the bank's systems failed, the request stays as
 * it is) and the browser goes to the initiator's `unsuccessfulReportUrl`. A request no longer waiting (approved
 * meanwhile in another tab) is left as it is. Retried when another node changed the request at once.
 */
export async function paymentFailureUrl(
  deps: ScaDeps,
  session: ScaSession,
  refusal: PsuRefusal | undefined,
): Promise<string> {
  const id = session.paymentRequestId ?? '';
  let url = session.redirectUri;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const request = await currentRequest(deps, session.establishment, id);
    if (!request) return url;
    url = request.failureUrl;
    if (!refusal || !isWaitingForPsu(request)) return url;
    if (await refusePayment(deps, request, refusal)) return url;
  }
  return url;
}
