import { utcDate } from '../accounts/calendar-day.ts';
import { executeAndRecord } from './confirm-payment.ts';
import { currentRequest } from './current-request.ts';
import type { PaymentDeps } from './payment-deps.ts';

/** Requests read per page; a tick goes through every page. */
const BATCH = 100;

/**
 * The scheduler's tick (every node runs it, `app.ts` housekeeping): rejects requests left unapproved past
 * their deadline, runs the executions due today (future-dated payments, standing orders) and books debits
 * the bank booked meanwhile. Two nodes may tick at once: each change is conditional and each order
 * idempotent, so every execution runs once. Returns how many requests it looked at.
 */
export async function runScheduledPayments(deps: PaymentDeps): Promise<number> {
  const now = deps.now();
  let seen = 0;
  let after: string | undefined;
  for (;;) {
    const due = await deps.payments.dueForScheduler(utcDate(now), now, BATCH, after);
    for (const { establishment, id } of due) {
      const request = await currentRequest(deps, establishment, id);
      if (request?.status === 'accepted') await executeAndRecord(deps, request);
    }
    seen += due.length;
    if (due.length < BATCH) return seen;
    after = due.at(-1)?.id;
  }
}
