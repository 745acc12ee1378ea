import type { CancellationRefusal } from '../../../core/payments/cancel-payment.ts';
import type { ConfirmationRefusal } from '../../../core/payments/confirm-payment.ts';
import type { InitiationRefusal } from '../../../core/payments/initiate-payment.ts';
import { PAYMENT_RULES } from '../../../core/payments/payment-rules.ts';
import { type ApiError, Errors } from '../../../http/api-error.ts';

/**
 * The core's refusal of a new request, as a 400 FF01 naming the field to change (`dateFields[i]`: where
 * instruction i's execution date was given), or 409 CONFLICT for a reference already used for another
 * request within 24 hours (STET CR191 for the maximum; the bank's limits are in `PAYMENT_RULES`).
 */
export function initiationRefusalError(refusal: InitiationRefusal, dateFields: readonly string[]): ApiError {
  const instruction = (index: number) => `creditTransferTransaction[${index}]`;
  switch (refusal.reason) {
    case 'too-many-instructions':
      return Errors.invalidBody(
        `numberOfTransactions: at most ${refusal.max} instructions in a request at this bank (CR191)`,
      );
    case 'mixed-currencies':
      return Errors.invalidBody('creditTransferTransaction: every instruction must be in the same currency');
    case 'date-in-the-past':
      return Errors.invalidBody(`${dateFields[refusal.index]} is in the past: today (UTC) or later`);
    case 'date-too-far':
      return Errors.invalidBody(
        `${dateFields[refusal.index]} is more than ${PAYMENT_RULES.maxDaysAhead} days ahead`,
      );
    case 'instant-not-immediate':
      return Errors.invalidBody(
        `${instruction(refusal.index)}: an instant payment (localInstrument INST) executes today, once`,
      );
    case 'end-before-start':
      return Errors.invalidBody(`${instruction(refusal.index)}.endDate is before the first execution date`);
    case 'same-reference-other-request':
      return Errors.conflict(
        'paymentInformationId was used in the last 24 hours for another payment request: give this one its own',
      );
  }
}

/** The core's refusal of a confirmation: 404 as for an unknown id, 409 for a state that cannot be confirmed. */
export function confirmationRefusalError(refusal: ConfirmationRefusal): ApiError {
  switch (refusal) {
    case 'not-found':
      return Errors.notFound('No payment request of yours has this paymentRequestResourceId');
    case 'not-approved':
      return Errors.paymentNotApproved(
        'The PSU has not approved this payment request (or its cancellation) at the consentApproval link yet',
      );
    case 'already-confirmed':
      return Errors.conflict('This payment request is confirmed already: it executes once');
    case 'rejected':
      return Errors.conflict('This payment request is rejected: GET it for its statusReasonInformation');
    case 'other-approval':
      return Errors.forbidden("This access token comes from another approval than this payment request's");
  }
}

/** The core's refusal of a cancellation: 409 when nothing is left to cancel, 400 for an instruction unknown. */
export function cancellationRefusalError(refusal: CancellationRefusal): ApiError {
  switch (refusal) {
    case 'final':
      return Errors.conflict('This payment request is settled or rejected: nothing is left to cancel');
    case 'executed':
      return Errors.conflict('This instruction is booked already: it can no longer be cancelled');
    case 'unknown-instruction':
      return Errors.invalidBody(
        'creditTransferTransaction: an instruction to cancel is not one of the request',
      );
  }
}
