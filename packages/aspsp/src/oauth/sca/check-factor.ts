import type { PsuProfile } from '../../bank/core-banking.ts';
import { lockEnd, SCA_LOCKOUT } from '../../domain/sca-attempts.ts';
import type { ScaDeps } from './sca-deps.ts';

/** 'ok', 'locked', or the attempts left after a failure. */
export type FactorOutcome = 'ok' | 'locked' | number;

/**
 * Checks one authentication element (the password, the SMS code) with the attempt counted first, per
 * customer and atomically (RTS Art. 4(3)(b)): the fifth consecutive failure, whichever the element, locks
 * the customer's SCA whatever the session. A correct SMS code ends the authentication and starts the count
 * again; a correct password only gives its attempt back, or knowing the password would buy endless
 * guesses at the SMS code.
 */
export async function checkFactor(
  deps: Pick<ScaDeps, 'scaAttempts' | 'now'>,
  psu: PsuProfile,
  element: { readonly check: () => Promise<boolean>; readonly endsAuthentication: boolean },
): Promise<FactorOutcome> {
  const now = deps.now();
  if (await deps.scaAttempts.lockedUntil(psu.psuId, now)) return 'locked';
  const attempt = await deps.scaAttempts.reserve(psu.psuId, now);
  if (attempt > SCA_LOCKOUT.maxFailures) return 'locked';
  if (await element.check()) {
    if (element.endsAuthentication) await deps.scaAttempts.succeeded(psu.psuId);
    else await deps.scaAttempts.release(psu.psuId);
    return 'ok';
  }
  if (attempt < SCA_LOCKOUT.maxFailures) return SCA_LOCKOUT.maxFailures - attempt;
  await deps.scaAttempts.lock(psu.psuId, lockEnd(now));
  return 'locked';
}
