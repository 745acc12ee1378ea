import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { roleOfScope } from '../../core/consent/scopes.ts';
import { CoreBankingUnavailable, type PsuProfile } from '../../core/ports/core-banking.ts';
import { SCA_RULES, type ScaSession } from '../../core/sca/sca-session.ts';
import { codeExpiry } from '../../core/tokens/token-lifetimes.ts';
import { hashSecret, randomSecret } from '../../security/secrets.ts';
import { LOCKED, refusedElement } from './check-factor.ts';
import { finish, inactivityOutcome } from './finish.ts';
import { negotiateLocale } from './locale.ts';
import { fill, messages } from './messages.ts';
import { sendPage } from './pages.ts';
import { readSessionCookie } from './sca-cookie.ts';
import type { ScaDeps } from './sca-deps.ts';
import { field, openContext, type ScaContext } from './session-context.ts';
import { type StepView, showConsent, showLogin, showOtp } from './step-pages.ts';

const STYLE = readFileSync(new URL('./views/style.css', import.meta.url));

async function view(deps: ScaDeps, context: ScaContext, error?: string): Promise<StepView> {
  // The name from the register of licensed TPPs, not the self-declared client_name (the PSU trusts it).
  const licence = await deps.licence(context.session.clientId);
  return {
    session: context.session,
    csrf: field(context.form, 'csrf') ?? '',
    locale: context.locale,
    clientName: licence?.name ?? context.session.clientId,
    ...(error ? { error } : {}),
  };
}

/** An unknown online-banking id: the fifth in a session ends the pass with access_denied. */
async function failed(reply: FastifyReply, deps: ScaDeps, session: ScaSession): Promise<number | undefined> {
  const failures = session.failures + 1;
  if (failures >= SCA_RULES.maxFailures) {
    reply.request.auditError = 'TOO_MANY_UNKNOWN_IDS';
    await finish(reply, deps, session, {
      error: 'access_denied',
      description: 'Too many failed attempts: the authentication is locked (RTS Art. 4(3)(b))',
    });
    return undefined;
  }
  await deps.sessions.update(session.id, { failures, lastActivityAt: deps.now() });
  return SCA_RULES.maxFailures - failures;
}

/** The attempt counter of an id no customer has: its hash, as ids are compared (trimmed, any case). */
function unknownCustomer(typed: string): string {
  return `unknown:${hashSecret(typed.trim().toUpperCase())}`;
}

async function psuOf(deps: ScaDeps, session: ScaSession): Promise<PsuProfile | undefined> {
  return session.psuId ? deps.coreBanking.psuById(session.psuId) : undefined;
}

/**
 * The customer's steps at the bank (redirect SCA, seed "Récupérer votre jeton" step 3): online-banking id
 * (with a password when the bank runs a knowledge step), then the SMS code (RTS Art. 4), then the consent
 * choosing the accounts.
 * "Annuler"/"Refuser" (`action=deny`) at any step, an outage of the bank's systems, a lockout or five
 * minutes of inactivity send the customer back to the TPP with an error — the TPP always gets them back.
 */
export function scaRoutes(app: FastifyInstance, deps: ScaDeps): void {
  const cancelled = { error: 'access_denied', description: 'The customer cancelled at the bank' } as const;
  const unavailable = {
    error: 'temporarily_unavailable',
    description: "The bank's systems did not answer: try again later",
  } as const;

  app.post('/sca/login', async (request, reply) => {
    const context = await openContext(request, reply, deps, 'login');
    if (!context) return reply;
    const { session, form } = context;
    if (field(form, 'action') === 'deny') return finish(reply, deps, session, cancelled);
    const knowledge = deps.strongAuthentication.knowledge;
    try {
      const typed = field(form, 'username') ?? '';
      const psu = await deps.coreBanking.findPsu(typed);
      if (psu) request.auditParties = { clientId: session.clientId, psuId: psu.psuId };
      if (knowledge) {
        // Id and password together: an unknown id is refused like a wrong password, counted and locked
        // per typed id like a customer, so that the page tells no one which ids exist.
        const password = field(form, 'password') ?? '';
        const answered = await refusedElement(reply, deps, context, psu?.psuId ?? unknownCustomer(typed), {
          check: async () => (psu ? knowledge.verify(psu, password) : false),
          endsAuthentication: false,
          wrong: psu ? 'WRONG_PASSWORD' : 'UNKNOWN_USER',
          retry: async () =>
            showLogin(reply, deps, await view(deps, context, messages(context.locale).wrongCredentials)),
        });
        if (answered || !psu) return reply;
      } else {
        if (!psu) {
          request.auditError = 'UNKNOWN_USER';
          const left = await failed(reply, deps, session);
          if (left === undefined) return reply;
          return showLogin(reply, deps, await view(deps, context, messages(context.locale).unknownUser));
        }
        // A locked customer gets no SMS at all until the lock ends.
        if (await deps.scaAttempts.lockedUntil(psu.psuId, deps.now())) {
          request.auditError = 'SCA_LOCKED';
          return finish(reply, deps, session, LOCKED);
        }
      }
      const challenge = await deps.strongAuthentication.challenge(psu);
      await deps.sessions.update(session.id, {
        step: 'otp',
        psuId: psu.psuId,
        failures: 0,
        lastActivityAt: deps.now(),
        otpDestination: challenge.maskedDestination,
      });
      return showOtp(reply, deps, await view(deps, context), challenge.maskedDestination);
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) return finish(reply, deps, session, unavailable);
      throw error;
    }
  });

  app.post('/sca/otp', async (request, reply) => {
    const context = await openContext(request, reply, deps, 'otp');
    if (!context) return reply;
    const { session, form } = context;
    if (field(form, 'action') === 'deny') return finish(reply, deps, session, cancelled);
    try {
      const psu = await psuOf(deps, session);
      if (!psu) return finish(reply, deps, session, cancelled);
      const otp = field(form, 'otp') ?? '';
      const answered = await refusedElement(reply, deps, context, psu.psuId, {
        check: () => deps.strongAuthentication.verify(psu, otp),
        endsAuthentication: true,
        wrong: 'WRONG_OTP',
        retry: async (left) => {
          const error = fill(messages(context.locale).wrongOtp, { left });
          return showOtp(reply, deps, await view(deps, context, error), session.otpDestination ?? '');
        },
      });
      if (answered) return reply;
      await deps.sessions.update(session.id, { step: 'consent', failures: 0, lastActivityAt: deps.now() });
      return showConsent(
        reply,
        deps,
        await view(deps, context),
        await deps.coreBanking.currentAccounts(psu.psuId),
      );
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) return finish(reply, deps, session, unavailable);
      throw error;
    }
  });

  app.post('/sca/consent', async (request, reply) => {
    const context = await openContext(request, reply, deps, 'consent');
    if (!context) return reply;
    const { session, form } = context;
    if (field(form, 'action') === 'deny')
      return finish(reply, deps, session, {
        error: 'access_denied',
        description: 'The customer refused the consent',
      });
    try {
      const psuId = session.psuId ?? '';
      const offered = await deps.coreBanking.currentAccounts(psuId);
      const chosen = [form.accounts ?? []].flat().filter((value) => typeof value === 'string');
      // Only accounts the bank offered on the page count, whatever the form says.
      const accounts = offered
        .filter((account) => chosen.includes(account.iban))
        .map((account) => account.iban);
      if (accounts.length === 0) {
        await deps.sessions.update(session.id, { lastActivityAt: deps.now() });
        return showConsent(
          reply,
          deps,
          await view(deps, context, messages(context.locale).noAccountChosen),
          offered,
        );
      }
      const now = deps.now();
      const consentId = randomSecret();
      const role = roleOfScope(session.scopes[0] ?? 'cbpii');
      await deps.consents.save({
        id: consentId,
        psuId,
        clientId: session.clientId,
        role,
        scopes: session.scopes,
        accounts,
        scaAt: now,
      });
      const code = randomSecret();
      await deps.codes.save({
        codeHash: hashSecret(code),
        clientId: session.clientId,
        redirectUri: session.redirectUri,
        codeChallenge: session.codeChallenge,
        consentId,
        expiresAt: codeExpiry(now),
      });
      return finish(reply, deps, session, { code });
    } catch (error) {
      if (error instanceof CoreBankingUnavailable) return finish(reply, deps, session, unavailable);
      throw error;
    }
  });

  // Reached by the pages' <meta http-equiv="refresh"> after the inactivity delay: works without JavaScript.
  app.get('/sca/timeout', async (request, reply) => {
    const cookie = readSessionCookie(request.headers.cookie);
    const session = cookie ? await deps.sessions.findByCookie(hashSecret(cookie)) : undefined;
    if (session) request.auditParties = { clientId: session.clientId, psuId: session.psuId };
    request.auditError = session ? 'INACTIVE' : 'SESSION_UNKNOWN';
    if (!session) {
      const locale = negotiateLocale(request.headers['accept-language']);
      return sendPage(reply, 'error', {
        locale,
        status: 400,
        data: { message: messages(locale).sessionExpired, sandbox: deps.sandbox },
      });
    }
    return finish(reply, deps, session, inactivityOutcome(deps.inactivitySeconds));
  });

  app.get('/sca/style.css', { config: { audit: false } }, async (_request, reply) =>
    reply
      .header('content-type', 'text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(STYLE),
  );
}
