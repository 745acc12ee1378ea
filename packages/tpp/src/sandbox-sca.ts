import { fetchPage, fieldValue, stopOn } from './sandbox-pages.ts';

export interface SandboxScaOptions {
  /** The URL from `authorizationUrl`. */
  readonly authorizationUrl: string;
  /** The persona's online-banking id, e.g. `D0999990I0` (Marc). */
  readonly onlineBankingId: string;
  /** The sandbox SMS code (the same for every persona). */
  readonly smsCode?: string;
  /**
   * The persona's password, sent when the login page asks for one (a sandbox started with
   * `OPENSTET_SCA_KNOWLEDGE_STEP=true`; the README's personas table lists them, e.g. `Marc#13807`).
   */
  readonly password?: string;
  /** IBANs to consent; every account offered when absent. */
  readonly accounts?: readonly string[];
  /** CA certificate of the sandbox's server certificate. */
  readonly ca?: string;
}

/**
 * For the openstet sandbox only: plays the customer on the bank's pages with plain form posts (the
 * field names are openstet's contract: username, password, otp, accounts, action) and returns the URL the bank
 * redirected to, with `code` or `error`. Never use it against a real bank: customers authenticate
 * themselves.
 * @example
 * const { url, state } = bank.authorizationUrl({ scope: 'cbpii', redirectUri: 'http://127.0.0.1:8765/callback' });
 * const back = await completeSandboxSca({ authorizationUrl: url, onlineBankingId: 'D0999990I0', ca: 'tpp/ca.pem' });
 * const code = back.searchParams.get('code');
 * if (code) await bank.exchangeCode({ code, state, redirectUri: 'http://127.0.0.1:8765/callback' });
 */
export async function completeSandboxSca(options: SandboxScaOptions): Promise<URL> {
  const origin = new URL(options.authorizationUrl).origin;
  const login = await fetchPage(options.authorizationUrl, options.ca, '');
  if (login.location) return new URL(login.location);
  const cookie = login.cookie ?? '';
  const csrf = fieldValue(login.body, 'csrf') ?? '';
  const post = (path: string, fields: [string, string][]) =>
    fetchPage(`${origin}${path}`, options.ca, cookie, new URLSearchParams([['csrf', csrf], ...fields]));
  stopOn(login, 'authorization request');
  const askedPassword = /name="password"/.test(login.body);
  if (askedPassword && options.password === undefined)
    throw new Error("The sandbox asks for the persona's password (knowledge step): give `password`");
  const steps: [string, [string, string][]][] = [
    [
      '/sca/login',
      [
        ['username', options.onlineBankingId],
        ...(askedPassword ? [['password', options.password ?? ''] as [string, string]] : []),
        ['action', 'approve'],
      ],
    ],
    [
      '/sca/otp',
      [
        ['otp', options.smsCode ?? '12345678'],
        ['action', 'approve'],
      ],
    ],
  ];
  let page = login;
  for (const [path, fields] of steps) {
    page = await post(path, fields);
    if (page.location) return new URL(page.location);
    stopOn(page, path === '/sca/login' ? 'login' : 'SMS code');
  }
  const offered = [...page.body.matchAll(/name="accounts" value="([^"]+)"/g)].map((match) => match[1] ?? '');
  const accounts = options.accounts ?? offered;
  const done = await post('/sca/consent', [
    ...accounts.map((iban): [string, string] => ['accounts', iban]),
    ['action', 'approve'],
  ]);
  if (!done.location) {
    stopOn(done, 'consent');
    throw new Error(`The sandbox did not redirect after the consent (HTTP ${done.status})`);
  }
  return new URL(done.location);
}
