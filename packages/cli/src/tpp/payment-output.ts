import type { PaymentRequestStatus } from '@openstet/tpp';
import { type Paint, paintFor, printJson } from '../output.ts';

/** STET PaymentInformationStatusCode, in words (ISO 20022 External Status Reason codes). */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  RCVD: 'waiting for the customer to approve it at the bank',
  ACTC: 'approved by the customer, waiting for your confirmation',
  ACSP: 'confirmed: executing (pending on the account, or an execution date to come)',
  ACSC: 'settled: booked on the account',
  PART: 'partly settled: some instructions rejected',
  RJCT: 'rejected',
};

/** STET StatusReasonInformation, in words (only with RJCT). */
const REASON_WORDS: Readonly<Record<string, string>> = {
  CUST: 'the customer refused',
  NOAS: 'no answer from the customer in time',
  DS02: 'cancelled by the initiator',
  MS03: 'refused by the bank',
  AC04: 'the account is closed',
  AC06: 'the account is blocked',
  FRAD: 'suspected fraud',
};

/** `RJCT (DS02: cancelled by the initiator)`: the codes, and what they mean. */
export function describeStatus(
  payment: Pick<PaymentRequestStatus, 'status' | 'reason' | 'fundsAvailability'>,
) {
  const status = payment.status ?? 'no status';
  const funds = payment.fundsAvailability === false ? ', funds short' : '';
  const reason = payment.reason
    ? ` (${payment.reason}: ${REASON_WORDS[payment.reason] ?? 'see STET'}${funds})`
    : '';
  return `${status}${reason} — ${STATUS_WORDS[status] ?? 'see STET PaymentInformationStatusCode'}`;
}

/** A status in colour: green once accepted, red when rejected, yellow while it waits. */
function painted(paint: Paint, payment: PaymentRequestStatus): string {
  const text = describeStatus(payment);
  if (payment.status === 'RJCT') return paint.red(text);
  return payment.status === 'ACSP' || payment.status === 'ACSC' ? paint.green(text) : paint.yellow(text);
}

/** The request as a person reads it: its status, then one line per instruction. */
export function printPayment(payment: PaymentRequestStatus): void {
  const paint = paintFor(process.stdout);
  const lines = [`Payment request ${payment.id}: ${painted(paint, payment)}`];
  for (const instruction of payment.instructions) {
    const from = payment.debtorIban ? ` from ${payment.debtorIban}` : '';
    const on = instruction.executionDate ? ` on ${instruction.executionDate}` : '';
    const status = instruction.status
      ? `  [${instruction.status}${instruction.reason ? ` ${instruction.reason}` : ''}]`
      : '';
    lines.push(
      `  ${instruction.amount ?? '?'} ${instruction.currency ?? ''} to ${instruction.creditorName ?? '?'} ${instruction.creditorIban ?? ''}${from}${on}${status}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The request as JSON: what a script acts on, the bank's answer under `answer`. */
export function paymentJson(payment: PaymentRequestStatus, more: Readonly<Record<string, unknown>> = {}) {
  const { raw, ...shown } = payment;
  return { ...shown, ...more, answer: raw };
}

export function printPaymentJson(
  payment: PaymentRequestStatus,
  more: Readonly<Record<string, unknown>> = {},
) {
  printJson(paymentJson(payment, more));
}
