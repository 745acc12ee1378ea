import { utcDate } from '../core/accounts/calendar-day.ts';
import type { PaymentRequest } from '../core/payments/payment-request.ts';

/**
 * The day the scheduler must next look at a request (`payment_requests.wake_on`), worked out at every
 * write so that `dueForScheduler` is one range of a small index:
 * - `received` or `approved`: the day of its deadline (then it is rejected: unanswered, or not confirmed);
 * - `accepted`: today when a debit it sent is not yet booked (the books are asked again at every tick),
 *   otherwise the earliest next execution of its instructions (a future date, a standing order);
 * - anything else waits for a person (the PSU, the initiator) or is final: none.
 */
export function wakeOn(request: PaymentRequest, now: Date): string | null {
  if (request.status === 'received' || request.status === 'approved')
    return utcDate(request.approvalDeadline);
  if (request.status !== 'accepted') return null;
  const open = request.instructions.filter((instruction) => instruction.status !== 'rejected');
  if (open.some((instruction) => instruction.pendingOrders.length > 0)) return utcDate(now);
  // `YYYY-MM-DD` sorts as text in date order.
  const dates = open.flatMap((instruction) => instruction.nextExecutionDate ?? []).sort();
  return dates[0] ?? null;
}
