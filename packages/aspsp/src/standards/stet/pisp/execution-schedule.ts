import { utcDate } from '../../../core/accounts/calendar-day.ts';
import type { ExecutionRule, Frequency, StandingOrder } from '../../../core/payments/payment-request.ts';
import { Errors } from '../../../http/api-error.ts';

type Json = Readonly<Record<string, unknown>>;

/** ISO 20022 EventFrequency7Code, as STET's `frequency` restricts it. */
const FREQUENCIES: Readonly<Record<string, Frequency>> = {
  DAIL: 'daily',
  WEEK: 'weekly',
  TOWK: 'two-weekly',
  MNTH: 'monthly',
  TOMN: 'two-monthly',
  QUTR: 'quarterly',
  SEMI: 'half-yearly',
  YEAR: 'yearly',
};
/** STET `executionRule`: the following (FWNG) or preceding (PREC) working day. */
const RULES: Readonly<Record<string, ExecutionRule>> = { FWNG: 'following', PREC: 'preceding' };

/**
 * The calendar day (`YYYY-MM-DD`, UTC: the bank's books run on UTC days) of a STET date-time at `field`,
 * which the schema checked; a date-time JavaScript cannot place (a leap second) is 400 FF01 naming it.
 */
export function executionDay(text: string, field: string): string {
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime()))
    throw Errors.invalidBody(`${field} must be a date-time such as 2024-01-31T12:00:00Z`);
  return utcDate(instant);
}

/**
 * The standing order of an instruction at `field` (STET CR160: `frequency`, an optional `endDate` and an
 * `executionRule`, following working day when absent), or undefined without `frequency`: `endDate` and
 * `executionRule` alone are refused rather than ignored.
 */
export function standingOrderOf(instruction: Json, field: string): StandingOrder | undefined {
  const { frequency, endDate, executionRule } = instruction;
  if (frequency === undefined) {
    if (endDate !== undefined || executionRule !== undefined)
      throw Errors.invalidBody(
        `${field}.frequency is missing: endDate and executionRule are for standing orders`,
      );
    return undefined;
  }
  return {
    frequency: FREQUENCIES[frequency as string] as Frequency,
    endDate: endDate === undefined ? undefined : executionDay(endDate as string, `${field}.endDate`),
    executionRule: RULES[(executionRule as string | undefined) ?? 'FWNG'] as ExecutionRule,
  };
}
