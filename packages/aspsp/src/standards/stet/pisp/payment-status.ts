import type {
  InstructionStatus,
  PaymentRequest,
  PaymentStatus,
  RejectionReason,
} from '../../../core/payments/payment-request.ts';

/** ISO 20022 PaymentInformationStatusCode of each state of a request (STET §4.6). */
const REQUEST_STATUS: Readonly<Record<PaymentStatus, string>> = {
  received: 'RCVD',
  approved: 'ACTC',
  accepted: 'ACSP',
  settled: 'ACSC',
  rejected: 'RJCT',
};

/** ISO 20022 TransactionIndividualStatusCode of each state of an instruction (STET restricts it to these four). */
export const INSTRUCTION_STATUS: Readonly<Record<InstructionStatus, string>> = {
  waiting: 'PDNG',
  accepted: 'ACSP',
  settled: 'ACSC',
  rejected: 'RJCT',
};

/**
 * The STET `StatusReasonInformation` of each rejection, from the codes STET's enum allows (only with RJCT):
 * - `CUST`, `NOAS`, `DS02`: refused by the PSU, unanswered, cancelled by the PISP, as STET names them;
 * - a failed strong authentication: `MS03` "NotSpecifiedReasonAgentGenerated". No code of the enum says
 *   "authentication failed"; `FRAD` would accuse the PSU of fraud, `CUST` would say they asked for it;
 * - an account that cannot be debited at execution (closed or blocked since the approval): `AC06`
 *   "BlockedAccount", posting is prohibited on it. `AC04` "ClosedAccountNumber" would be wrong for a
 *   blocked account, `AC06` is right for both;
 * - insufficient funds: ISO 20022 `AM04` is not in STET's enum, so `MS03`, with `fundsAvailability: false`
 *   (CR179) saying why;
 * - an approval the PISP did not confirm in time: `MS03` too (`NOAS` names the customer's silence, not the
 *   initiator's).
 */
export const REJECTION_REASON: Readonly<Record<RejectionReason, string>> = {
  'customer-refused': 'CUST',
  'no-answer': 'NOAS',
  'not-confirmed': 'MS03',
  'authentication-failed': 'MS03',
  cancelled: 'DS02',
  'insufficient-funds': 'MS03',
  'account-unavailable': 'AC06',
};

/**
 * The request's `paymentInformationStatus` and its reason: `PART` for a request settled but for instructions
 * rejected (ISO 20022 "PartiallyAccepted"), the reason only with `RJCT`.
 */
export function requestStatus(request: PaymentRequest): {
  readonly paymentInformationStatus: string;
  readonly statusReasonInformation?: string;
} {
  if (request.status === 'rejected')
    return request.reason === undefined
      ? { paymentInformationStatus: 'RJCT' }
      : { paymentInformationStatus: 'RJCT', statusReasonInformation: REJECTION_REASON[request.reason] };
  const partial =
    request.status === 'settled' &&
    request.instructions.some((instruction) => instruction.status === 'rejected');
  return { paymentInformationStatus: partial ? 'PART' : REQUEST_STATUS[request.status] };
}

/**
 * CR179 / CR180, where the bank knows them: `fundsAvailability` false when an execution was refused for lack
 * of funds, true once an execution went through; `booking` true when the request is settled (every execution
 * booked), false while it is accepted (debits pending, dates to come).
 */
export function fundsAndBooking(request: PaymentRequest): { fundsAvailability?: boolean; booking?: boolean } {
  const { instructions, status } = request;
  const shortOfFunds = instructions.some((instruction) => instruction.reason === 'insufficient-funds');
  const executed = instructions.some((instruction) => instruction.executions > 0);
  return {
    ...(shortOfFunds ? { fundsAvailability: false } : executed ? { fundsAvailability: true } : {}),
    ...(status === 'settled' ? { booking: true } : status === 'accepted' ? { booking: false } : {}),
  };
}
