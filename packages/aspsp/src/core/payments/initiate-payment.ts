import { randomBytes } from 'node:crypto';
import type { Money } from '@openstet/protocol';
import { addDays, utcDate } from '../accounts/calendar-day.ts';
import { canonicalJson } from './canonical-json.ts';
import type { PaymentDeps } from './payment-deps.ts';
import type { Creditor, PaymentInstruction, PaymentRequest, StandingOrder } from './payment-request.ts';
import { PAYMENT_RULES } from './payment-rules.ts';

/** One instruction as an initiator asks for it, before the bank keeps it. */
export interface InstructionAsked {
  readonly instructionId: string;
  readonly endToEndId: string | undefined;
  readonly amount: Money;
  readonly creditor: Creditor;
  readonly remittance: string;
  /** The requested execution date (`YYYY-MM-DD`), or none: as soon as confirmed. */
  readonly executionDate: string | undefined;
  readonly standingOrder: StandingOrder | undefined;
}

/** A payment request as an API standard parsed it, with the fields the standard checked. */
export interface PaymentAsked {
  readonly establishment: string;
  readonly clientId: string;
  readonly paymentInformationId: string;
  readonly instant: boolean;
  readonly debtorIban: string | undefined;
  readonly instructions: readonly InstructionAsked[];
  readonly successUrl: string;
  readonly failureUrl: string;
  readonly exemptionRequested: boolean;
  readonly document: unknown;
}

/** What the bank does not take, each naming what to change; the standard says it in its codes. */
export type InitiationRefusal =
  | { readonly reason: 'too-many-instructions'; readonly max: number }
  | { readonly reason: 'mixed-currencies' }
  | { readonly reason: 'date-in-the-past' | 'date-too-far'; readonly index: number }
  | { readonly reason: 'instant-not-immediate'; readonly index: number }
  | { readonly reason: 'end-before-start'; readonly index: number }
  | { readonly reason: 'same-reference-other-request' };

export type InitiationOutcome =
  | { readonly request: PaymentRequest; readonly repeated: boolean }
  | { readonly refusal: InitiationRefusal };

/** A resource id of 128 random bits, in the identifier alphabet of every API standard (hex). */
function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

function refusalOf(asked: PaymentAsked, today: string): InitiationRefusal | undefined {
  if (asked.instructions.length > PAYMENT_RULES.maxInstructions)
    return { reason: 'too-many-instructions', max: PAYMENT_RULES.maxInstructions };
  const currencies = new Set(asked.instructions.map((instruction) => instruction.amount.currency));
  if (currencies.size > 1) return { reason: 'mixed-currencies' };
  const latest = addDays(today, PAYMENT_RULES.maxDaysAhead);
  for (const [index, instruction] of asked.instructions.entries()) {
    const date = instruction.executionDate ?? today;
    if (date < today) return { reason: 'date-in-the-past', index };
    if (date > latest) return { reason: 'date-too-far', index };
    if (asked.instant && (date !== today || instruction.standingOrder))
      return { reason: 'instant-not-immediate', index };
    const end = instruction.standingOrder?.endDate;
    if (end !== undefined && end < date) return { reason: 'end-before-start', index };
  }
  return undefined;
}

function kept(instruction: InstructionAsked, today: string): PaymentInstruction {
  const executionDate = instruction.executionDate ?? today;
  return {
    ...instruction,
    executionDate,
    status: 'waiting',
    reason: undefined,
    nextExecutionDate: executionDate,
    pendingOrders: [],
    executions: 0,
  };
}

/**
 * Records a payment request (`received`), to be approved by the PSU within `PAYMENT_RULES.approvalMinutes`.
 * The same `paymentInformationId` from the same initiator within 24 hours gives back the first request
 * (`repeated`), never a second one, when the request is the same; a different request under a reference
 * already used is refused.
 */
export async function initiatePayment(deps: PaymentDeps, asked: PaymentAsked): Promise<InitiationOutcome> {
  const now = deps.now();
  const today = utcDate(now);
  const refusal = refusalOf(asked, today);
  if (refusal) return { refusal };
  const request: PaymentRequest = {
    id: newRequestId(),
    establishment: asked.establishment,
    clientId: asked.clientId,
    paymentInformationId: asked.paymentInformationId,
    createdAt: now,
    instant: asked.instant,
    requestedDebtorIban: asked.debtorIban,
    instructions: asked.instructions.map((instruction) => kept(instruction, today)),
    successUrl: asked.successUrl,
    failureUrl: asked.failureUrl,
    exemptionRequested: asked.exemptionRequested,
    status: 'received',
    reason: undefined,
    approvalDeadline: new Date(now.getTime() + PAYMENT_RULES.approvalMinutes * 60_000),
    approval: undefined,
    confirmedAt: undefined,
    modification: undefined,
    document: asked.document,
    revision: 0,
  };
  const reusableAfter = new Date(now.getTime() - PAYMENT_RULES.idempotencyHours * 3_600_000);
  const outcome = await deps.payments.record(request, reusableAfter);
  if ('recorded' in outcome) return { request: outcome.recorded, repeated: false };
  const same = canonicalJson(outcome.existing.document) === canonicalJson(asked.document);
  return same
    ? { request: outcome.existing, repeated: true }
    : { refusal: { reason: 'same-reference-other-request' } };
}
