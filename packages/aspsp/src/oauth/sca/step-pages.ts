import type { FastifyReply } from 'fastify';
import { roleOfScope } from '../../core/consent/scopes.ts';
import type { CurrentAccount } from '../../core/ports/core-banking.ts';
import type { ScaSession } from '../../core/sca/sca-session.ts';
import { displayIban } from './display-formats.ts';
import type { Locale } from './locale.ts';
import { fill, messages } from './messages.ts';
import { type PageName, sendPage } from './pages.ts';
import type { PaymentSummary } from './payment-summary.ts';
import type { ScaDeps } from './sca-deps.ts';

export interface StepView {
  readonly session: ScaSession;
  readonly csrf: string;
  readonly locale: Locale;
  readonly clientName: string;
  readonly status?: number;
  readonly error?: string;
  /** On a payment approval, the payment every step shows (RTS Art. 5(1)(a)). */
  readonly payment?: PaymentSummary;
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
    formTarget: [view.session.redirectUri, ...(view.payment ? [view.payment.failureUrl] : [])],
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
      payment: view.payment,
      ...data,
    },
  });
}

function loginIntro(view: StepView): string {
  const text = messages(view.locale);
  if (!view.payment) return text.loginIntro;
  return view.payment.cancellation ? text.cancellationLoginIntro : text.paymentLoginIntro;
}

export function showLogin(reply: FastifyReply, deps: ScaDeps, view: StepView) {
  return show(reply, deps, 'login', view, {
    intro: fill(loginIntro(view), { tpp: view.clientName }),
    // The knowledge step (RTS Art. 6): the password is typed with the id, on the same page.
    askPassword: deps.strongAuthentication.knowledge !== undefined,
  });
}

export function showOtp(reply: FastifyReply, deps: ScaDeps, view: StepView, destination: string) {
  const text = messages(view.locale);
  return show(reply, deps, 'otp', view, {
    intro: fill(text.otpIntro, { destination }),
    // Dynamic linking (RTS Art. 5(1)(a)): the PSU is told what the code approves.
    note: view.payment ? text.paymentOtpNote : undefined,
  });
}

function accountView(account: CurrentAccount, locale: Locale) {
  const text = messages(locale);
  const statusLabel = { open: undefined, closed: text.statusClosed, blocked: text.statusBlocked } as const;
  return {
    iban: account.iban,
    displayIban: displayIban(account.iban),
    name: account.name,
    statusLabel: statusLabel[account.status],
  };
}

export function showConsent(
  reply: FastifyReply,
  deps: ScaDeps,
  view: StepView,
  accounts: readonly CurrentAccount[],
) {
  const text = messages(view.locale);
  const role = roleOfScope(view.session.scopes[0] ?? 'cbpii');
  return show(reply, deps, 'consent', view, {
    intro: fill(role === 'aisp' ? text.consentAisp : text.consentCbpii, { tpp: view.clientName }),
    accounts: accounts.map((account) => accountView(account, view.locale)),
  });
}

/** The payment step's choice: accounts to pick from (radio), or the one account debited, or none at all. */
export type DebtorChoice =
  | { readonly choose: readonly CurrentAccount[] }
  | { readonly debited: CurrentAccount | { readonly iban: string; readonly name: string } };

export function showPayment(reply: FastifyReply, deps: ScaDeps, view: StepView, choice: DebtorChoice) {
  const text = messages(view.locale);
  const cancellation = view.payment?.cancellation === true;
  const debited =
    'debited' in choice
      ? { name: choice.debited.name, displayIban: displayIban(choice.debited.iban) }
      : undefined;
  const accounts =
    'choose' in choice ? choice.choose.map((account) => accountView(account, view.locale)) : [];
  const intro = cancellation ? text.cancellationIntro : debited ? text.paymentFromIntro : text.paymentIntro;
  return show(reply, deps, 'payment', view, {
    title: cancellation ? text.cancellationTitle : text.paymentTitle,
    intro: accounts.length > 0 || debited ? intro : text.noPayableAccount,
    debited,
    accounts,
    canApprove: accounts.length > 0 || debited !== undefined,
  });
}
