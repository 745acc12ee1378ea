import { addDays, utcDate } from './calendar-day.ts';

/**
 * Without `extended_transaction_history` an AISP sees at most 90 days of history, today included (RTS
 * Art. 10a(1)(b): the transactions of the last 90 days need no new SCA); the default window, with or
 * without the scope, is those 90 days (ADR 0006).
 */
export const UNEXTENDED_HISTORY_DAYS = 90;

/** The first day a window can name: a page cursor counts days from it. */
const FIRST_DAY = '1970-01-01';
const notBefore = (date: string) => (date < FIRST_DAY ? FIRST_DAY : date);

/** The dates an AISP asked for (`YYYY-MM-DD`): `from` inclusive, `to` exclusive. */
export interface AskedWindow {
  readonly from: string | undefined;
  readonly to: string | undefined;
}

export interface HistoryWindow {
  readonly from: string;
  readonly to: string | undefined;
}

/**
 * The window a read applies: the asked one, starting 90 days back when no start is asked, and never
 * earlier than that without the extended scope. An earlier start is clamped, not refused (ADR 0006): AISPs
 * that always ask for 13 months get what they may see.
 */
export function historyWindow(now: Date, asked: AskedWindow, extendedHistory: boolean): HistoryWindow {
  const earliest = addDays(utcDate(now), 1 - UNEXTENDED_HISTORY_DAYS);
  const from = notBefore(asked.from ?? earliest);
  return Object.freeze({
    from: extendedHistory || from > earliest ? from : earliest,
    to: asked.to === undefined ? undefined : notBefore(asked.to),
  });
}
