import { addDays, dayNumber } from '../accounts/calendar-day.ts';
import type { Frequency, StandingOrder } from './payment-request.ts';

const MONTHS: Partial<Record<Frequency, number>> = {
  monthly: 1,
  'two-monthly': 2,
  quarterly: 3,
  'half-yearly': 6,
  yearly: 12,
};
const DAYS: Partial<Record<Frequency, number>> = { daily: 1, weekly: 7, 'two-weekly': 14 };

/** The `n`th date of the schedule starting on `start` (`YYYY-MM-DD`); month ends are kept (31st → 30th). */
export function scheduledDate(start: string, frequency: Frequency, n: number): string {
  const days = DAYS[frequency];
  if (days !== undefined) return addDays(start, days * n);
  const [year, month, day] = start.split('-').map(Number) as [number, number, number];
  const months = month - 1 + (MONTHS[frequency] ?? 1) * n;
  const lastDay = new Date(Date.UTC(year, months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** A Saturday or Sunday moves to the following (or preceding) Monday (or Friday): ISO 20022 FWNG / PREC. */
export function workingDay(date: string, rule: StandingOrder['executionRule']): string {
  const weekday = (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  if (weekday === 6) return addDays(date, rule === 'following' ? 2 : -1);
  if (weekday === 0) return addDays(date, rule === 'following' ? 1 : -2);
  return date;
}

/**
 * The execution after execution number `done` (0 = the first) of an instruction starting on `start`, or
 * undefined when the schedule ended. A one-off payment has one execution.
 */
export function executionDate(
  start: string,
  standingOrder: StandingOrder | undefined,
  done: number,
): string | undefined {
  if (!standingOrder) return done === 0 ? start : undefined;
  const date = workingDay(scheduledDate(start, standingOrder.frequency, done), standingOrder.executionRule);
  return standingOrder.endDate !== undefined && date > standingOrder.endDate ? undefined : date;
}
