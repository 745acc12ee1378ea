import type { StetSchemas } from '@openstet/protocol';

/**
 * STET `PaymentInformationStatusCode`: `RCVD` waiting for the customer, `ACTC` approved (waiting for your
 * confirmation), `ACSP` confirmed and executing, `ACSC` settled, `PART` partly settled, `RJCT` rejected.
 */
export type PaymentInformationStatus = NonNullable<
  StetSchemas.PaymentRequestResource['paymentInformationStatus']
>;

/** One instruction of a payment request, as the bank reports it. */
export interface PaymentInstructionStatus {
  readonly instructionId: string;
  readonly endToEndId: string | undefined;
  /** STET `TransactionIndividualStatusCode`: `PDNG`, `ACSP`, `ACSC`, `RJCT`; none before the bank set one. */
  readonly status: string | undefined;
  /** With `RJCT`: STET `StatusReasonInformation` (`DS02` cancelled, …). */
  readonly reason: string | undefined;
  /** Decimal text as the bank wrote it (a number in 1.4.2 may lose trailing zeros: `50`). */
  readonly amount: string | undefined;
  readonly currency: string | undefined;
  readonly creditorName: string | undefined;
  readonly creditorIban: string | undefined;
  /** The requested (first) execution day, `YYYY-MM-DD`, when the request named one. */
  readonly executionDate: string | undefined;
}

/** A payment request and its statuses (`GET /payment-requests/{id}`, and a confirmation's answer). */
export interface PaymentRequestStatus {
  readonly id: string;
  readonly status: PaymentInformationStatus | undefined;
  /** With `RJCT`: `CUST` the customer refused, `NOAS` no answer, `DS02` cancelled, `MS03` refused by the bank, … */
  readonly reason: string | undefined;
  /** `false` when the bank found the funds short (STET CR179). */
  readonly fundsAvailability: boolean | undefined;
  /** The account the customer paid from (the one you named, or the one they chose). */
  readonly debtorIban: string | undefined;
  readonly instructions: readonly PaymentInstructionStatus[];
  /** The bank offers the `confirmation` link: the customer approved, your confirmation is awaited. */
  readonly awaitingConfirmation: boolean;
  readonly raw: unknown;
  readonly requestId: string;
}

type Json = Record<string, unknown>;
const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
const object = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});

function instructionStatus(raw: Json, fallbackBeneficiary: Json): PaymentInstructionStatus {
  const amount = object(raw.instructedAmount);
  const beneficiary = raw.beneficiary === undefined ? fallbackBeneficiary : object(raw.beneficiary);
  return {
    instructionId: String(object(raw.paymentId).instructionId ?? ''),
    endToEndId: text(object(raw.paymentId).endToEndId),
    status: text(raw.transactionStatus),
    reason: text(raw.statusReasonInformation),
    amount: text(amount.amount),
    currency: text(amount.currency),
    creditorName: text(object(beneficiary.creditor).name),
    creditorIban: text(object(beneficiary.creditorAccount).iban),
    executionDate: text(raw.requestedExecutionDate)?.slice(0, 10),
  };
}

/** Reads a STET `HalPaymentRequest` (both versions): what a TPP acts on, with the answer as it came. */
export function paymentRequestStatus(id: string, raw: unknown, requestId: string): PaymentRequestStatus {
  const hal = object(raw);
  const request = object(hal.paymentRequest);
  const beneficiary = object(request.beneficiary);
  const instructions = Array.isArray(request.creditTransferTransaction)
    ? request.creditTransferTransaction
    : [];
  return {
    id,
    status: text(request.paymentInformationStatus) as PaymentInformationStatus | undefined,
    reason: text(request.statusReasonInformation),
    fundsAvailability: typeof request.fundsAvailability === 'boolean' ? request.fundsAvailability : undefined,
    debtorIban: text(object(request.debtorAccount).iban),
    instructions: instructions.map((item) => instructionStatus(object(item), beneficiary)),
    awaitingConfirmation: object(hal._links).confirmation !== undefined,
    raw,
    requestId,
  };
}
