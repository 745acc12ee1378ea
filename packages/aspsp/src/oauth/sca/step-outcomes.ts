import type { PaymentRequest } from '../../core/payments/payment-request.ts';
import { paymentSummary } from './payment-summary.ts';
import type { ScaDeps } from './sca-deps.ts';
import type { ScaContext } from './session-context.ts';
import { field } from './session-context.ts';
import type { StepView } from './step-pages.ts';

/** "Annuler" (`action=deny`) on the login or SMS step. */
export const CANCELLED = {
  error: 'access_denied',
  description: 'The customer cancelled at the bank',
  refusal: 'customer-refused',
} as const;

/** "Refuser" on the consent step. */
export const REFUSED = {
  error: 'access_denied',
  description: 'The customer refused the consent',
  refusal: 'customer-refused',
} as const;

/** "Refuser" on the payment step (STET: the request is rejected, RJCT). */
export const PAYMENT_REFUSED = {
  error: 'access_denied',
  description: 'The customer refused the payment',
  refusal: 'customer-refused',
} as const;

/** The request was approved, refused, cancelled or expired meanwhile: nothing left to approve. */
export const PAYMENT_NOT_WAITING = {
  error: 'access_denied',
  description: 'The payment request is no longer waiting for the customer’s approval',
} as const;

/**
 * The request changed after the customer's authentication (amount, payee, dates): that authentication does not
 * approve it (RTS Art. 5(1)(d), 5(3)); the request waits for a new approval.
 */
export const PAYMENT_CHANGED = {
  error: 'access_denied',
  description:
    'The payment request changed after the customer authenticated: a new approval is needed (RTS Art. 5)',
} as const;

/** The bank's systems did not answer: the TPP gets the customer back with an error it can retry on. */
export const UNAVAILABLE = {
  error: 'temporarily_unavailable',
  description: "The bank's systems did not answer: try again later",
} as const;

/**
 * What every step page shows: the session, its CSRF token, the language and the TPP's name, and on a payment
 * approval the payment (RTS Art. 5(1)(a)): `request` as the step read it, or as it stands now.
 */
export async function stepView(
  deps: ScaDeps,
  context: ScaContext,
  error?: string,
  request?: PaymentRequest,
): Promise<StepView> {
  // The name from the register of licensed TPPs, not the self-declared client_name (the PSU trusts it).
  const licence = await deps.licence(context.session.clientId);
  const clientName = licence?.name ?? context.session.clientId;
  const { paymentRequestId, establishment } = context.session;
  const payment =
    request ??
    (paymentRequestId === undefined ? undefined : await deps.payments.find(establishment, paymentRequestId));
  return {
    session: context.session,
    csrf: field(context.form, 'csrf') ?? '',
    locale: context.locale,
    clientName,
    ...(error ? { error } : {}),
    ...(payment ? { payment: paymentSummary(payment, context.locale, clientName) } : {}),
  };
}
