import { addDays, utcDate } from './calendar-day.ts';

/**
 * Without `extended_transaction_history` an AISP sees at most 90 days of history (seed, and RTS Art. 10
 * before it was amended); the default window, with or without it, is those 90 days (ADR 0006).
 */
export const UNEXTENDED_HISTORY_DAYS = 90;

/** The dates an AISP asked for (`YYYY-MM-DD`): `from` inclusive, `to` exclusive. */
/** The first day a window can name: a page cursor counts days from it. */
const FIRST_DAY = '1970-01-01';
const notBefore = (date: string) => (date < FIRST_DAY ? FIRST_DAY : date);

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
  const earliest = addDays(utcDate(now), -UNEXTENDED_HISTORY_DAYS);
  const from = notBefore(asked.from ?? earliest);
  return Object.freeze({
    from: extendedHistory || from > earliest ? from : earliest,
    to: asked.to === undefined ? undefined : notBefore(asked.to),
  });
}
