import type { PaymentDeps } from './payment-deps.ts';
import { rejectAll } from './payment-progress.ts';
import type { PaymentRequest, RejectionReason } from './payment-request.ts';

/**
 * The request as it stands now: one the PSU left unapproved past its deadline is rejected as unanswered
 * (STET Part I §4.4: "NOAS"), one the initiator left unconfirmed past its own as not confirmed, and a
 * cancellation left unapproved past its deadline is dropped. Reading a request
 * applies what time decided, so no node waits for the scheduler to see it.
 */
export async function currentRequest(
  deps: PaymentDeps,
  establishment: string,
  id: string,
): Promise<PaymentRequest | undefined> {
  for (;;) {
    const request = await deps.payments.find(establishment, id);
    if (!request) return undefined;
    const now = deps.now();
    const waiting = request.status === 'received' || request.status === 'approved';
    const expired = waiting && request.approvalDeadline <= now;
    const dropped =
      request.modification?.approvedAt === undefined &&
      request.modification !== undefined &&
      request.modification.approvalDeadline <= now;
    if (!expired && !dropped) return request;
    const reason: RejectionReason = request.status === 'received' ? 'no-answer' : 'not-confirmed';
    const change = expired
      ? { status: 'rejected' as const, reason, instructions: rejectAll(request.instructions, reason) }
      : { modification: undefined };
    const changed = await deps.payments.change(request, change);
    if (changed) return changed;
  }
}
