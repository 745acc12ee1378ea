import { fetchPage, fieldValue, type Page, stopOn } from './sandbox-pages.ts';

export interface SandboxPaymentApprovalOptions {
  /** The `approvalUrl` of `createPaymentRequest` (STET `_links.consentApproval`). */
  readonly approvalUrl: string;
  /** The persona's online-banking id, e.g. `D0999990I0` (Marc). */
  readonly onlineBankingId: string;
  /** The sandbox SMS code (the same for every persona). */
  readonly smsCode?: string;
  /** Sent when the login page asks for it (`OPENSTET_SCA_KNOWLEDGE_STEP=true`), e.g. `Marc#13807`. */
  readonly password?: string;
  /** The account to pay from when the page lets the customer choose; the first one offered otherwise. */
  readonly debtorIban?: string;
  /** What the customer answers on the payment page: `approve` (the default) or `deny`. */
  readonly action?: 'approve' | 'deny';
  /** CA certificate of the sandbox's server certificate. */
  readonly ca?: string;
}

/** The account radios of the payment page (`debtorAccount`, value = IBAN): only accounts that can pay. */
const offeredAccounts = (html: string) =>
  [...html.matchAll(/name="debtorAccount" value="([^"]+)"/g)].map((match) => match[1] ?? '');

function paymentFields(page: Page, options: SandboxPaymentApprovalOptions): [string, string][] {
  const action = options.action ?? 'approve';
  const offered = offeredAccounts(page.body);
  if (action === 'deny' || offered.length === 0) return [['action', action]];
  const chosen = options.debtorIban ?? offered[0] ?? '';
  if (!offered.includes(chosen))
    throw new Error(
      `The sandbox does not offer ${chosen} for this payment (it offers the accounts that can pay: ${offered.join(', ')})`,
    );
  return [
    ['debtorAccount', chosen],
    ['action', action],
  ];
}

/** The form the page shows, as the post that answers it: login, SMS code, then the payment itself. */
function answerTo(page: Page, options: SandboxPaymentApprovalOptions): [string, [string, string][]] {
  if (/name="username"/.test(page.body)) {
    const asked = /name="password"/.test(page.body);
    if (asked && options.password === undefined)
      throw new Error("The sandbox asks for the persona's password (knowledge step): give `password`");
    const password: [string, string][] = asked ? [['password', options.password ?? '']] : [];
    return ['/sca/login', [['username', options.onlineBankingId], ...password, ['action', 'approve']]];
  }
  if (/name="otp"/.test(page.body))
    return [
      '/sca/otp',
      [
        ['otp', options.smsCode ?? '12345678'],
        ['action', 'approve'],
      ],
    ];
  if (/action="\/sca\/payment"/.test(page.body)) return ['/sca/payment', paymentFields(page, options)];
  stopOn(page, 'payment approval');
  throw new Error(`The sandbox showed no page this driver knows (HTTP ${page.status})`);
}

/**
 * For the openstet sandbox only: plays the customer on the bank's payment approval pages with plain form
 * posts (openstet's field names: username, otp, debtorAccount, action) and returns the URL the bank
 * redirected to: `successfulReportUrl` with `code`, or `unsuccessfulReportUrl` with `error`. The SMS step is
 * skipped when the bank applies an exemption. Never use it against a real bank: customers approve themselves.
 * @example
 * const { id, approvalUrl } = await bank.createPaymentRequest({ creditor: { name: 'Claire Bernard', iban: 'FR7620041010050001234560463' },
 *   amount: '50.00', successfulReportUrl: 'https://tpp.example/paid' });
 * if (approvalUrl) await completeSandboxPaymentApproval({ approvalUrl, onlineBankingId: 'D0999990I0', ca: 'tpp/ca.pem' });
 * const { status } = await bank.confirm(id);
 */
export async function completeSandboxPaymentApproval(options: SandboxPaymentApprovalOptions): Promise<URL> {
  const origin = new URL(options.approvalUrl).origin;
  let page = await fetchPage(options.approvalUrl, options.ca, '');
  let cookie = page.cookie ?? '';
  let csrf = fieldValue(page.body, 'csrf') ?? '';
  // Login, SMS code, payment: a fourth page would be one this driver does not know.
  for (let step = 0; step < 4; step++) {
    if (page.location) return new URL(page.location, origin);
    const [path, fields] = answerTo(page, options);
    page = await fetchPage(
      `${origin}${path}`,
      options.ca,
      cookie,
      new URLSearchParams([['csrf', csrf], ...fields]),
    );
    cookie = page.cookie ?? cookie;
    csrf = fieldValue(page.body, 'csrf') ?? csrf;
    if (!page.location) stopOn(page, path.slice('/sca/'.length));
  }
  throw new Error(`The sandbox did not redirect after the payment approval (HTTP ${page.status})`);
}
