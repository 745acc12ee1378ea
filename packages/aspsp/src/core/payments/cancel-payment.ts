import { CoreBankingUnavailable } from '../ports/core-banking.ts';
import type { PaymentDeps } from './payment-deps.ts';
import { progressOf, rejectAll } from './payment-progress.ts';
import type { PaymentInstruction, PaymentRequest } from './payment-request.ts';
import { PAYMENT_RULES } from './payment-rules.ts';

export type CancellationRefusal =
  /** Executed or rejected already: nothing is left to cancel. */
  | 'final'
  /** An instruction id the request does not have. */
  | 'unknown-instruction'
  /** The instruction's money is booked already. */
  | 'executed';

export type CancellationOutcome =
  /** Cancelled now (nothing was authorised yet, or only what the PSU approved is left). */
  | { readonly cancelled: PaymentRequest }
  /** The PSU must approve the change (a modification after approval, RTS Art. 5(3)), then the initiator confirm it. */
  | { readonly needsApproval: PaymentRequest }
  | { readonly refusal: CancellationRefusal };

/**
 * An instruction cancelled: its schedule stops (no execution after this), and its pending debits are taken
 * back where the books still can. A debit they booked meanwhile stays: that execution was approved and
 * ran. A one-off payment whose debit can no longer be taken back is not cancelled: undefined.
 */
async function withdrawn(
  deps: PaymentDeps,
  instruction: PaymentInstruction,
): Promise<PaymentInstruction | undefined> {
  const kept: string[] = [];
  for (const orderId of instruction.pendingOrders) {
    if (!(await deps.coreBanking.cancelOrder(orderId))) kept.push(orderId);
  }
  if (kept.length > 0 && !instruction.standingOrder) return undefined;
  return {
    ...instruction,
    pendingOrders: kept,
    status: 'rejected',
    reason: 'cancelled',
    nextExecutionDate: undefined,
  };
}

/**
 * Applies the approved cancellation of `ids` to a confirmed request, re-reading and applying again when
 * another change (a scheduler tick) came first; undefined when it is no longer waiting (applied by a
 * confirmation racing this one, or dropped).
 */
export async function applyCancellation(
  deps: PaymentDeps,
  start: PaymentRequest,
  ids: readonly string[],
): Promise<PaymentRequest | undefined> {
  let request: PaymentRequest | undefined = start;
  while (request) {
    const instructions: PaymentInstruction[] = [];
    for (const instruction of request.instructions) {
      const cancel = ids.includes(instruction.instructionId) && instruction.status !== 'rejected';
      const changed = cancel ? await withdrawn(deps, instruction).catch(unavailableAsKept) : instruction;
      instructions.push(changed ?? instruction);
    }
    const changed = await deps.payments.change(request, {
      instructions,
      modification: undefined,
      ...progressOf(instructions),
    });
    if (changed) return changed;
    const reread = await deps.payments.find(request.establishment, request.id);
    request = reread?.modification?.approvedAt ? reread : undefined;
  }
  return undefined;
}

function unavailableAsKept(error: unknown): undefined {
  if (error instanceof CoreBankingUnavailable) return undefined;
  throw error;
}

/** A one-off payment executed and booked already: nothing of it can be cancelled. */
function booked(request: PaymentRequest, ids: readonly string[]): boolean {
  return request.instructions.some(
    (instruction) =>
      ids.includes(instruction.instructionId) &&
      !instruction.standingOrder &&
      instruction.executions > 0 &&
      instruction.pendingOrders.length === 0,
  );
}

/**
 * The initiator cancels a request, whole or some instructions (STET `PUT`, RJCT / DS02):
 * - before the PSU approved it, or the whole of an approved one not yet confirmed: cancelled at once,
 *   nothing had been authorised to move;
 * - some instructions of an approved one: the rest needs a new approval, as anything the PSU approved and
 *   that changed does (RTS Art. 5(3));
 * - a confirmed one (a date to come, a standing order): the PSU approves the cancellation, the initiator
 *   confirms it.
 */
export async function cancelPayment(
  deps: PaymentDeps,
  request: PaymentRequest,
  ids: readonly string[],
): Promise<CancellationOutcome> {
  if (request.status === 'rejected' || request.status === 'settled') return { refusal: 'final' };
  const known = new Set(request.instructions.map((instruction) => instruction.instructionId));
  if (ids.some((id) => !known.has(id))) return { refusal: 'unknown-instruction' };
  const open = request.instructions.filter(
    (instruction) => instruction.status !== 'rejected' && !ids.includes(instruction.instructionId),
  );
  const now = deps.now();
  const deadline = new Date(now.getTime() + PAYMENT_RULES.approvalMinutes * 60_000);
  if (request.status === 'accepted') {
    if (booked(request, ids)) return { refusal: 'executed' };
    const modification = { cancel: ids, requestedAt: now, approvedAt: undefined, approvalDeadline: deadline };
    const changed = await deps.payments.change(request, { modification });
    return changed ? { needsApproval: changed } : cancelPayment(deps, await reread(deps, request), ids);
  }
  const instructions = rejectAll(request.instructions, 'cancelled', ids);
  const change =
    open.length === 0
      ? { status: 'rejected' as const, reason: 'cancelled' as const, instructions }
      : { status: 'received' as const, approval: undefined, approvalDeadline: deadline, instructions };
  const changed = await deps.payments.change(request, change);
  if (!changed) return cancelPayment(deps, await reread(deps, request), ids);
  return open.length === 0 ? { cancelled: changed } : { needsApproval: changed };
}

async function reread(deps: PaymentDeps, request: PaymentRequest): Promise<PaymentRequest> {
  return (await deps.payments.find(request.establishment, request.id)) ?? request;
}
