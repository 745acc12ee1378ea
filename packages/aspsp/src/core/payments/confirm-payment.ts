import { utcDate } from '../accounts/calendar-day.ts';
import { applyCancellation } from './cancel-payment.ts';
import { currentRequest } from './current-request.ts';
import { executeDue } from './execute-due.ts';
import { paymentBinding } from './payment-binding.ts';
import type { PaymentDeps } from './payment-deps.ts';
import { progressOf } from './payment-progress.ts';
import type { PaymentInstruction, PaymentRequest } from './payment-request.ts';

/** Who confirms: the initiator, and the approval its token comes from when it has one (`o-confirmation`). */
export interface Confirmer {
  readonly establishment: string;
  readonly clientId: string;
  /** The consent behind an authorization-code token: it must be this request's approval. */
  readonly consentId?: string;
}

export type ConfirmationRefusal =
  | 'not-found'
  /** The PSU has not approved it (yet): nothing is executed without the PSU (RTS Art. 5). */
  | 'not-approved'
  /** Confirmed already (a second confirmation, or one racing on another node): executed once. */
  | 'already-confirmed'
  | 'rejected'
  /** The token's approval is not this request's. */
  | 'other-approval';

export type ConfirmationOutcome =
  | { readonly confirmed: PaymentRequest }
  | { readonly refusal: ConfirmationRefusal };

/** The orders an execution attempt sent and left pending, per instruction (to take back if it is overruled). */
function sentOrders(before: PaymentRequest, after: readonly PaymentInstruction[]): string[][] {
  return after.map((instruction, index) =>
    instruction.pendingOrders.filter(
      (orderId) => !before.instructions[index]?.pendingOrders.includes(orderId),
    ),
  );
}

/** Nothing moved: no write, so a tick that found nothing new never races the initiator's own changes. */
function unchanged(before: PaymentRequest, after: readonly PaymentInstruction[]): boolean {
  return after.every((instruction, index) => {
    const old = before.instructions[index];
    return (
      old?.status === instruction.status &&
      old.executions === instruction.executions &&
      old.nextExecutionDate === instruction.nextExecutionDate &&
      old.pendingOrders.join() === instruction.pendingOrders.join()
    );
  });
}

/**
 * Persists the executions due today, retrying on a concurrent change (the scheduler may run the same
 * request at once: the books answer the same orders the same way, so a retry never debits twice). When
 * the concurrent change was a cancellation, the debits this attempt sent for what it cancelled are taken
 * back, so no debit is left that no request records.
 */
export async function executeAndRecord(deps: PaymentDeps, start: PaymentRequest): Promise<PaymentRequest> {
  let request = start;
  for (;;) {
    const instructions = await executeDue(deps.coreBanking, request, utcDate(deps.now()));
    if (unchanged(request, instructions)) return request;
    const changed = await deps.payments.change(request, { instructions, ...progressOf(instructions) });
    if (changed) return changed;
    const reread = await deps.payments.find(request.establishment, request.id);
    const sent = sentOrders(request, instructions);
    for (const [index, orderIds] of sent.entries()) {
      const overruled = reread?.status !== 'accepted' || reread.instructions[index]?.status === 'rejected';
      if (overruled) for (const orderId of orderIds) await deps.coreBanking.cancelOrder(orderId);
    }
    if (reread?.status !== 'accepted') return reread ?? request;
    request = reread;
  }
}

function refusalOf(request: PaymentRequest, confirmer: Confirmer): ConfirmationRefusal | undefined {
  if (request.status === 'rejected') return 'rejected';
  if (request.status === 'received') return 'not-approved';
  if (request.status !== 'approved' && !request.modification) return 'already-confirmed';
  if (request.modification && request.modification.approvedAt === undefined) return 'not-approved';
  if (confirmer.consentId !== undefined && confirmer.consentId !== request.approval?.consentId)
    return 'other-approval';
  const approval = request.approval;
  if (
    request.status === 'approved' &&
    (!approval || paymentBinding(approval.debtorIban, request.instructions) !== approval.binding)
  )
    return 'not-approved';
  return undefined;
}

/**
 * The initiator confirms a request the PSU approved (STET `…/confirmation`, `…/o-confirmation`): only then
 * does the bank execute it ("The ASPSP must wait for confirmation", seed). The move from `approved` to
 * `accepted` is one conditional update: of two confirmations racing, one executes, the other is refused.
 * What is due today executes at once (instant payments settle or are rejected); later dates and standing
 * orders are the scheduler's. A cancellation the PSU approved is applied the same way.
 */
export async function confirmPayment(
  deps: PaymentDeps,
  confirmer: Confirmer,
  id: string,
): Promise<ConfirmationOutcome> {
  const request = await currentRequest(deps, confirmer.establishment, id);
  if (!request || request.clientId !== confirmer.clientId) return { refusal: 'not-found' };
  const refusal = refusalOf(request, confirmer);
  if (refusal) return { refusal };
  if (request.modification) {
    const cancelled = await applyCancellation(deps, request, request.modification.cancel);
    return cancelled ? { confirmed: cancelled } : { refusal: 'already-confirmed' };
  }
  const accepted = await deps.payments.change(request, { status: 'accepted', confirmedAt: deps.now() });
  if (!accepted) return { refusal: 'already-confirmed' };
  return { confirmed: await executeAndRecord(deps, accepted) };
}
