import { replayWindow } from '../security/replay-window.ts';
import { Errors } from './api-error.ts';

/**
 * Refuses a verified signed request whose X-Request-ID its TPP already used (ADR 0004). A signed Date is
 * accepted from `skew` before the bank's clock to `skew` after it, so a request stays verifiable for twice
 * the skew after it is first seen: its X-Request-ID is remembered that long.
 */
export function replayGuard(clockSkewSeconds: number, now: () => Date) {
  const windowSeconds = 2 * clockSkewSeconds;
  const seen = replayWindow(windowSeconds * 1000, () => now().getTime());
  return (organizationIdentifier: string, requestId: string): void => {
    if (seen.firstUse(`${organizationIdentifier} ${requestId}`)) return;
    throw Errors.replayedRequest(
      `X-Request-ID ${requestId.slice(0, 40)} was already used in the last ${windowSeconds} s: send a new one with every request`,
    );
  };
}
