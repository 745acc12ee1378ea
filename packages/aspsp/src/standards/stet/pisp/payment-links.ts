import type { StetVersion } from '@openstet/protocol';
import type { PaymentRequest } from '../../../core/payments/payment-request.ts';

/**
 * The path of a payment request on the API (`/stet/psd2/<version>/payment-requests/<id>`): the HAL hrefs
 * are path-absolute, as the account-information ones (ADR 0006), well within a GenericLink's 140 characters.
 */
export function paymentRequestPath(version: StetVersion, id: string): string {
  return `/stet/psd2/${version}/payment-requests/${id}`;
}

/**
 * The page where the PSU approves a request (or its cancellation) on the establishment's public listener:
 * STET REDIRECT's `_links.consentApproval`.
 */
export function approvalUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/payment-approval/${id}`;
}

/** Whether the initiator's confirmation is awaited: the PSU approved the request, or a cancellation of it. */
export function awaitsConfirmation(request: PaymentRequest): boolean {
  return request.status === 'approved' || request.modification?.approvedAt !== undefined;
}

/**
 * STET `PaymentRequestLinks`: the request itself (`self` on 1.4.0.47, `request` on 1.4.2) and
 * `confirmation` while a confirmation is awaited ("shall not been provided when the confirmation has already
 * been posted").
 */
export function paymentRequestLinks(request: PaymentRequest, version: StetVersion) {
  const path = paymentRequestPath(version, request.id);
  return {
    [version === 'v1' ? 'self' : 'request']: { href: path },
    ...(awaitsConfirmation(request) ? { confirmation: { href: `${path}/confirmation` } } : {}),
  };
}
