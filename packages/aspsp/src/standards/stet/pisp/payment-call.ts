import { StetSchemas } from '@openstet/protocol';
import { currentRequest } from '../../../core/payments/current-request.ts';
import type { PaymentDeps } from '../../../core/payments/payment-deps.ts';
import type { PaymentRequest } from '../../../core/payments/payment-request.ts';
import type { CoreBanking } from '../../../core/ports/core-banking.ts';
import type { PaymentRequestStore } from '../../../core/ports/payment-store.ts';
import { Errors } from '../../../http/api-error.ts';
import type { StetCall } from '../stet-endpoint.ts';
import { type StetPaymentDocument, stetDocument } from './payment-document.ts';
import { paymentRequestPath } from './payment-links.ts';

/** What the PISP endpoints share: the requests, a connector per request (one deadline), the clock. */
export interface PaymentEndpointDeps {
  readonly payments: PaymentRequestStore;
  readonly coreBankingForRequest: () => CoreBanking;
  readonly now: () => Date;
}

/** One API request's payment deps: its connector, whose calls share the core-banking timeout. */
export function paymentDeps(deps: PaymentEndpointDeps): PaymentDeps {
  return { payments: deps.payments, coreBanking: deps.coreBankingForRequest(), now: deps.now };
}

/** Every PISP answer is HAL (STET Part I §3.6), serialised once so that the seal signs these bytes. */
export function halAnswer(body: string) {
  return { type: 'application/hal+json; charset=utf-8', body };
}

const RESOURCE_ID = new RegExp(StetSchemas.RESOURCE_ID_PATTERN);

/** The `paymentRequestResourceId` of the path, as routed. */
export function paymentIdParam(call: StetCall): string {
  return (call.request.params as { paymentRequestResourceId: string }).paymentRequestResourceId;
}

const notFound = () =>
  Errors.notFound('No payment request of yours has this paymentRequestResourceId: take it from the Location');

/**
 * The caller's payment request named in the path, as it stands now (`currentRequest`: expiry applied), and
 * its STET document. Another PISP's request is 404 like an unknown one: it is never revealed to exist. A
 * request is answered in the version it was posted on; the other version's path says where it is.
 */
export async function ownPaymentRequest(
  deps: PaymentDeps,
  call: StetCall,
): Promise<{ readonly request: PaymentRequest; readonly document: StetPaymentDocument }> {
  const id = paymentIdParam(call);
  if (!RESOURCE_ID.test(id)) throw notFound();
  const request = await currentRequest(deps, call.request.establishment.code, id);
  const document = request && stetDocument(request);
  if (!request || !document || request.clientId !== call.token.clientId) throw notFound();
  if (document.version !== call.version)
    throw Errors.notFound(
      `This payment request was posted on STET ${document.version}: call ${paymentRequestPath(document.version, id)}`,
    );
  return { request, document };
}
