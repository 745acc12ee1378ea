import type { PaymentRequest } from '../../../core/payments/payment-request.ts';
import type { StetPaymentDocument } from './payment-document.ts';
import { paymentRequestLinks } from './payment-links.ts';
import { fundsAndBooking, INSTRUCTION_STATUS, REJECTION_REASON, requestStatus } from './payment-status.ts';

type Json = Record<string, unknown>;

/** One instruction as sent, with the bank's id (`paymentId.resourceId`) and its status (the reason only with RJCT). */
function instructionResource(request: PaymentRequest, sent: Json, index: number): Json {
  const instruction = request.instructions[index];
  if (!instruction) return sent;
  return {
    ...sent,
    paymentId: { resourceId: `${request.id}-${index + 1}`, ...(sent.paymentId as Json) },
    transactionStatus: INSTRUCTION_STATUS[instruction.status],
    ...(instruction.status === 'rejected' && instruction.reason
      ? { statusReasonInformation: REJECTION_REASON[instruction.reason] }
      : {}),
  };
}

/**
 * STET `HalPaymentRequest` (`GET /payment-requests/{id}`, and the answer to a confirmation): the request as
 * the PISP posted it "enriched with the resource identifiers given by the ASPSP [and] the status information
 * of the Payment Request and of the subsequent credit transfer" (STET §4.6), the debtor account the PSU chose,
 * and the links of the version it was posted on. Serialised here so the bank's seal covers these bytes.
 */
export function halPaymentRequest(request: PaymentRequest, document: StetPaymentDocument): string {
  const sent = document.paymentRequest;
  const debtorIban = request.approval?.debtorIban;
  const paymentRequest = {
    resourceId: request.id,
    ...sent,
    ...requestStatus(request),
    ...fundsAndBooking(request),
    ...(debtorIban
      ? { debtorAccount: { ...(sent.debtorAccount as Json | undefined), iban: debtorIban } }
      : {}),
    supplementaryData: { ...(sent.supplementaryData as Json), appliedAuthenticationApproach: 'REDIRECT' },
    creditTransferTransaction: (sent.creditTransferTransaction as Json[]).map((instruction, index) =>
      instructionResource(request, instruction, index),
    ),
  };
  return JSON.stringify({ paymentRequest, _links: paymentRequestLinks(request, document.version) });
}
