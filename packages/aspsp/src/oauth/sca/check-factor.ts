import type { FastifyReply } from 'fastify';
import { lockEnd, SCA_LOCKOUT } from '../../core/sca/sca-attempts.ts';
import { finish } from './finish.ts';
import type { ScaDeps } from './sca-deps.ts';
import type { ScaContext } from './session-context.ts';

/** The end of a pass whose customer is locked out. */
export const LOCKED = {
  error: 'access_denied',
  description: 'Too many failed attempts: the authentication is locked (RTS Art. 4(3)(b))',
} as const;

export interface Element {
  readonly check: () => Promise<boolean>;
  /** The SMS code ends the authentication; the password does not. */
  readonly endsAuthentication: boolean;
  /** The audit trail's name for a wrong value, e.g. WRONG_OTP. */
  readonly wrong: string;
  /** Shows the page for a wrong value, with the attempts left. */
  readonly retry: (left: number) => Promise<unknown>;
}

/** 'ok', 'locked', or the attempts left after a failure. */
export type FactorOutcome = 'ok' | 'locked' | number;

/**
 * Checks one authentication element (the password, the SMS code) with the attempt counted first, per
 * `customer` (a psuId, or the hash of an unknown typed id) and atomically (RTS Art. 4(3)(b)): the fifth consecutive failure, whichever the element, locks
 * the customer's SCA whatever the session. A correct SMS code ends the authentication and starts the count
 * again; a correct password only gives its attempt back, or knowing the password would buy endless
 * guesses at the SMS code.
 */
export async function checkFactor(
  deps: Pick<ScaDeps, 'scaAttempts' | 'now'>,
  customer: string,
  element: { readonly check: () => Promise<boolean>; readonly endsAuthentication: boolean },
): Promise<FactorOutcome> {
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

/**
 * One element checked and its failure answered: a lock sends the customer back to the TPP, a wrong value
 * shows `retry`. True when it answered (the element was refused). A boolean, never the reply: a reply is
 * thenable, and awaiting it waits for the response instead of returning it.
 */
export async function refusedElement(
  reply: FastifyReply,
  deps: ScaDeps,
  context: ScaContext,
  customer: string,
  element: Element,
): Promise<boolean> {
  const outcome = await checkFactor(deps, customer, element);
  if (outcome === 'ok') return false;
  if (outcome === 'locked') {
    reply.request.auditError = 'SCA_LOCKED';
    await finish(reply, deps, context.session, LOCKED);
    return true;
  }
  reply.request.auditError = element.wrong;
  await deps.sessions.update(context.session.id, { lastActivityAt: deps.now() });
  await element.retry(outcome);
  return true;
}
