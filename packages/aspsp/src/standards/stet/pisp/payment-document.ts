import type { StetVersion } from '@openstet/protocol';
import type { PaymentRequest } from '../../../core/payments/payment-request.ts';

type Json = Record<string, unknown>;

/**
 * What the STET adapter keeps of a payment request as the PISP sent it (`PaymentRequest.document`, which
 * the core never reads): the STET version it was posted on (it is answered in that version only), the
 * `ui_locales` of a 1.4.2 post (the language the approval pages open in), and the PaymentRequestResource
 * without the fields the bank sets (`withoutBankFields`). Two posts under one `paymentInformationId` are the
 * same request when these are equal.
 */
export interface StetPaymentDocument {
  readonly standard: 'stet';
  readonly version: StetVersion;
  /** STET 1.4.2 `ui_locales` as given (space-separated language tags, e.g. `fr` or `en fr`). */
  readonly uiLocales?: string;
  readonly paymentRequest: Json;
}

/** The STET document of a request, or undefined for a request another standard recorded. */
export function stetDocument(request: PaymentRequest): StetPaymentDocument | undefined {
  const document = request.document as Partial<StetPaymentDocument> | null;
  return document?.standard === 'stet' ? (document as StetPaymentDocument) : undefined;
}

/**
 * The languages the PSU's pages should use for a request, as its initiator asked (STET 1.4.2 `ui_locales`,
 * OpenID Connect style: space-separated BCP 47 tags in order of preference), or undefined.
 */
export function paymentUiLocales(request: PaymentRequest): string | undefined {
  return stetDocument(request)?.uiLocales;
}
