import type { FastifyReply } from 'fastify';
import type { ScaSession } from '../../core/sca/sca-session.ts';
import { codeExpiry } from '../../core/tokens/token-lifetimes.ts';
import { hashSecret, randomSecret } from '../../security/secrets.ts';
import type { OAuthErrorCode } from '../oauth-error.ts';
import { type PsuRefusal, paymentFailureUrl } from './payment-outcome.ts';
import { clearedCookie } from './sca-cookie.ts';
import type { ScaDeps } from './sca-deps.ts';

/** The TPP's redirect URI with response parameters added to any query it already has (RFC 6749 §3.1.2). */
export function tppRedirectUrl(
  redirectUri: string,
  parameters: Readonly<Record<string, string | undefined>>,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

/**
 * How a pass ends: a code, or an error; `refusal` is what a payment request the pass was approving records
 * (the PSU refused, was idle, failed the authentication), none when nothing the PSU did ended it.
 */
export type Outcome =
  | { readonly code: string }
  | {
      readonly error: OAuthErrorCode;
      readonly description: string;
      readonly refusal?: PsuRefusal;
    };

/** RTS Art. 4(3)(d): the customer was inactive too long (a payment request: no answer, STET `NOAS`). */
export function inactivityOutcome(inactivitySeconds: number): Outcome {
  return {
    error: 'access_denied',
    description: `The customer was inactive for more than ${inactivitySeconds} s (RTS Art. 4(3)(d))`,
    refusal: 'no-answer',
  };
}

/**
 * Ends the customer's pass through the bank's pages: the session is deleted and the browser goes back to
 * the TPP with `code` or `error`, always with `state` as received and `iss` (RFC 6749 §4.1.2, RFC 9207).
 * A payment approval (`/payment-approval/:id`) goes back to the request's `successfulReportUrl` with the
 * code, or to its `unsuccessfulReportUrl` with the error, the request refused for the outcome's reason:
 * every way a payment pass ends comes through here.
 */
export async function finish(
  reply: FastifyReply,
  deps: ScaDeps,
  session: ScaSession,
  outcome: Outcome,
): Promise<FastifyReply> {
  await deps.sessions.delete(session.id);
  if ('error' in outcome) reply.request.auditError ??= outcome.error;
  const parameters =
    'code' in outcome
      ? { code: outcome.code }
      : { error: outcome.error, error_description: outcome.description };
  const target =
    'error' in outcome && session.paymentRequestId !== undefined
      ? await paymentFailureUrl(deps, session, outcome.refusal)
      : session.redirectUri;
  return reply
    .header('set-cookie', clearedCookie())
    .header('cache-control', 'no-store')
    .redirect(
      tppRedirectUrl(target, {
        ...parameters,
        state: session.state,
        iss: reply.request.establishment.publicUrl,
      }),
      303,
    );
}

/**
 * Ends a pass that the customer completed: a single-use authorization code bound to the consent, the
 * session's redirect URI and its PKCE challenge (none for a payment approval) goes back to the TPP (RFC 6749
 * §4.1.2).
 */
export async function finishWithCode(
  reply: FastifyReply,
  deps: ScaDeps,
  session: ScaSession,
  consentId: string,
): Promise<FastifyReply> {
  const code = randomSecret();
  await deps.codes.save({
    codeHash: hashSecret(code),
    establishment: session.establishment,
    clientId: session.clientId,
    redirectUri: session.redirectUri,
    codeChallenge: session.codeChallenge,
    consentId,
    expiresAt: codeExpiry(deps.now()),
  });
  return finish(reply, deps, session, { code });
}
