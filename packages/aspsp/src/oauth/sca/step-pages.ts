import type { FastifyReply } from 'fastify';
import { roleOfScope } from '../../core/consent/scopes.ts';
import type { CurrentAccount } from '../../core/ports/core-banking.ts';
import type { ScaSession } from '../../core/sca/sca-session.ts';
import type { Locale } from './locale.ts';
import { fill, messages } from './messages.ts';
import { type PageName, sendPage } from './pages.ts';
import type { ScaDeps } from './sca-deps.ts';

export interface StepView {
  readonly session: ScaSession;
  readonly csrf: string;
  readonly locale: Locale;
  readonly clientName: string;
  readonly status?: number;
  readonly error?: string;
}

function displayIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

async function show(
  reply: FastifyReply,
  deps: ScaDeps,
  page: PageName,
  view: StepView,
  data: Record<string, unknown>,
) {
  const text = messages(view.locale);
  return sendPage(reply, page, {
    locale: view.locale,
    formTarget: view.session.redirectUri,
    ...(view.status ? { status: view.status } : {}),
    data: {
      csrf: view.csrf,
      error: view.error,
      sandbox: deps.sandbox,
      timeoutSeconds: deps.inactivitySeconds,
      inactivity: fill(text.inactivity, {
        minutes: Math.max(1, Math.round(deps.inactivitySeconds / 60)),
        tpp: view.clientName,
      }),
      ...data,
    },
  });
}

export function showLogin(reply: FastifyReply, deps: ScaDeps, view: StepView) {
  return show(reply, deps, 'login', view, {
    intro: fill(messages(view.locale).loginIntro, { tpp: view.clientName }),
    // The knowledge step (RTS Art. 6): the password is typed with the id, on the same page.
    askPassword: deps.strongAuthentication.knowledge !== undefined,
  });
}

export function showOtp(reply: FastifyReply, deps: ScaDeps, view: StepView, destination: string) {
  return show(reply, deps, 'otp', view, { intro: fill(messages(view.locale).otpIntro, { destination }) });
}

export function showConsent(
  reply: FastifyReply,
  deps: ScaDeps,
  view: StepView,
  accounts: readonly CurrentAccount[],
) {
  const text = messages(view.locale);
  const role = roleOfScope(view.session.scopes[0] ?? 'cbpii');
  const statusLabel = { open: undefined, closed: text.statusClosed, blocked: text.statusBlocked } as const;
  return show(reply, deps, 'consent', view, {
    intro: fill(role === 'aisp' ? text.consentAisp : text.consentCbpii, { tpp: view.clientName }),
    accounts: accounts.map((account) => ({
      iban: account.iban,
      displayIban: displayIban(account.iban),
      name: account.name,
      statusLabel: statusLabel[account.status],
    })),
  });
}
