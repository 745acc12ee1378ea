import { dayNumber } from '../../core/accounts/calendar-day.ts';

/*
 * The `entryReference`s of the in-memory sandbox accounts (ADR 0006, ADR 0007): `day × 1000 + slot`, `day`
 * counted from 1970-01-01. The port wants a reference higher for every entry recorded later; a day's
 * slots are split so that it holds for the generated history and for payments alike:
 * - slots 0–499: the generated history (`account-history.ts`), booked entries from 0 up, today's pending
 *   card payments from 499 down;
 * - slots 500–999: the payments executed on the account (the overlay, `payment-overlay.ts`), in the order
 *   they were recorded, on the day they were recorded. A payment recorded today is above every generated
 *   entry of today, and tomorrow's generated entries are above it.
 */

/** References a day spans. */
export const SLOTS_PER_DAY = 1000;
/** The generated history's slots, 0 to 499. */
export const GENERATED_SLOTS = 500;
/** How many payments an account may record on one day (slots 500 to 999). */
export const PAYMENT_SLOTS = SLOTS_PER_DAY - GENERATED_SLOTS;

/** The reference of the generated entry in `slot` (0–499) of `day`. */
export function generatedReference(day: number, slot: number): number {
  return day * SLOTS_PER_DAY + slot;
}

/** The reference of the payment recorded on `date` (`YYYY-MM-DD`) after `recordedBefore` others that day. */
export function paymentReference(date: string, recordedBefore: number): number {
  if (recordedBefore >= PAYMENT_SLOTS) throw new RangeError(`more than ${PAYMENT_SLOTS} payments on one day`);
  return dayNumber(date) * SLOTS_PER_DAY + GENERATED_SLOTS + recordedBefore;
}
