import type { FastifyReply } from 'fastify';
import type { ScaSession } from '../../core/sca/sca-session.ts';
import { hashSecret, randomSecret } from '../../security/secrets.ts';
import { sessionCookie } from './sca-cookie.ts';
import type { ScaDeps } from './sca-deps.ts';

/** What the page that opens a pass decided: who asks, where the customer goes back, for what. */
export type SessionToOpen = Pick<
  ScaSession,
  'clientId' | 'establishment' | 'redirectUri' | 'scopes' | 'state' | 'codeChallenge' | 'paymentRequestId'
>;

/**
 * Opens the customer's pass at the bank at the login step: a session cookie (`__Host-`, SameSite=Strict,
 * set on the page itself, never on a redirect, so that the forms that follow carry it) and the session's
 * CSRF synchronizer token, both kept as hashes only.
 */
export async function openScaSession(
  reply: FastifyReply,
  deps: ScaDeps,
  opened: SessionToOpen,
): Promise<{ readonly session: ScaSession; readonly csrf: string }> {
  const cookie = randomSecret();
  const csrf = randomSecret();
  const session = {
    ...opened,
    id: randomSecret(),
    cookieHash: hashSecret(cookie),
    csrfHash: hashSecret(csrf),
    step: 'login' as const,
    psuId: undefined,
    failures: 0,
    otpDestination: undefined,
    lastActivityAt: deps.now(),
  };
  // Sessions abandoned for an hour (tab closed) are removed as new ones open.
  await deps.sessions.deleteIdleSince(new Date(deps.now().getTime() - 3_600_000));
  await deps.sessions.create(session);
  reply.header('set-cookie', sessionCookie(cookie, 3600));
  return { session, csrf };
}
