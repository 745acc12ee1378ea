import type { FastifyReply } from 'fastify';
import { type AuthenticationElement, checkElement } from '../../core/sca/sca-lockout.ts';
import { finish } from './finish.ts';
import type { ScaDeps } from './sca-deps.ts';
import type { ScaContext } from './session-context.ts';

/** The end of a pass whose customer is locked out. */
export const LOCKED = {
  error: 'access_denied',
  description: 'Too many failed attempts: the authentication is locked (RTS Art. 4(3)(b))',
  refusal: 'authentication-failed',
} as const;

export interface Element extends AuthenticationElement {
  /** The audit trail's name for a wrong value, e.g. WRONG_OTP. */
  readonly wrong: string;
  /** Shows the page for a wrong value, with the attempts left. */
  readonly retry: (left: number) => Promise<unknown>;
}

/**
 * One element checked by the core's lockout rule (`core/sca/sca-lockout.ts`) and its failure answered: a
 * lock sends the customer back to the TPP, a wrong value shows `retry`. True when it answered (the element
 * was refused). A boolean, never the reply: a reply is thenable, and awaiting it waits for the response
 * instead of returning it.
 */
export async function refusedElement(
  reply: FastifyReply,
  deps: ScaDeps,
  context: ScaContext,
  customer: string,
  element: Element,
): Promise<boolean> {
  const outcome = await checkElement(deps, customer, element);
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
