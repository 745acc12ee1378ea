import type { ScaAttempts } from './sca-attempts.ts';

/**
 * RTS Art. 4(3)(b): "the number of failed authentication attempts that can take place consecutively
 * ... shall not exceed five within a given period of time"; then the SCA is locked for `lockMinutes`.
 */
export const SCA_LOCKOUT = Object.freeze({ maxFailures: 5, lockMinutes: 30 });

/** One authentication element to check: the password, the SMS code. */
export interface AuthenticationElement {
  readonly check: () => Promise<boolean>;
  /** The SMS code ends the authentication; the password does not. */
  readonly endsAuthentication: boolean;
}

/** 'ok', 'locked', or the attempts left after a failure. */
export type ElementOutcome = 'ok' | 'locked' | number;

function lockEnd(now: Date): Date {
  return new Date(now.getTime() + SCA_LOCKOUT.lockMinutes * 60_000);
}

/**
 * Checks one authentication element with the attempt counted first, per `customer` (a psuId, or the hash
 * of an unknown typed id) and atomically: the fifth consecutive failure, whichever the element, locks the
 * customer's SCA whatever the session, so neither new sessions nor concurrent posts get more tries. A
 * correct SMS code ends the authentication and starts the count again; a correct password only gives its
 * attempt back, or knowing the password would buy endless guesses at the SMS code.
 */
export async function checkElement(
  deps: { readonly scaAttempts: ScaAttempts; readonly now: () => Date },
  customer: string,
  element: AuthenticationElement,
): Promise<ElementOutcome> {
  const now = deps.now();
  if (await deps.scaAttempts.lockedUntil(customer, now)) return 'locked';
  const attempt = await deps.scaAttempts.reserve(customer, now);
  if (attempt > SCA_LOCKOUT.maxFailures) {
    // Past the maximum with no lock set: concurrent posts raced past the fifth (one of them a right
    // password, whose release left the count at the maximum). Lock now, or the count would never reset.
    if (!(await deps.scaAttempts.lockedUntil(customer, now)))
      await deps.scaAttempts.lock(customer, lockEnd(now));
    return 'locked';
  }
  if (await element.check()) {
    if (element.endsAuthentication) await deps.scaAttempts.succeeded(customer);
    else await deps.scaAttempts.release(customer);
    return 'ok';
  }
  if (attempt < SCA_LOCKOUT.maxFailures) return SCA_LOCKOUT.maxFailures - attempt;
  await deps.scaAttempts.lock(customer, lockEnd(now));
  return 'locked';
}
