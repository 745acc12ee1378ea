import { AmountError, formatAmount, parseAmount } from '@openstet/protocol';
import type { PaymentRequest } from '../../../core/payments/payment-request.ts';
import { Errors } from '../../../http/api-error.ts';
import { withoutBankFields } from './bank-fields.ts';
import { firstDifference } from './first-difference.ts';
import type { StetPaymentDocument } from './payment-document.ts';

type Json = Readonly<Record<string, unknown>>;

/** The instructions a `PUT` cancels, or `repeated` when it asks again what is cancelled already (RFC 9110 §9.2.2). */
export type CancellationAsked = { readonly ids: readonly string[] } | { readonly repeated: true };

/** An amount as its value (`"12.5"`, `12.50` and `"12.50"` are one amount), so an echo is not a change. */
function amountValue(amount: unknown): unknown {
  const { currency, amount: value } = (amount ?? {}) as Json;
  try {
    return { currency, amount: formatAmount(parseAmount(String(value), String(currency))) };
  } catch (error) {
    if (error instanceof AmountError) return amount;
    throw error;
  }
}

/**
 * What a `PUT` may not change, as comparable values: the resource without the bank's fields and without
 * `creationDateTime` (the time of the message, not of the payment), amounts by value, and the debtor account
 * the PSU chose, which a `GET` shows, left out when the PISP named none.
 */
function comparable(resource: Json, chosenDebtor: Json | undefined): Json {
  const { creationDateTime: _time, ...rest } = withoutBankFields(resource);
  const instructions = (rest.creditTransferTransaction as Json[]).map((instruction) =>
    instruction.instructedAmount === undefined
      ? instruction
      : { ...instruction, instructedAmount: amountValue(instruction.instructedAmount) },
  );
  const echoed =
    chosenDebtor !== undefined && firstDifference(rest.debtorAccount, chosenDebtor) === undefined;
  const { debtorAccount: _debtor, ...withoutDebtor } = rest;
  return { ...(echoed ? withoutDebtor : rest), creditTransferTransaction: instructions };
}

const DS02 = 'the only change allowed is a cancellation (STET)';

/** The instructions marked `RJCT` + `DS02` that are not rejected yet; `RJCT` echoed on a rejected one is no change. */
function instructionsCancelled(request: PaymentRequest, body: Json): { ids: string[]; repeated: boolean } {
  const ids: string[] = [];
  let repeated = false;
  for (const [index, sent] of (body.creditTransferTransaction as Json[]).entries()) {
    const instruction = request.instructions[index];
    if (sent.transactionStatus !== 'RJCT' || !instruction) continue;
    if (instruction.status === 'rejected') {
      repeated ||= instruction.reason === 'cancelled' && sent.statusReasonInformation === 'DS02';
      continue;
    }
    if (sent.statusReasonInformation !== 'DS02')
      throw Errors.invalidBody(
        `creditTransferTransaction[${index}].statusReasonInformation must be DS02: ${DS02}`,
      );
    ids.push(instruction.instructionId);
  }
  return { ids, repeated };
}

/**
 * Reads a `PUT /payment-requests/{id}` (the whole resource again): STET allows only cancellation, of the
 * whole request (`paymentInformationStatus: RJCT`, `statusReasonInformation: DS02`) or of instructions
 * (`transactionStatus: RJCT` and `DS02` on each). "No other modification of the Payment/Transfer Request is
 * allowed": any other field that differs from the request posted is 400 FF01 naming it.
 */
export function cancellationAsked(
  request: PaymentRequest,
  document: StetPaymentDocument,
  body: Json,
): CancellationAsked {
  const kept = document.paymentRequest;
  const chosen =
    kept.debtorAccount === undefined && request.approval ? { iban: request.approval.debtorIban } : undefined;
  const difference = firstDifference(comparable(kept, undefined), comparable(body, chosen));
  if (difference !== undefined)
    throw Errors.invalidBody(`${difference || 'Body'} differs from the payment request: ${DS02}`);
  if (body.paymentInformationStatus === 'RJCT') {
    if (body.statusReasonInformation !== 'DS02')
      throw Errors.invalidBody(
        `statusReasonInformation must be DS02 with paymentInformationStatus RJCT: ${DS02}`,
      );
    if (request.status === 'rejected' && request.reason === 'cancelled') return { repeated: true };
    return { ids: request.instructions.map((instruction) => instruction.instructionId) };
  }
  const { ids, repeated } = instructionsCancelled(request, body);
  if (ids.length > 0) return { ids };
  if (repeated) return { repeated: true };
  throw Errors.invalidBody(
    'Nothing to do: cancel with paymentInformationStatus RJCT and DS02, or transactionStatus RJCT and DS02 on instructions',
  );
}
