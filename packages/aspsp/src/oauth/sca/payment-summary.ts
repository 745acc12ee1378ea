import { addMoney, type Money, parseAmount } from '@openstet/protocol';
import type { PaymentInstruction, PaymentRequest } from '../../core/payments/payment-request.ts';
import type { TransactionToSign } from '../../core/ports/strong-authentication.ts';
import { displayAmount, displayDate, displayIban } from './display-formats.ts';
import type { Locale } from './locale.ts';
import { fill, messages } from './messages.ts';

/** One instruction as the pages show it. */
export interface PaymentLine {
  readonly amount: string;
  readonly creditorName: string;
  readonly creditorIban: string;
  readonly executionDate: string;
  /** A standing order's frequency and end, none for a one-off payment. */
  readonly schedule: string | undefined;
  readonly remittance: string;
}

/** What every step page of a payment approval shows (RTS Art. 5(1)(a): the amount and the payee). */
export interface PaymentSummary {
  /** A cancellation of a confirmed request, rather than a payment. */
  readonly cancellation: boolean;
  readonly title: string;
  readonly note: string | undefined;
  readonly instant: boolean;
  readonly lines: readonly PaymentLine[];
  readonly total: string;
  /** Where a refusal sends the browser: the pages' forms may lead there (CSP `form-action`). */
  readonly failureUrl: string;
}

/** A cancellation (`modification`) of a confirmed request is what waits for the PSU, not the payment. */
export function isCancellation(request: PaymentRequest): boolean {
  return request.status === 'accepted' && request.modification !== undefined;
}

/** The instructions the PSU approves: those still to pay, or for a cancellation those it cancels. */
export function concernedInstructions(request: PaymentRequest): readonly PaymentInstruction[] {
  const open = request.instructions.filter((instruction) => instruction.status !== 'rejected');
  const cancelled = request.modification?.cancel ?? [];
  return isCancellation(request)
    ? open.filter((instruction) => cancelled.includes(instruction.instructionId))
    : open;
}

function totalOf(instructions: readonly PaymentInstruction[]): Money {
  const zero = parseAmount('0', instructions[0]?.amount.currency ?? 'EUR');
  return instructions.reduce((total, instruction) => addMoney(total, instruction.amount), zero);
}

/** What the SMS code is sent for (RTS Art. 5(1)(a)): the total and the payees' names. */
export function transactionToSign(request: PaymentRequest): TransactionToSign {
  const instructions = concernedInstructions(request);
  const payees = new Set(instructions.map((instruction) => instruction.creditor.name));
  return { amount: totalOf(instructions), payee: [...payees].join(', ') };
}

function lineOf(instruction: PaymentInstruction, locale: Locale): PaymentLine {
  const text = messages(locale);
  const order = instruction.standingOrder;
  const frequency = order ? text.frequencies[order.frequency] : '';
  const schedule = order?.endDate
    ? fill(text.scheduleUntil, { frequency, date: displayDate(order.endDate, locale) })
    : fill(text.scheduleOpenEnded, { frequency });
  return {
    amount: displayAmount(instruction.amount, locale),
    creditorName: instruction.creditor.name,
    creditorIban: displayIban(instruction.creditor.iban),
    executionDate: displayDate(instruction.executionDate, locale),
    schedule: order ? schedule : undefined,
    remittance: instruction.remittance,
  };
}

/** The request as the PSU reads it, in the PSU's language, naming the payment initiator from the register. */
export function paymentSummary(request: PaymentRequest, locale: Locale, initiator: string): PaymentSummary {
  const text = messages(locale);
  const cancellation = isCancellation(request);
  const instructions = concernedInstructions(request);
  return {
    cancellation,
    title: fill(cancellation ? text.cancellationSummary : text.paymentSummary, { tpp: initiator }),
    note: cancellation ? text.cancellationNote : undefined,
    instant: request.instant,
    lines: instructions.map((instruction) => lineOf(instruction, locale)),
    total: displayAmount(totalOf(instructions), locale),
    failureUrl: request.failureUrl,
  };
}
